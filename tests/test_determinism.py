"""Determinism: the same input gives the same bytes, whatever the process, hash seed or order.

- Every example renders to byte-identical SVG (genogram and eco-map) in separate processes
  with ``PYTHONHASHSEED`` 0, 1 and random, and in this one.
- Shuffling the input's unordered lists (people, unions, relationships, households and their
  members, multiple births, eco-map systems and ties) changes no byte of either drawing.
- ``load -> dump -> load`` is the identity on every example and on random valid documents,
  in YAML and in JSON, and dumping is a fixpoint.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import random
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from genomap.api import render_genogram
from genomap.io import dump_json, dump_yaml, load_file, loads
from genomap.models import Document, EcoCentre
from tests.strategies import documents, ecomaps, permuted

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))
HAS_ECOMAP = importlib.util.find_spec("genomap.api_ecomap") is not None

# Renders every example given on the command line and prints one JSON line of digests.
_SCRIPT = """
import hashlib, json, sys
from genomap.api import render_genogram
from genomap.io import load_file
try:
    from genomap.api_ecomap import render_ecomap
except ImportError:
    render_ecomap = None
digests = {}
for path in sys.argv[1:]:
    doc = load_file(path)
    digests[path] = hashlib.sha256(render_genogram(doc).encode()).hexdigest()
    if doc.ecomap is not None and render_ecomap is not None:
        digests[path + "#ecomap"] = hashlib.sha256(render_ecomap(doc).encode()).hexdigest()
print(json.dumps(digests, sort_keys=True))
"""


def _ecomap_svg(document: Document) -> str:
    from genomap.api_ecomap import render_ecomap

    return render_ecomap(document)


@cache
def _document(path: Path) -> Document:
    return load_file(path)


def _digests_here() -> dict[str, str]:
    digests: dict[str, str] = {}
    for path in EXAMPLES:
        doc = _document(path)
        digests[str(path)] = hashlib.sha256(render_genogram(doc).encode()).hexdigest()
        if doc.ecomap is not None and HAS_ECOMAP:
            svg = _ecomap_svg(doc)
            digests[f"{path}#ecomap"] = hashlib.sha256(svg.encode()).hexdigest()
    return digests


def test_examples_render_the_same_bytes_in_every_process() -> None:
    here = _digests_here()
    assert len(here) >= len(EXAMPLES)
    for seed in ("0", "1", "random"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _SCRIPT, *map(str, EXAMPLES)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert json.loads(done.stdout) == here, f"PYTHONHASHSEED={seed}"


def _shuffled(document: Document, rng: random.Random) -> Document:
    """The document with the lists :func:`tests.strategies.permutations_of` shuffles shuffled."""

    def mix(items: tuple[Any, ...]) -> tuple[Any, ...]:
        out = list(items)
        rng.shuffle(out)
        return tuple(out)

    households = tuple(
        h.model_copy(update={"members": mix(h.members)}) for h in mix(document.households)
    )
    update: dict[str, Any] = {
        "people": mix(document.people),
        "unions": mix(document.unions),
        "multiple_births": mix(document.multiple_births),
        "relationships": mix(document.relationships),
        "households": households,
    }
    eco = document.ecomap
    if eco is not None:
        pinned: dict[str, Any] = {"systems": mix(eco.systems), "connections": mix(eco.connections)}
        if eco.centre == EcoCentre.HOUSEHOLD and eco.household is None and document.households:
            index = document.index_person
            homes = [h for h in document.households if index and index.id in h.members]
            pinned["household"] = (homes or list(document.households))[0].id
        update["ecomap"] = eco.model_copy(update=pinned)
    return document.model_copy(update=update)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_render_the_same_bytes_in_any_order(path: Path) -> None:
    document = _document(path)
    genogram = render_genogram(document)
    ecomap = _ecomap_svg(document) if document.ecomap is not None and HAS_ECOMAP else None
    rng = random.Random(f"order:{path.stem}")
    for _ in range(2):
        shuffled = _shuffled(document, rng)
        assert shuffled != document or len(document.people) < 2
        assert render_genogram(shuffled) == genogram
        if ecomap is not None:
            assert _ecomap_svg(shuffled) == ecomap


@given(st.one_of(documents(max_people=14), ecomaps(max_systems=20, max_people=10)), st.data())
def test_random_documents_render_the_same_bytes_in_any_order(
    document: Document, data: st.DataObject
) -> None:
    shuffled = permuted(document, data)
    assert render_genogram(shuffled) == render_genogram(document)
    if document.ecomap is not None and HAS_ECOMAP:
        assert _ecomap_svg(shuffled) == _ecomap_svg(document)


def _assert_round_trip(document: Document) -> None:
    for dump in (dump_yaml, dump_json):
        text = dump(document)
        again = loads(text, format="yaml" if dump is dump_yaml else "json")
        assert again == document
        assert dump(again) == text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_survive_load_dump_load(path: Path) -> None:
    _assert_round_trip(_document(path))


@given(documents(max_people=20))
def test_random_documents_survive_load_dump_load(document: Document) -> None:
    _assert_round_trip(document)
