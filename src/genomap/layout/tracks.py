"""Track assignment: give overlapping horizontal lines separate heights.

Partner lines that pass other partners (:func:`nested_tracks`) go deeper the longer they are;
the lines of a channel between rows (:func:`stack_channel`) are ordered pair by pair so that the
vertical lines cross them as little as possible.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from genomap._quick import quick_init

K = TypeVar("K", bound=Hashable)


def nested_tracks(spans: Mapping[K, tuple[float, float]], clearance: float) -> dict[K, int]:
    """Track number (0 = first) for each span, shortest first, each on the first track free of
    the spans it overlaps (spans on one track keep ``clearance`` apart).

    For partner lines: a line that spans another (a later partner standing beyond an earlier
    one) goes deeper, so the nearer partner's drop to its own line never cuts it.

    Example:
        >>> nested_tracks({"far": (0, 3), "near": (1, 3), "other": (5, 8)}, 0.1)
        {'near': 0, 'far': 1, 'other': 0}
    """
    placed: list[tuple[float, float, int]] = []
    result: dict[K, int] = {}
    for key in sorted(spans, key=lambda k: (spans[k][1] - spans[k][0], spans[k], str(k))):
        low, high = spans[key]
        used = {t for a, b, t in placed if a < high + clearance and low < b + clearance}
        track = next(t for t in range(len(used) + 1) if t not in used)
        placed.append((low, high, track))
        result[key] = track
    return result


@quick_init
@dataclass(frozen=True, slots=True)
class ChannelLine:
    """A horizontal line in a channel: its extent, the verticals arriving from above it (``ups``)
    and those leaving it downwards (``downs``)."""

    left: float
    right: float
    ups: tuple[float, ...]
    downs: tuple[float, ...]
    # Extra room to keep from other lines on the same track: an extra parent link lands just
    # beside a child's own drop, so on one track its end and the sibship bar's would read as
    # one line.
    apart: float = 0.0


_Active = tuple[float, str, float, float, bool, list[float], list[float], float]


def stack_channel(lines: Mapping[str, ChannelLine], clearance: float) -> dict[str, int]:
    """Tracks for the horizontal lines of one channel, top track 0, so that verticals cross them
    as little as possible.

    When two lines overlap, the one drawn higher cuts the verticals that arrive from above into
    the lower one, and the lower one cuts the verticals leaving the higher one; each pair is put
    in the order that crosses fewer verticals, and each line goes on the first track below every
    overlapping line that must be above it.
    """
    keys = sorted(lines, key=lambda k: (lines[k].left, lines[k].right, k))
    tol = 0.5  # a vertical at a line's very end only touches it (as in genomap.metrics)
    above: dict[str, list[str]] = {k: [] for k in keys}
    # Lines that may still overlap the next one, each with what a pair needs of it, worked out
    # once: how far right a line can start and still overlap it, its inner extent (where a
    # vertical counts as crossing it; empty for a line shorter than the clearance) and its
    # verticals sorted, so that a pair counts crossings by bisection.
    active: list[_Active] = []
    widest = max((line.apart for line in lines.values()), default=0.0)
    for key in keys:
        line = lines[key]
        low, high = line.left + tol, line.right - tol
        wide = low < high
        ups, downs = sorted(line.ups), sorted(line.downs)
        start, apart = line.left, line.apart
        if active:
            active = [a for a in active if a[0] + widest >= start]
        for reach, other, o_low, o_high, o_wide, o_ups, o_downs, o_apart in active:
            if reach + max(apart, o_apart) < start:
                continue  # far enough apart to share a track
            # Verticals crossed with ``key`` above ``other``, and with ``other`` above ``key``;
            # bisect_left(xs, high) - bisect_right(xs, low) counts the xs with low < x < high.
            key_high = other_high = 0
            if wide:
                key_high = bisect_left(o_ups, high) - bisect_right(o_ups, low)
                other_high = bisect_left(o_downs, high) - bisect_right(o_downs, low)
            if o_wide:
                key_high += bisect_left(downs, o_high) - bisect_right(downs, o_low)
                other_high += bisect_left(ups, o_high) - bisect_right(ups, o_low)
            if key_high < other_high:
                above[other].append(key)
            else:
                above[key].append(other)
        active.append((line.right + clearance, key, low, high, wide, ups, downs, apart))
    track: dict[str, int] = {}
    visiting: set[str] = set()

    def depth(key: str) -> int:
        if key in track:
            return track[key]
        visiting.add(key)
        level = 0
        for higher in above[key]:
            if higher not in visiting:  # a cycle of preferences: ignore the closing edge
                level = max(level, depth(higher) + 1)  # noqa: F821 (deleted after use)
        visiting.discard(key)
        track[key] = level
        return level

    for key in keys:
        depth(key)
    del depth  # a recursive closure is a reference cycle: break it, so no collection is needed
    return track
