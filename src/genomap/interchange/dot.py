"""Write a document as Graphviz DOT: genogram-like person nodes and one marriage node per union.

The text is built with the ``graphviz`` package and needs no Graphviz binary; ``dot -Tsvg``
lays it out. Conventions, as far as DOT shapes go:

- a square (``box``) for a man, a circle for a woman, a diamond for anyone else; a triangle
  for a pregnancy or a pregnancy that ended; a small square or circle for a stillbirth; a
  hexagon for a pet;
- a double outline for the index person, grey fill for someone with a condition, corner
  marks (``diagonals``) and "d." in the label for someone who has died;
- a point node per union, ranked with its partners; its label lists the union's events
  (m. 1954, div. 1999); partner lines are dashed for engagements and other unions that are not
  a marriage or partnership;
- child lines solid for biological children, dashed for adopted, dotted for foster, and
  labelled for step, donor and surrogate links.

Emotional relationships, households, multiple births and the eco-map are not drawn.
"""

from __future__ import annotations

from typing import Final

import graphviz

from genomap.models import Document, Gender, Parentage, Person, PersonKind, Union, UnionKind

_SHAPES: Final[dict[Gender, str]] = {
    Gender.MALE: "box",
    Gender.TRANSGENDER_MALE: "box",
    Gender.FEMALE: "circle",
    Gender.TRANSGENDER_FEMALE: "circle",
}
_KIND_SHAPES: Final[dict[PersonKind, str]] = {
    PersonKind.PREGNANCY: "triangle",
    PersonKind.MISCARRIAGE: "triangle",
    PersonKind.TERMINATION: "triangle",
    PersonKind.ECTOPIC: "triangle",
    PersonKind.PET: "hexagon",
}
_CHILD_STYLES: Final[dict[Parentage, dict[str, str]]] = {
    Parentage.BIOLOGICAL: {},
    Parentage.ADOPTED: {"style": "dashed"},
    Parentage.FOSTER: {"style": "dotted"},
    Parentage.STEP: {"style": "dashed", "label": "step"},
    Parentage.DONOR: {"style": "dashed", "label": "donor"},
    Parentage.SURROGATE: {"style": "dashed", "label": "surrogate"},
}
_SOLID_UNIONS: Final = frozenset(
    {
        UnionKind.MARRIAGE,
        UnionKind.CIVIL_PARTNERSHIP,
        UnionKind.COMMITTED,
        UnionKind.UNKNOWN,
    }
)
_EVENT_WORDS: Final = {
    "met": "met",
    "dating": "dating",
    "engaged": "eng.",
    "cohabiting": "LT",
    "married": "m.",
    "civil_partnership": "c.p.",
    "separated": "sep.",
    "legal_separation": "leg. sep.",
    "divorced": "div.",
    "annulled": "ann.",
    "widowed": "wid.",
    "reconciled": "rec.",
    "remarried": "rem.",
    "ended": "ended",
}


def person_node(person_id: str) -> str:
    """The DOT node name of a person (prefixed so it never clashes with a union node)."""
    return f"p_{person_id}"


def write_dot(document: Document, *, name: str = "genogram") -> str:
    """The document as DOT source, people and unions in file order.

    Example:
        >>> from genomap.io import loads
        >>> doc = loads("people: [{id: ann, gender: female}, {id: bob, gender: male}]\\n"
        ...             "unions: [{partners: [ann, bob]}]")
        >>> write_dot(doc).splitlines()[4].strip()
        'p_ann [label=ann shape=circle]'
    """
    graph = graphviz.Digraph(
        name,
        graph_attr={"rankdir": "TB", "nodesep": "0.4", "ranksep": "0.5"},
        node_attr={"fontname": "Helvetica", "fontsize": "10", "width": "0.5", "height": "0.5"},
        edge_attr={"arrowhead": "none"},
    )
    people = {person.id: person for person in document.people}
    for person in document.people:
        graph.node(person_node(person.id), **_person_attrs(person))
    for n, union in enumerate(document.unions, start=1):
        _add_union(graph, f"u{n}", union, people)
    return str(graph.source)


def _person_attrs(person: Person) -> dict[str, str]:
    lines = [graphviz.escape(person.label)]
    years = []
    if person.birth:
        years.append(f"b. {person.birth}")
    if person.death:
        years.append(f"d. {person.death}")
    elif person.is_deceased:
        years.append("d.")
    if years:
        lines.append(graphviz.escape(" ".join(years)))
    attrs = {"label": "\\n".join(lines), "shape": _shape(person)}
    styles = []
    if person.conditions:
        styles.append("filled")
        attrs["fillcolor"] = "gray75"
        attrs["tooltip"] = graphviz.escape(", ".join(c.label for c in person.conditions))
    if person.is_deceased:
        styles.append("diagonals")
    if styles:
        attrs["style"] = ",".join(styles)
    if person.index:
        attrs["peripheries"] = "2"
    if person.kind == PersonKind.STILLBIRTH or person.is_pregnancy_outcome:
        attrs.update(width="0.3", height="0.3")
    return attrs


def _shape(person: Person) -> str:
    if person.kind in _KIND_SHAPES:
        return _KIND_SHAPES[person.kind]
    return _SHAPES.get(person.gender, "diamond")


def _add_union(graph: graphviz.Digraph, node: str, union: Union, people: dict[str, Person]) -> None:
    events = [
        f"{_EVENT_WORDS[e.type.value]} {e.date.year}" if e.date else _EVENT_WORDS[e.type.value]
        for e in union.chronological_events()
    ]
    attrs = {"shape": "point", "width": "0.08", "height": "0.08"}
    if events:
        attrs["xlabel"] = graphviz.escape(", ".join(events))
    partners = [p for p in dict.fromkeys(union.partners) if p in people]
    with graph.subgraph() as row:
        row.attr(rank="same")
        row.node(node, **attrs)
        line = {} if union.kind in _SOLID_UNIONS else {"style": "dashed"}
        for partner in partners:
            row.edge(person_node(partner), node, **line)
    for link in union.children:
        if link.person in people:
            graph.edge(node, person_node(link.person), **_CHILD_STYLES[link.parentage])
