"""Graphviz DOT export: person shapes, marriage nodes, child line styles, escaping."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from genomap.interchange import read_any, write_any, write_dot
from genomap.io import loads

EXAMPLES = Path(__file__).parent.parent / "examples"

FAMILY = """\
people:
  - {id: dad, given_name: Tom, gender: male, birth: 1950, death: 2010}
  - {id: mum, given_name: Ann, gender: female, birth: about 1952}
  - {id: kid, given_name: 'Jo "JJ" \\ Lee', gender: non_binary, index: true,
     conditions: [{kind: mental_illness, name: depression}]}
  - {id: adopted, gender: female}
  - {id: foster, gender: male}
  - {id: loss, kind: miscarriage}
  - {id: new, gender: male}
unions:
  - partners: [dad, mum]
    events: [{type: married, date: 1975}, {type: divorced, date: 1990}]
    children: [kid, {person: adopted, parentage: adopted}, {person: foster, parentage: foster},
               loss]
  - partners: [mum, new]
    kind: cohabitation
"""


def node_line(dot: str, name: str) -> str:
    return next(line.strip() for line in dot.splitlines() if line.strip().startswith(name + " "))


def test_people_are_nodes_with_genogram_like_shapes() -> None:
    dot = write_dot(loads(FAMILY))
    assert dot.startswith("digraph genogram {")
    assert "shape=box" in node_line(dot, "p_dad")
    assert "shape=circle" in node_line(dot, "p_mum")
    kid = node_line(dot, "p_kid")
    assert "shape=diamond" in kid and "peripheries=2" in kid  # index person: double outline
    assert "style=filled" in kid and "tooltip=depression" in kid
    assert "shape=triangle" in node_line(dot, "p_loss")
    dad = node_line(dot, "p_dad")
    assert "style=diagonals" in dad and "b. 1950 d. 2010" in dad


def test_one_point_node_per_union_ranked_with_its_partners() -> None:
    dot = write_dot(loads(FAMILY))
    assert len(re.findall(r"^\s*u\d+ \[.*shape=point", dot, re.MULTILINE)) == 2
    assert 'xlabel="m. 1975, div. 1990"' in node_line(dot, "u1")
    blocks = re.findall(r"\{\s*rank=same(.*?)\}", dot, re.DOTALL)
    assert len(blocks) == 2
    assert "p_dad -> u1" in blocks[0] and "p_mum -> u1" in blocks[0]
    assert "p_new -> u2 [style=dashed]" in blocks[1]  # not a marriage


def test_child_lines_show_the_parentage() -> None:
    dot = write_dot(loads(FAMILY))
    assert re.search(r"^\s*u1 -> p_kid$", dot, re.MULTILINE)
    assert "u1 -> p_adopted [style=dashed]" in dot
    assert "u1 -> p_foster [style=dotted]" in dot


def test_labels_are_escaped() -> None:
    dot = write_dot(loads(FAMILY))
    assert r'label="Jo \"JJ\" \\ Lee"' in node_line(dot, "p_kid")


def test_output_is_deterministic_and_in_file_order() -> None:
    doc = loads(FAMILY)
    dot = write_dot(doc)
    assert dot == write_dot(loads(FAMILY))
    order = [m.group(1) for m in re.finditer(r"^\s*p_(\w+) \[", dot, re.MULTILINE)]
    assert order == [p.id for p in doc.people]


def test_write_any_dot_is_write_dot() -> None:
    doc = loads(FAMILY)
    assert write_any(doc, "dot") == write_dot(doc)


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot to lay out")
@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_graphviz_reads_what_is_written(path: Path) -> None:
    dot = write_dot(read_any(path).document)
    done = subprocess.run(
        ["dot", "-Tsvg"], input=dot, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "<svg" in done.stdout
