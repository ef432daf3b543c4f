"""Track assignment: give overlapping horizontal lines in one channel separate heights.

Left-edge algorithm (interval graph colouring): sort intervals by their left end and put each on
the lowest track whose last interval ends before it starts. O(n log n) and optimal.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from genomap._quick import quick_init

K = TypeVar("K", bound=Hashable)


def assign_tracks(intervals: Mapping[K, tuple[float, float]], clearance: float) -> dict[K, int]:
    """Track number (0 = first) for each interval; intervals on one track keep ``clearance`` apart.

    Example:
        >>> assign_tracks({"a": (0, 10), "b": (5, 20), "c": (12, 30)}, 1.0)
        {'a': 0, 'b': 1, 'c': 0}
    """
    order = sorted(intervals, key=lambda k: (intervals[k][0], intervals[k][1], str(k)))
    free: list[tuple[float, int]] = []  # (right end of the track's last interval, track)
    busy: list[tuple[float, int]] = []
    result: dict[K, int] = {}
    next_track = 0
    for key in order:
        left, right = intervals[key]
        while busy and busy[0][0] + clearance < left:
            end, track = heapq.heappop(busy)
            heapq.heappush(free, (track, track))
            del end
        if free:
            _, track = heapq.heappop(free)
        else:
            track = next_track
            next_track += 1
        result[key] = track
        heapq.heappush(busy, (right, track))
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
