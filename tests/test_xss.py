"""Hostile text in every text field: the SVG stays well-formed, inert and readable.

More than 50 vectors (script tags, event-handler attributes, ``javascript:`` URLs, CDATA
breaks, entity tricks, quotes, control characters, bidi overrides, very long strings, emoji)
go into every text field a document has: person names and details, conditions, unions and
their events, child links, emotional relationships, households, eco-map systems, ties and
categories, and the document's title, author, case id and description. For each vector the
genogram and the eco-map are rendered and parsed with lxml (no entities resolved, no network),
and must hold no script, no event-handler attribute, no external reference, no
``foreignObject`` and no element outside the drawing vocabulary, while every field the drawing
shows still shows the vector's printable characters.
"""

from __future__ import annotations

import copy
import importlib.util
import re
import unicodedata
from collections.abc import Callable
from functools import cache, partial
from typing import Any

import pytest
from lxml import etree  # type: ignore[import-untyped]

from genomap.api import render_genogram
from genomap.io import dump_json, dump_yaml, loads
from genomap.models import Document
from genomap.style import style_for

SVG_NS = "http://www.w3.org/2000/svg"
HAS_ECOMAP = importlib.util.find_spec("genomap.api_ecomap") is not None

VECTORS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<script/xss>alert(document.cookie)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "</title><script>alert(1)</script><title>",
    "</text><script>alert(1)</script><text>",
    "</desc></svg><svg onload=alert(1)>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    '<a href="javascript:alert(1)">click</a>',
    '<a xlink:href="javascript:alert(1)">click</a>',
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "onload=alert(1)",
    '<animate attributeName="href" values="javascript:alert(1)"/>',
    '<set attributeName="onmouseover" to="alert(1)"/>',
    '<handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">alert(1)</handler>',
    "<foreignObject><iframe src='javascript:alert(1)'/></foreignObject>",
    "<iframe src=javascript:alert(1)>",
    '<image href="https://evil.example/track.png"/>',
    '<use href="https://evil.example/x.svg#a"/>',
    "<style>@import url(https://evil.example/x.css)</style>",
    "url(https://evil.example/x)",
    "style=background:url(javascript:alert(1))",
    "]]><script>alert(1)</script>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "]]>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;script&amp;gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;script&#x3E;",
    "&xxe; &nbsp; &#0; &#xD800;",
    '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>&xxe;',
    '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">',
    '<?xml-stylesheet href="https://evil.example/evil.xsl"?>',
    "<!-- comment --> -->",
    "<?php echo 1; ?>",
    "\"double\" 'single' `back` & ampersand < less > greater",
    "Ann\x00Lee",
    "bell\x07 backspace\x08 escape\x1b[31mred\x1b[0m",
    "\x01\x02\x03\x04\x05\x06\x0b\x0c\x0e\x0f\x10\x1f",
    "tab\tnew\nline\rreturn\r\n",
    "C1 \x7f\x80\x85\x9f",
    "nonchars \ufffe\uffff end",
    "\u202eevil.exe\u202c",
    "\u2066isolate\u2069 \u200fRLM\u200e LRM \u061c",
    "zero\u200bwidth\u200cjoin\u200dx\ufeffBOM",
    "line\u2028and\u2029paragraph",
    "👨\u200d👩\u200d👧\u200d👦 family 🏳️\u200d🌈 🇬🇧 🧑🏿\u200d🦱",
    "Z̷̛̗a̸͈l̶̰g̷o̴͚",
    "مرحبا بالعالم שלום",
    "${7*7} {{7*7}} #{7*7} %(x)s %s",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "\\u003cscript\\u003e",
    "' OR 1=1 --",
    "x" * 1990,
    "<script>" * 248,
    "A" + " " * 1000 + "B",
)

