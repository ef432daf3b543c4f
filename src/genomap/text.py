"""Backend-free text measurement and wrapping from an embedded DejaVu Sans advance table."""

from __future__ import annotations

import unicodedata

from genomap import _font_metrics as metrics

# Characters outside the table: East Asian wide characters and emoji take a full em; others take
# the width of an average lower-case letter, which keeps unknown scripts from overflowing boxes.
_WIDE_EM = 1.0
_DEFAULT_EM = 0.62
LINE_HEIGHT = 1.2
"""Line height as a multiple of the font size."""


def _fallback_em(char: str) -> float:
    """Advance (in em) of a character the font table does not have."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf", "Cc"):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F") or ord(char) >= 0x1F000:
        return _WIDE_EM
    return _DEFAULT_EM


class _EmTable(dict[str, float]):
    """Advance of each character in em, filled from the font table and, on first use of a
    character the table lacks, from :func:`_fallback_em`."""

    def __init__(self, widths: dict[int, int], units_per_em: int) -> None:
        super().__init__((chr(code), width / units_per_em) for code, width in widths.items())

    def __missing__(self, char: str) -> float:
        em = self[char] = _fallback_em(char)
        return em


_EMS = {
    False: _EmTable(metrics.REGULAR, metrics.REGULAR_UNITS_PER_EM),
    True: _EmTable(metrics.BOLD, metrics.BOLD_UNITS_PER_EM),
}

# Width in em of whole strings, one table per weight: labels repeat (years, names, event texts)
# and are measured by several stages. Cleared when full so a long-running process does not grow
# without bound.
_TEXT_EMS: dict[bool, dict[str, float]] = {False: {}, True: {}}
_TEXT_EMS_LIMIT = 100_000


def _char_em(char: str, bold: bool) -> float:
    return _EMS[bold][char]


def _measure_em(text: str, bold: bool) -> float:
    """Width of ``text`` in em, measured and remembered."""
    ems = _TEXT_EMS[bold]
    if len(ems) >= _TEXT_EMS_LIMIT:
        ems.clear()
    # Summed character by character in order, as the widths have always been added up.
    em = ems[text] = sum(map(_EMS[bold].__getitem__, text))
    return em


def text_em(text: str, *, bold: bool = False) -> float:
    """Width of ``text`` at font size 1 (``text_width(text, size) == text_em(text) * size``)."""
    em = _TEXT_EMS[bold].get(text)
    return _measure_em(text, bold) if em is None else em


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of ``text`` set in DejaVu Sans at font ``size`` (same units as size).

    Example:
        >>> round(text_width("Ann", 10), 2)
        19.52
    """
    # text_em's body, without a second call: this runs for every label of every layout.
    em = _TEXT_EMS[bold].get(text)
    return (_measure_em(text, bold) if em is None else em) * size


def wrap(
    text: str, size: float, max_width: float, *, bold: bool = False, max_lines: int = 3
) -> list[str]:
    """Break ``text`` into lines no wider than ``max_width``; words longer than a line are split.

    At most ``max_lines`` lines are returned; the last one ends with an ellipsis when text was cut.
    """
    words = text.split()
    if not words:
        return []
    joined = " ".join(words)
    if max_lines >= 1 and text_width(joined, size, bold=bold) <= max_width:
        # Widths only grow as words are added, so every shorter candidate below fits too.
        return [joined]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold=bold) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        # A single word wider than the line is split at character boundaries.
        while text_width(current, size, bold=bold) > max_width and len(current) > 1:
            cut = _fit_prefix(current, size, max_width, bold)
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _ellipsize(lines[-1], size, max_width, bold)
    return lines


def _fit_prefix(word: str, size: float, max_width: float, bold: bool) -> int:
    width = 0.0
    for i, char in enumerate(word):
        width += _char_em(char, bold) * size
        if width > max_width:
            return max(1, i)
    return len(word)


def _ellipsize(line: str, size: float, max_width: float, bold: bool) -> str:
    while line and text_width(line + "…", size, bold=bold) > max_width:
        line = line[:-1]
    return line.rstrip() + "…"
