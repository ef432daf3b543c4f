"""Track assignment in a line channel (genomap.layout.tracks)."""

from __future__ import annotations

from genomap.layout.tracks import ChannelLine, nested_tracks, stack_channel


def test_a_partner_line_spanning_another_goes_deeper() -> None:
    # In sequence: C's line passes under B, whose own line is nearer the shared partner.
    assert nested_tracks({"c": (0, 3), "b": (1, 3), "x": (5, 8)}, 0.1) == {
        "b": 0,
        "c": 1,
        "x": 0,
    }


def test_lines_closer_than_the_clearance_take_separate_tracks() -> None:
    assert nested_tracks({"a": (0, 10), "b": (10.5, 20)}, 1.0) == {"a": 1, "b": 0}  # shorter first
    assert nested_tracks({"a": (0, 10), "b": (11.5, 20)}, 1.0) == {"a": 0, "b": 0}


def test_separate_lines_share_the_top_track() -> None:
    lines = {
        "a": ChannelLine(0, 10, ups=(5,), downs=(0, 10)),
        "b": ChannelLine(30, 40, ups=(35,), downs=(30, 40)),
    }
    assert stack_channel(lines, 8.0) == {"a": 0, "b": 0}


def test_the_line_whose_verticals_would_be_cut_goes_on_top() -> None:
    # b's descent comes down at x=60, inside a's extent: with a above, it would cut a; with b
    # above, b's drops (70, 90) lie outside a's extent and a's descent (20) outside b's.
    lines = {
        "a": ChannelLine(0, 65, ups=(20,), downs=(0, 65)),
        "b": ChannelLine(60, 90, ups=(60,), downs=(70, 90)),
    }
    assert stack_channel(lines, 8.0) == {"b": 0, "a": 1}


def test_a_vertical_just_inside_a_line_end_counts_as_a_crossing() -> None:
    # Found by Hypothesis (tests/data/found/crossing-sibship-bar-past-next-descent.json): the
    # next union's descent (608) came down 2 units inside the end of a sibship bar (610). A
    # margin of half the clearance once hid it, and the bar was stacked above the descent's
    # own bar, crossing it.
    lines = {
        "a": ChannelLine(140, 610, ups=(474,), downs=(140, 610)),
        "b": ChannelLine(608, 700, ups=(608,), downs=(700,)),
    }
    assert stack_channel(lines, 8.0) == {"b": 0, "a": 1}


def test_a_vertical_at_a_line_end_only_touches_it() -> None:
    # A drop exactly at the other line's end neither crosses it nor forces an order: the
    # tie keeps the line that starts first on top.
    lines = {
        "a": ChannelLine(0, 50, ups=(25,), downs=(0, 50)),
        "b": ChannelLine(50, 80, ups=(50,), downs=(80,)),
    }
    assert stack_channel(lines, 8.0) == {"a": 0, "b": 1}