# Where each text field lives in the base document.
FIELDS: tuple[tuple[str, tuple[Any, ...]], ...] = (
    ("document title", ("title",)),
    ("document author", ("author",)),
    ("document case id", ("case_id",)),
    ("document description", ("description",)),
    ("person display name", ("people", 0, "display_name")),
    ("person cause of death", ("people", 0, "cause_of_death")),
    ("person occupation", ("people", 0, "occupation")),
    ("person education", ("people", 0, "education")),
    ("person location", ("people", 0, "location")),
    ("person notes", ("people", 0, "notes")),
    ("condition name", ("people", 0, "conditions", 0, "name")),
    ("condition note", ("people", 0, "conditions", 0, "note")),
    ("person given name", ("people", 1, "given_name")),
    ("person nickname", ("people", 1, "nickname")),
    ("person family name", ("people", 1, "family_name")),
    ("pet species", ("people", 3, "species")),
    ("union relationship", ("unions", 0, "relationship")),
    ("union label", ("unions", 0, "label")),
    ("union notes", ("unions", 0, "notes")),
    ("union event note", ("unions", 0, "events", 0, "note")),
    ("child link note", ("unions", 0, "children", 0, "note")),
    ("relationship note", ("relationships", 0, "note")),
    ("household label", ("households", 0, "label")),
    ("household notes", ("households", 0, "notes")),
    ("system name", ("ecomap", "systems", 0, "name")),
    ("system notes", ("ecomap", "systems", 0, "notes")),
    ("connection note", ("ecomap", "connections", 0, "note")),
    ("category label", ("ecomap", "categories", 0, "label")),
)

SHOWN_IN_GENOGRAM = frozenset(
    {
        "document title",
        "document author",
        "document case id",
        "document description",
        "person display name",
        "person cause of death",
        "person occupation",
        "person location",
        "person notes",
        "condition name",
        "person given name",
        "person nickname",
        "person family name",
        "pet species",
        "union relationship",
        "union label",
        "relationship note",
        "household label",
    }
)
"""The fields the genogram shows (as text or in a title); the others are kept, not drawn."""

SHOWN_IN_ECOMAP = frozenset(
    {
        "document title",
        "document author",
        "document case id",
        "document description",
        "system name",
        "system notes",
        "connection note",
        "category label",
        # The centre is the household's genogram (Bob, Cy and Rex, and Ann and Bob's union).
        "household label",
        "person given name",
        "person nickname",
        "person family name",
        "pet species",
        "union relationship",
        "union label",
    }
)
"""The fields the eco-map shows."""

ALLOWED_TAGS = frozenset(
    {
        "svg",
        "title",
        "desc",
        "defs",
        "g",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "path",
        "text",
        "tspan",
        "clipPath",
        "pattern",
    }
)
"""The drawing vocabulary: shapes, text and grouping, nothing that runs, links or embeds."""

BASE: dict[str, Any] = {
    "title": "t",
    "date": "2024-01-01",
    "author": "a",
    "case_id": "c",
    "description": "d",
    "people": [
        {
            "id": "ann",
            "display_name": "Ann",
            "gender": "female",
            "birth": "1950",
            "death": "2010",
            "cause_of_death": "x",
            "occupation": "x",
            "education": "x",
            "location": "x",
            "notes": "x",
            "conditions": [{"kind": "other", "name": "x", "note": "x"}],
        },
        {"id": "bob", "given_name": "Bob", "nickname": "B", "family_name": "Lee", "gender": "male"},
        {"id": "cy", "given_name": "Cy", "gender": "male", "birth": "1980"},
        {"id": "rex", "kind": "pet", "given_name": "Rex", "species": "dog"},
    ],
    "unions": [
        {
            "partners": ["ann", "bob"],
            "relationship": "x",
            "label": "x",
            "notes": "x",
            "events": [{"type": "married", "date": "1975", "note": "x"}],
            "children": [{"person": "cy", "note": "x"}],
        }
    ],
    "relationships": [{"kind": "hostile", "source": "ann", "target": "cy", "note": "x"}],
    "households": [{"id": "home", "label": "x", "notes": "x", "members": ["bob", "cy", "rex"]}],
    "ecomap": {
        "household": "home",
        "categories": [{"key": "health", "label": "x"}],
        "systems": [
            {"id": "gp", "name": "x", "category": "health", "notes": "x"},
            {"id": "club", "name": "Club", "category": "recreation"},
        ],
        "connections": [
            {"system": "gp", "note": "x", "strength": "strong"},
            {"system": "club", "member": "cy"},
        ],
    },
}

_INVISIBLE = re.compile(r"[\s\ufffd]")


def _tag(index: int) -> str:
    return f"Q{index:02d}Q"


def _document(vector: str) -> Document:
    """The base document with ``vector`` in every text field, each behind its field's tag."""
    data = copy.deepcopy(BASE)
    for index, (_, path) in enumerate(FIELDS):
        value = (_tag(index) + vector)[:2000]
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
    return Document.model_validate(data)


def normalise(text: str) -> str:
    """Text as a reader sees it: no whitespace, control characters or replacement marks."""
    kept = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cs"))
    return _INVISIBLE.sub("", kept.replace("\ufffe", "").replace("\uffff", ""))


