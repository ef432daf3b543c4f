"""Generate src/genomap/_font_metrics.py from DejaVu Sans (run by hand; needs fonttools).

The table makes text measurement identical on every machine: genomap never asks the system
for a font. Usage: python tools/gen_font_metrics.py /usr/share/fonts/truetype/dejavu
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTFont

# Latin, Latin-1, Latin Extended-A/B, Greek, Cyrillic and common punctuation cover the names
# practitioners write; anything else falls back to the em-based default in genomap.text.
RANGES = [
    (0x20, 0x7E),
    (0xA0, 0x24F),
    (0x370, 0x3FF),
    (0x400, 0x4FF),
    (0x2010, 0x2027),
    (0x2030, 0x203A),
    (0x20AC, 0x20AC),
    (0x2190, 0x2193),
    (0x2640, 0x2642),
]


def widths(font_path: Path) -> tuple[int, dict[int, int]]:
    font = TTFont(font_path)
    upem = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    table: dict[int, int] = {}
    for lo, hi in RANGES:
        for code in range(lo, hi + 1):
            glyph = cmap.get(code)
            if glyph is not None:
                table[code] = hmtx[glyph][0]
    return upem, table


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/dejavu")
    out = Path(__file__).resolve().parents[1] / "src" / "genomap" / "_font_metrics.py"
    lines = [
        '"""Advance widths of DejaVu Sans (made by tools/gen_font_metrics.py; do not edit)."""',
        "",
        "from typing import Final",
        "",
    ]
    for name, file in (("REGULAR", "DejaVuSans.ttf"), ("BOLD", "DejaVuSans-Bold.ttf")):
        upem, table = widths(folder / file)
        lines.append(f"{name}_UNITS_PER_EM: Final = {upem}")
        lines.append(f"{name}: Final[dict[int, int]] = {{")
        items = [f"{code}: {width}" for code, width in sorted(table.items())]
        for start in range(0, len(items), 10):
            lines.append("    " + ", ".join(items[start : start + 10]) + ",")
        lines.append("}")
        lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
