"""Generate docs/symbols.md and docs/symbols/*.svg: every symbol and line beside its name.

The pictures are drawn by the legend's own sample function from the tables (SYMBOLS,
UNION_STYLES, ENDINGS, CHILD_STYLES, EMOTION_STYLES), so the page cannot drift from what
genomap draws; tests/test_symbol_docs.py checks that the committed page is up to date.

Usage: python tools/gen_symbol_docs.py [--check]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from genomap import lines as ln
from genomap.geometry import Box
from genomap.glyphs import ConditionScheme
from genomap.legend import TWIN_LABELS, LegendContext, label, sample
from genomap.models import Childlessness, EmotionKind, Parentage, Preset, UnionKind
from genomap.render.svg import SvgRenderer
from genomap.scene import Group, Scene
from genomap.style import style_for
from genomap.symbols import SYMBOLS
from genomap.theme import DEFAULT_THEME

ROOT = Path(__file__).resolve().parent.parent
PAGE = "docs/symbols.md"
PICTURES = "docs/symbols"
WIDTH, HEIGHT = 120.0, 60.0
PRESETS = (Preset.MCGOLDRICK, Preset.NSGC)


@dataclass(frozen=True)
class Row:
    """One concept: how to write it in YAML and the legend key each preset draws for it."""

    yaml: str
    mcgoldrick: str | None
    nsgc: str | None


def _same(yaml: str, key: str) -> Row:
    return Row(yaml, key, key)


PEOPLE = (
    _same("`gender: male`", "symbol:male"),
    _same("`gender: female`", "symbol:female"),
    _same("`gender: non_binary`, `other` or `unknown`", "symbol:gender-diverse"),
    _same("`gender: transgender_male`", "symbol:transgender-man"),
    _same("`gender: transgender_female`", "symbol:transgender-woman"),
    _same("`kind: pet`", "symbol:pet"),
    _same("`count: 3` (or `n`)", "symbol:count"),
    Row("`deceased: true` or a `death` date", "symbol:mcgoldrick/deceased", "symbol:nsgc/deceased"),
    Row("`index: true`", "symbol:mcgoldrick/index", "symbol:nsgc/proband"),
    Row("`consultand: true`", None, "symbol:nsgc/consultand"),
    Row("`parentage: adopted` (McGoldrick: see Children)", None, "symbol:nsgc/adopted"),
    *(
        Row(f"`kind: {kind}`", f"symbol:mcgoldrick/{kind}", f"symbol:nsgc/{kind}")
        for kind in ("pregnancy", "miscarriage", "termination", "stillbirth", "ectopic")
    ),
    Row(
        "a condition of `kind: physical_illness` or `mental_illness`",
        "symbol:mcgoldrick/illness",
        "symbol:nsgc/affected",
    ),
    Row(
        "`kind: alcohol_misuse`, `drug_misuse` or `substance_misuse`",
        "symbol:mcgoldrick/substance",
        "symbol:nsgc/affected",
    ),
    Row("an illness and a misuse", "symbol:mcgoldrick/illness+substance", None),
    Row(
        "a condition of `kind: other`", "symbol:mcgoldrick/other-condition", "symbol:nsgc/affected"
    ),
    *(
        _same(f"`status: {status}`", f"symbol:status/{status.replace('_', '-')}")
        for status in ("suspected", "in_recovery", "past", "carrier", "presymptomatic", "unknown")
    ),
)

ENDING_EVENTS = {
    "separated": "`type: separated` or `legal_separation`",
    "ended": "`type: ended`",
    "divorced": "`type: divorced`",
    "annulled": "`type: annulled`",
    "widowed": "`type: widowed`",
}

SECTIONS: tuple[tuple[str, str, tuple[Row, ...]], ...] = (
    (
        "People",
        "A person's shape follows their gender identity; marks, fills and the text inside add "
        "the rest. Conditions fill regions (McGoldrick) or one colour or quadrant per "
        "condition (NSGC), and the status adds a pattern or a mark.",
        PEOPLE,
    ),
    (
        "Partner lines",
        "`unions[].kind`. McGoldrick draws each kind of union in its own line style; NSGC draws "
        "every partner line solid and writes the kind in the label.",
        (
            *(Row(f"`kind: {k.value}`", f"union:{k.value}", "union:partners") for k in UnionKind),
            _same("`consanguineous: true` (or detected)", "consanguineous"),
        ),
    ),
    (
        "Endings",
        "The last ending event of `unions[].events` marks the partner line. NSGC marks every "
        "ended relationship with `//` and leaves a widow's line plain.",
        tuple(
            Row(text, f"ending:{key}", None if key == "widowed" else "ending:nsgc-ended")
            for key, text in ENDING_EVENTS.items()
        ),
    ),
    (
        "Childlessness",
        "`unions[].childless`.",
        tuple(_same(f"`childless: {c.value}`", f"childless:{c.value}") for c in Childlessness),
    ),
    (
        "Children",
        "`unions[].children[].parentage`; a bare id is a biological child.",
        tuple(_same(f"`parentage: {p.value}`", f"child:{p.value}") for p in Parentage),
    ),
    (
        "Twins",
        "`multiple_births[].zygosity`.",
        tuple(_same(f"`zygosity: {z}`", f"twins:{z}") for z in TWIN_LABELS),
    ),
    (
        "Emotional relationships",
        "`relationships[].kind`, drawn over the genogram. Each kind differs by its geometry "
        "(dashes, parallel lines, zigzags, a glyph at the middle, an arrowhead at the target "
        "of a directed kind); colour is an extra cue only.",
        tuple(_same(f"`kind: {k.value}`", f"emotion:{k.value}") for k in EmotionKind),
    ),
    ("Households", "`households[]`.", (_same("`households: [...]`", "household"),)),
)


def _check_coverage() -> None:
    """Every table entry must appear on the page; a new one needs a row above."""
    used = {key for _, _, rows in SECTIONS for r in rows for key in (r.mcgoldrick, r.nsgc) if key}
    expected = (
        {f"symbol:{k}" for k in SYMBOLS}
        | {f"union:{k.value}" for k in UnionKind}
        | {"union:partners", "consanguineous"}
        | {f"ending:{k}" for k in ln.ENDINGS}
        | {f"childless:{c.value}" for c in Childlessness}
        | {f"child:{p.value}" for p in Parentage}
        | {f"twins:{z}" for z in TWIN_LABELS}
        | {f"emotion:{k.value}" for k in EmotionKind}
        | {"household"}
    )
    missing = sorted(expected - used)
    if missing:
        raise SystemExit(f"gen_symbol_docs: no row for {', '.join(missing)}")


def _context(preset: Preset) -> LegendContext:
    return LegendContext(preset, ConditionScheme(), style_for(preset), DEFAULT_THEME, "s")


def _picture(key: str, ctx: LegendContext) -> str:
    drawn = sample(key, Box(4, 4, WIDTH - 4, HEIGHT - 4), ctx, "s-clip")
    text = label(key, ctx)
    scene = Scene(
        width=WIDTH,
        height=HEIGHT,
        view_box=Box(0, 0, WIDTH, HEIGHT),
        title=text,
        description=f"{text} (legend key {key})",
        children=(Group(drawn.elements, id="s-sample"),),
        defs=tuple(sorted({d.id: d for d in drawn.defs}.values(), key=lambda d: d.id)),
        id_prefix="s",
    )
    return SvgRenderer().render(scene) + "\n"


def _slug(key: str) -> str:
    return key.replace(":", "-").replace("/", "-").replace("+", "-and-").replace("_", "-")


def build() -> dict[str, str]:
    """Every generated file, by path relative to the repository root."""
    _check_coverage()
    contexts = {preset: _context(preset) for preset in PRESETS}
    files: dict[str, str] = {}
    drawn: dict[tuple[Preset, str], str] = {}
    for _, _, rows in SECTIONS:
        for row in rows:
            for preset in PRESETS:
                key = row.mcgoldrick if preset == Preset.MCGOLDRICK else row.nsgc
                if key is not None and (preset, key) not in drawn:
                    drawn[preset, key] = _picture(key, contexts[preset])

    def picture(preset: Preset, key: str | None) -> str:
        if key is None:
            return "—"
        svg = drawn[preset, key]
        other = drawn.get((Preset.NSGC if preset == Preset.MCGOLDRICK else Preset.MCGOLDRICK, key))
        name = _slug(key) if other in (None, svg) else f"{preset.value}-{_slug(key)}"
        files[f"{PICTURES}/{name}.svg"] = svg
        return f"![{label(key, contexts[preset])}](symbols/{name}.svg)"

    out = [
        "# Symbols and lines",
        "",
        "<!-- Generated by tools/gen_symbol_docs.py from genomap's tables: do not edit. -->",
        "",
        "Every symbol and line genomap draws, beside its name and the YAML that asks for it,",
        "in both presets: **McGoldrick** (family therapy, after McGoldrick, Gerson & Petry;",
        "the default) and **NSGC** (genetic pedigrees, after Bennett et al. 2008/2022;",
        "`preset: nsgc`). The pictures come from the same tables as the drawings",
        "(`genomap.symbols.SYMBOLS`, `genomap.lines.UNION_STYLES`, `ENDINGS`, `CHILD_STYLES`,",
        "`genomap.emotion_styles.EMOTION_STYLES`), and a drawing's key shows the rows it uses.",
        "The last column is the key's `data-key` in the SVG legend.",
        "",
        "Regenerate with `python tools/gen_symbol_docs.py`.",
    ]
    for title, intro, rows in SECTIONS:
        out += ["", f"## {title}", "", intro, ""]
        out += [
            "| McGoldrick | NSGC | Meaning | In the YAML | Key |",
            "| --- | --- | --- | --- | --- |",
        ]
        for row in rows:
            mg, ns = row.mcgoldrick, row.nsgc
            meaning = label(mg, contexts[Preset.MCGOLDRICK]) if mg else ""
            nsgc_meaning = label(ns, contexts[Preset.NSGC]) if ns else ""
            if not meaning:
                meaning = nsgc_meaning
            elif nsgc_meaning and nsgc_meaning != meaning:
                meaning += f" (NSGC: {nsgc_meaning})"
            keys = " / ".join(dict.fromkeys(f"`{k}`" for k in (mg, ns) if k))
            cells = [picture(Preset.MCGOLDRICK, mg), picture(Preset.NSGC, ns), meaning]
            out.append(f"| {' | '.join([*cells, row.yaml, keys])} |")
    files[PAGE] = "\n".join(out) + "\n"
    return files


def stale(root: Path = ROOT) -> list[str]:
    """Generated files that differ from the committed ones, and pictures nobody uses."""
    files = build()
    wrong = [
        path
        for path, text in files.items()
        if not (root / path).is_file() or (root / path).read_text(encoding="utf-8") != text
    ]
    extra = [
        str(p.relative_to(root))
        for p in sorted((root / PICTURES).glob("*.svg"))
        if str(p.relative_to(root)) not in files
    ]
    return sorted(wrong + extra)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report out-of-date files")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale()
        for path in problems:
            print(f"out of date: {path}")
        return 1 if problems else 0
    files = build()
    pictures = ROOT / PICTURES
    pictures.mkdir(parents=True, exist_ok=True)
    for old in pictures.glob("*.svg"):
        if f"{PICTURES}/{old.name}" not in files:
            old.unlink()
    for path, text in files.items():
        (ROOT / path).write_text(text, encoding="utf-8")
    print(f"wrote {PAGE} and {len(files) - 1} pictures in {PICTURES}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
