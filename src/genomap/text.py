"""Backend-free text measurement and wrapping from an embedded DejaVu Sans advance table."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from genomap import _font_metrics as metrics

# Characters outside the table: East Asian wide characters and emoji take a full em; others take
# the width of an average lower-case letter, which keeps unknown scripts from overflowing boxes.
_WIDE_EM = 1.0
_DEFAULT_EM = 0.62
LINE_HEIGHT = 1.2
"""Line height as a multiple of the font size."""


@lru_cache(maxsize=4096)
def _char_em(char: str, bold: bool) -> float:
    table = metrics.BOLD if bold else metrics.REGULAR
    upem = metrics.BOLD_UNITS_PER_EM if bold else metrics.REGULAR_UNITS_PER_EM
    code = ord(char)
    width = table.get(code)
    if width is not None:
        return width / upem
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf", "Cc"):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F") or code >= 0x1F000:
        return _WIDE_EM
    return _DEFAULT_EM


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of ``text`` set in DejaVu Sans at font ``size`` (same units as size).

    Example:
        >>> round(text_width("Ann", 10), 2)
        19.04
    """
    return sum(_char_em(c, bold) for c in text) * size


def wrap(
    text: str, size: float, max_width: float, *, bold: bool = False, max_lines: int = 3
) -> list[str]:
    """Break ``text`` into lines no wider than ``max_width``; words longer than a line are split.

    At most ``max_lines`` lines are returned; the last one ends with an ellipsis when text was cut.
    """
    words = text.split()
    if not words:
        return []
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