def _renderers() -> list[tuple[str, Callable[[Document], str], frozenset[str]]]:
    found: list[tuple[str, Callable[[Document], str], frozenset[str]]] = [
        ("genogram", render_genogram, SHOWN_IN_GENOGRAM),
        ("genogram-nsgc", partial(render_genogram, style=style_for("nsgc")), SHOWN_IN_GENOGRAM),
    ]
    if HAS_ECOMAP:
        from genomap.api_ecomap import render_ecomap

        found.append(("ecomap", render_ecomap, SHOWN_IN_ECOMAP))
    return found


RENDERERS = _renderers()


@cache
def _svg(kind: str, vector: str) -> str:
    render = next(r for name, r, _ in RENDERERS if name == kind)
    return render(_document(vector))


def parse_safely(svg: str) -> etree._Element:
    """Parse as a browser would be asked to, but refusing entities, DTDs and the network."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    root = etree.fromstring(svg.encode("utf-8"), parser)
    assert root.getroottree().docinfo.doctype == ""
    return root


def assert_inert(root: etree._Element) -> None:
    """No script, handler, external reference, foreign content or entity in the drawing."""
    for node in root.iter():
        assert isinstance(node.tag, str), f"unexpected node {node!r}"  # comment, PI, entity
        name = etree.QName(node)
        assert name.namespace == SVG_NS, node.tag
        assert name.localname in ALLOWED_TAGS, name.localname
        for key, value in node.attrib.items():
            attr = etree.QName(key)
            local = attr.localname.lower()
            assert not local.startswith("on"), key
            assert local not in ("style", "src", "action", "formaction"), key
            if local == "href":
                assert value.startswith("#"), (key, value)
            assert attr.namespace is None, key
            for target in re.findall(r"url\(\s*([^)]*)\)", value, flags=re.IGNORECASE):
                assert target.startswith("#"), (key, value)
            if not local.startswith(("data-", "aria-")):
                assert "javascript:" not in value.lower(), (key, value)


def _ids() -> list[str]:
    return [
        f"{i:02d}-{re.sub(r'[^A-Za-z0-9]+', '_', v[:18]).strip('_') or 'x'}"
        for i, v in enumerate(VECTORS)
    ]


def test_there_are_enough_vectors_and_fields() -> None:
    assert len(VECTORS) >= 50 and len(set(VECTORS)) == len(VECTORS)
    assert len(FIELDS) >= 25


@pytest.mark.parametrize("vector", VECTORS, ids=_ids())
@pytest.mark.parametrize("kind", [name for name, _, _ in RENDERERS])
def test_vector_is_escaped_in_every_field(kind: str, vector: str) -> None:
    svg = _svg(kind, vector)
    assert "<script" not in svg.lower()
    assert "<foreignobject" not in svg.lower()
    root = parse_safely(svg)
    assert_inert(root)
    shown = next(s for name, _, s in RENDERERS if name == kind)
    visible = normalise("".join(root.itertext()))
    expected = normalise(vector)
    for index, (field, _) in enumerate(FIELDS):
        if field in shown:
            # A long text may be wrapped and cut with an ellipsis: its start must show.
            assert _tag(index) + expected[:12] in visible, (field, vector[:40])


@pytest.mark.parametrize("kind", [name for name, _, _ in RENDERERS])
def test_the_shown_fields_are_the_documented_ones(kind: str) -> None:
    root = parse_safely(_svg(kind, "plain words"))
    visible = normalise("".join(root.itertext()))
    shown = {field for i, (field, _) in enumerate(FIELDS) if f"{_tag(i)}plainwords" in visible}
    assert shown == next(s for name, _, s in RENDERERS if name == kind)


@pytest.mark.parametrize("vector", VECTORS, ids=_ids())
def test_hostile_text_survives_dump_and_load(vector: str) -> None:
    document = _document(vector)
    assert loads(dump_json(document)) == document
    assert loads(dump_yaml(document)) == document


def test_characters_xml_cannot_hold_become_replacement_marks() -> None:
    """Regression: a control character in a name made the SVG unreadable (not well-formed)."""
    document = Document.model_validate(
        {"title": "a\x01b", "people": [{"id": "p", "given_name": "c\x1fd\ufffee", "notes": "\x00"}]}
    )
    svg = render_genogram(document)
    root = parse_safely(svg)
    assert root.findtext(f"{{{SVG_NS}}}title") == "a\ufffdb"
    assert "c\ufffdd\ufffde" in "".join(root.itertext())
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", svg)
