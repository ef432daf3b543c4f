"""Symbols and line styles: one golden SVG per catalogue key and line kind, plus the rules.

Regenerate the goldens on purpose with ``pytest --update-golden`` and look at them (convert to
PNG with cairosvg) before committing.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

from genomap import lines as ln
from genomap.geometry import Box, Point
from genomap.glyphs import ConditionScheme, person_glyph
from genomap.linework import Pen
from genomap.models import (
    DIRECTED_EMOTIONS,
    Childlessness,
    Condition,
    ConditionKind,
    ConditionStatus,
    EmotionKind,
    Gender,
    Parentage,
    Person,
    PersonKind,
    Preset,
    UnionEventType,
    UnionKind,
)
from genomap.render.svg import SvgRenderer
from genomap.scene import Circle, Drawn, Element, Group, Polygon, Polyline, Scene, Text
from genomap.symbols import MARKS, SYMBOLS, Frame, draw_glyph
from genomap.theme import BLACK_AND_WHITE, DEFAULT_THEME

GOLDEN = Path(__file__).parent / "golden" / "symbols"
S = 40.0
PEN = Pen(S, DEFAULT_THEME.line_s * S, DEFAULT_THEME.ink, DEFAULT_THEME.paper)
LINE = (Point(10.0, 30.0), Point(170.0, 30.0))


def _svg(drawn: Drawn, width: float, height: float, name: str) -> str:
    scene = Scene(
        width=width,
        height=height,
        view_box=Box(0, 0, width, height),
        title=name,
        description=f"genomap golden sample: {name}",
        children=(Group(drawn.elements, id="t-sample"),),
        defs=tuple(sorted({d.id: d for d in drawn.defs}.values(), key=lambda d: d.id)),
        id_prefix="t",
    )
    return SvgRenderer().render(scene)


def _check_golden(name: str, text: str, request: pytest.FixtureRequest) -> None:
    golden = GOLDEN / f"{name}.svg"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden for {name}: run pytest --update-golden"
    assert text + "\n" == golden.read_text(encoding="utf-8")


def _symbol(key: str) -> Drawn:
    symbol = SYMBOLS[key]
    size = S / 2 if symbol.small else S
    return draw_glyph(
        symbol.glyph,
        Frame(55, 40, size, unit=S),
        DEFAULT_THEME,
        clip_id="t-clip",
        pattern_prefix="t",
    )


@pytest.mark.parametrize("key", list(SYMBOLS))
def test_symbol_golden(key: str, request: pytest.FixtureRequest) -> None:
    _check_golden(
        "symbol-" + key.replace("/", "-").replace("+", "-and-"),
        _svg(_symbol(key), 100, 100, key),
        request,
    )


def _line_samples() -> dict[str, Callable[[], list[Element]]]:
    samples: dict[str, Callable[[], list[Element]]] = {}
    for kind in UnionKind:
        samples[f"union-{kind.value}"] = lambda k=kind: (
            ln.draw_union([LINE], k, Preset.MCGOLDRICK, double=False, pen=PEN)
            + ([ln.house(Point(90, 30), PEN)] if ln.union_style(k, Preset.MCGOLDRICK).house else [])
        )
    samples["union-nsgc"] = lambda: ln.draw_union(
        [LINE], UnionKind.AFFAIR, Preset.NSGC, double=False, pen=PEN
    )
    samples["union-consanguineous"] = lambda: ln.draw_union(
        [LINE], UnionKind.MARRIAGE, Preset.MCGOLDRICK, double=True, pen=PEN
    )
    u_shape = (Point(40, 5), Point(40, 40), Point(140, 40), Point(140, 5))
    samples["union-committed-drops"] = lambda: ln.draw_union(
        [u_shape], UnionKind.COMMITTED, Preset.MCGOLDRICK, double=False, pen=PEN
    )
    for key in ln.ENDINGS:
        samples[f"ending-{key}"] = lambda k=key: [
            Polyline(LINE, PEN.stroke()),
            *ln.draw_ending(k, Point(90, 30), (1.0, 0.0), PEN),
        ]
    for reason in Childlessness:
        samples[f"childless-{reason.value}"] = lambda r=reason: ln.draw_childless(
            Point(90, 10), r, PEN
        )
    for preset in Preset:
        for parentage in Parentage:
            style = ln.child_style(parentage, preset)
            if preset == Preset.NSGC and style == ln.child_style(parentage, Preset.MCGOLDRICK):
                continue
            path = (Point(90, 5), Point(60, 55)) if parentage != Parentage.BIOLOGICAL else LINE
            samples[f"child-{preset.value}-{parentage.value}"] = lambda p=path, st=style: (
                ln.draw_child_link(p, st, PEN)
            )
    for kind in EmotionKind:
        samples[f"emotion-{kind.value}"] = lambda k=kind: _emotion(k, Preset.NSGC)
    for kind in ln.MCGOLDRICK_EMOTIONS:
        samples[f"emotion-mcgoldrick-{kind.value}"] = lambda k=kind: _emotion(k, Preset.MCGOLDRICK)
    samples["emotion-mutual-jealous"] = lambda: ln.draw_emotion(
        LINE, ln.emotion_style(EmotionKind.JEALOUS, Preset.NSGC), PEN, mutual=True
    )
    return samples


def _emotion(kind: EmotionKind, preset: Preset, theme: object = DEFAULT_THEME) -> list[Element]:
    style = ln.emotion_style(kind, preset)
    colour = DEFAULT_THEME.family(style.family) if theme is DEFAULT_THEME else "#000000"
    return ln.draw_emotion(LINE, style, Pen(S, 1.4, colour, "#ffffff"))


LINE_SAMPLES = _line_samples()


@pytest.mark.parametrize("name", list(LINE_SAMPLES))
def test_line_golden(name: str, request: pytest.FixtureRequest) -> None:
    drawn = Drawn(tuple(LINE_SAMPLES[name]()))
    _check_golden(name, _svg(drawn, 180, 60, name), request)


# --------------------------------------------------------------------------- symbol rules


def _signature(elements: list[Element] | tuple[Element, ...]) -> tuple[object, ...]:
    """The geometry of some elements, colours left out: what survives a photocopier."""
    result: list[object] = []
    for e in elements:
        if isinstance(e, Group):
            result.append(("g", _signature(e.children)))
        elif isinstance(e, Polyline | Polygon):
            points = tuple((round(p.x, 1), round(p.y, 1)) for p in e.points)
            dash = e.stroke.dash if e.stroke else ()
            filled = isinstance(e, Polygon) and e.fill not in (None, "#ffffff")
            result.append((type(e).__name__, points, dash, filled))
        elif isinstance(e, Circle):
            result.append(("c", round(e.cx, 1), round(e.cy, 1), round(e.r, 1)))
        elif isinstance(e, Text):
            result.append(("t", e.text))
        else:
            result.append((type(e).__name__,))
    return tuple(result)


def _person(**fields: object) -> Person:
    return Person.model_validate({"id": "p", **fields})


def _glyph(preset: Preset, **fields: object) -> tuple[str, ...]:
    person = _person(**fields)
    chosen = person_glyph(person, preset, ConditionScheme.of([person]))
    return chosen.keys


@pytest.mark.parametrize("preset", list(Preset))
@pytest.mark.parametrize("kind", list(PersonKind))
@pytest.mark.parametrize("gender", list(Gender))
def test_every_person_resolves_to_catalogue_keys(
    preset: Preset, kind: PersonKind, gender: Gender
) -> None:
    person = _person(
        gender=gender, kind=kind, index=True, deceased=True, conditions=[{"kind": "other"}]
    )
    chosen = person_glyph(person, preset, ConditionScheme.of([person]), adopted=True)
    assert chosen.keys
    for key in chosen.keys:
        assert key in SYMBOLS or key.startswith("condition:"), key
    assert set(chosen.glyph.marks) <= set(MARKS)


def test_preset_differences() -> None:
    m, n = Preset.MCGOLDRICK, Preset.NSGC
    assert "mcgoldrick/deceased" in _glyph(m, gender="male", deceased=True)
    assert "nsgc/deceased" in _glyph(n, gender="male", deceased=True)
    assert "mcgoldrick/index" in _glyph(m, gender="female", index=True)
    assert "nsgc/proband" in _glyph(n, gender="female", index=True)
    assert "nsgc/consultand" in _glyph(n, gender="female", consultand=True)
    assert _glyph(m, gender="female", consultand=True) == ("female",)
    for kind in ("pregnancy", "miscarriage", "termination", "stillbirth", "ectopic"):
        assert f"mcgoldrick/{kind}" in _glyph(m, kind=kind)
        assert f"nsgc/{kind}" in _glyph(n, kind=kind)
    # A stillbirth shows its own symbol, not a separate "deceased" entry.
    assert "mcgoldrick/deceased" not in _glyph(m, kind="stillbirth")


def test_shapes_follow_gender_identity_and_pets_avoid_the_diamond() -> None:
    scheme = ConditionScheme()
    shape = {
        g: person_glyph(_person(gender=g), Preset.MCGOLDRICK, scheme).glyph.shape for g in Gender
    }
    assert shape[Gender.MALE] == shape[Gender.TRANSGENDER_MALE] == "square"
    assert shape[Gender.FEMALE] == shape[Gender.TRANSGENDER_FEMALE] == "circle"
    assert shape[Gender.NON_BINARY] == shape[Gender.UNKNOWN] == shape[Gender.OTHER] == "diamond"
    pet = person_glyph(_person(kind="pet", gender="unknown"), Preset.MCGOLDRICK, scheme).glyph
    assert pet.shape == "hexagon" and "paw" in pet.marks


def test_mcgoldrick_condition_regions() -> None:
    def regions(*kinds: ConditionKind) -> set[str]:
        person = _person(gender="male", conditions=[{"kind": k} for k in kinds])
        glyph = person_glyph(person, Preset.MCGOLDRICK, ConditionScheme.of([person])).glyph
        return {f.region for f in glyph.fills}

    assert regions(ConditionKind.MENTAL_ILLNESS) == {"left"}
    assert regions(ConditionKind.DRUG_MISUSE) == {"lower"}
    assert regions(ConditionKind.PHYSICAL_ILLNESS, ConditionKind.ALCOHOL_MISUSE) == {
        "left",
        "lower",
    }
    assert regions(ConditionKind.OTHER) == {"upper-right"}


def test_nsgc_quadrants_follow_condition_order() -> None:
    a = _person(conditions=[{"kind": "other", "name": "A"}])
    b = _person(conditions=[{"kind": "other", "name": "B"}, {"kind": "other", "name": "a"}])
    scheme = ConditionScheme.of([a, b])
    assert scheme.names == ("A", "B")
    fills = person_glyph(b, Preset.NSGC, scheme).glyph.fills
    assert [(f.region, f.index, f.count) for f in fills] == [("sector", 0, 2), ("sector", 1, 2)]
    single = ConditionScheme.of([a])
    assert person_glyph(a, Preset.NSGC, single).glyph.fills[0].region == "whole"


def test_statuses_have_distinct_patterns_or_marks() -> None:
    theme = DEFAULT_THEME
    patterns = {theme.status_pattern(s) for s in ConditionStatus if s in theme.status_patterns}
    assert len(patterns) == len(theme.status_patterns)
    assert theme.status_pattern(ConditionStatus.CURRENT) == "solid"
    condition = Condition(kind=ConditionKind.OTHER, status=ConditionStatus.PRESYMPTOMATIC)
    person = _person(conditions=[condition.model_dump()])
    glyph = person_glyph(person, Preset.NSGC, ConditionScheme.of([person])).glyph
    assert glyph.fills == () and "vertical" in glyph.marks


def test_fills_are_clipped_to_the_outline() -> None:
    drawn = _symbol("mcgoldrick/illness+substance")
    clip_ids = {d.id for d in drawn.defs if type(d).__name__ == "ClipPath"}
    clipped = [e for e in drawn.elements if isinstance(e, Group) and e.clip]
    assert clip_ids == {"t-clip"} and clipped and clipped[0].clip == "t-clip"


def test_every_mark_is_in_the_catalogue() -> None:
    used = {m for symbol in SYMBOLS.values() for m in symbol.glyph.marks}
    assert used == set(MARKS)


def test_frame_anchors() -> None:
    anchors = Frame(10, 20, 40).anchors()
    assert anchors["top"] == Point(10, 0) and anchors["bottom"] == Point(10, 40)
    assert anchors["left"] == Point(-10, 20) and anchors["right"] == Point(30, 20)
    assert anchors["center"] == Point(10, 20)


# --------------------------------------------------------------------------- line rules


@pytest.mark.parametrize("preset", list(Preset))
def test_directed_kinds_and_only_they_have_arrows(preset: Preset) -> None:
    for kind in EmotionKind:
        has_arrow = ln.emotion_style(kind, preset).arrow is not None
        assert has_arrow == (kind in DIRECTED_EMOTIONS), kind


@pytest.mark.parametrize("preset", list(Preset))
def test_emotional_kinds_differ_in_black_and_white(preset: Preset) -> None:
    signatures = {kind: _signature(_emotion(kind, preset, BLACK_AND_WHITE)) for kind in EmotionKind}
    for a, b in itertools.combinations(EmotionKind, 2):
        assert signatures[a] != signatures[b], (a, b)


def test_union_and_child_kinds_differ_in_black_and_white() -> None:
    same_as_marriage = {UnionKind.MARRIAGE, UnionKind.CIVIL_PARTNERSHIP, UnionKind.UNKNOWN}
    seen: dict[object, UnionKind] = {}
    for kind in UnionKind:
        style = ln.union_style(kind, Preset.MCGOLDRICK)
        signature = (
            _signature(ln.draw_union([LINE], kind, Preset.MCGOLDRICK, double=False, pen=PEN)),
            style.house,
        )
        if kind in same_as_marriage:
            continue
        assert signature not in seen, (kind, seen.get(signature))
        seen[signature] = kind
    dashes = {(*ln.CHILD_STYLES[p].dash, ln.CHILD_STYLES[p].letter or "") for p in Parentage}
    assert len(dashes) == len(Parentage)


def test_endings() -> None:
    m, n = Preset.MCGOLDRICK, Preset.NSGC
    assert ln.ending_key(UnionEventType.SEPARATED, m) == "separated"
    assert ln.ending_key(UnionEventType.DIVORCED, m) == "divorced"
    assert ln.ending_key(UnionEventType.ANNULLED, m) == "annulled"
    assert ln.ending_key(UnionEventType.WIDOWED, m) == "widowed"
    assert ln.ending_key(UnionEventType.RECONCILED, m) is None
    assert ln.ending_key(UnionEventType.REMARRIED, n) is None
    assert ln.ending_key(UnionEventType.SEPARATED, n) == ln.ending_key(UnionEventType.DIVORCED, n)
    assert ln.ending_key(UnionEventType.WIDOWED, n) is None
    assert [len(ln.draw_ending(k, Point(0, 0), (1.0, 0.0), PEN)) for k in ln.ENDINGS] == [
        1,
        1,
        2,
        3,
        2,
        2,
    ]


def test_ending_marks_avoid_the_label_and_the_descent() -> None:
    from genomap.geometry import Segment

    main = Segment(0, 100, 400, 100)
    label = Box(150, 85, 320, 98)
    at = ln.ending_position(main, (label,), S)
    assert not (label.left - 8 < at.x < label.right + 8)
    assert abs(at.x - 200) > 0.12 * 400


def test_nsgc_unions_are_all_plain() -> None:
    plain = _signature(
        ln.draw_union([LINE], UnionKind.MARRIAGE, Preset.NSGC, double=False, pen=PEN)
    )
    for kind in UnionKind:
        assert _signature(ln.draw_union([LINE], kind, Preset.NSGC, double=False, pen=PEN)) == plain


def test_surrogate_letter_depends_on_preset() -> None:
    assert ln.child_style(Parentage.SURROGATE, Preset.NSGC).letter == "S"
    assert ln.child_style(Parentage.SURROGATE, Preset.MCGOLDRICK).letter == "GC"
