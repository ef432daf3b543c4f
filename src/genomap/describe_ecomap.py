"""Plain-language descriptions for an eco-map's SVG titles: systems, ties and the whole map."""

from __future__ import annotations

from genomap.layout.ecomap_model import EcomapLayout, PlacedSystem, RoutedConnection
from genomap.models import Document, EcoCentre, Flow, Strength


def _name(document: Document, person: str | None) -> str:
    ecomap = document.ecomap
    if person is None and ecomap is not None and ecomap.centre == EcoCentre.INDIVIDUAL:
        person = ecomap.person
    if person is None:
        return "the household"
    return next((p.label for p in document.people if p.id == person), person)


def _system_name(document: Document, system: str) -> str:
    systems = document.ecomap.systems if document.ecomap else ()
    return next((x.name for x in systems if x.id == system), system)


def end_names(document: Document, tie: RoutedConnection) -> str:
    """The two ends of a tie: "System – member" (or "– the household")."""
    return f"{_system_name(document, tie.system)} – {_name(document, tie.member)}"


FLOW_WORDS = {
    Flow.TO_FAMILY: "energy flows to the family",
    Flow.FROM_FAMILY: "energy flows from the family",
    Flow.BOTH: "energy flows both ways",
    Flow.NONE: "no flow recorded",
}


def describe_connection(document: Document, tie: RoutedConnection) -> str:
    """A tie in words: its ends, strength, stress, flow and note."""
    flow = FLOW_WORDS[tie.flow] + (
        f" (×{tie.amount})" if tie.amount > 1 and tie.flow != Flow.NONE else ""
    )
    stress = ", stressful" if tie.stressful else ""
    text = f"{end_names(document, tie)}: {tie.strength.value} tie{stress}; {flow}"
    return f"{text}; {tie.note}" if tie.note else text


def describe_system(document: Document, placed: PlacedSystem) -> str:
    """A system in words: name, category, importance, contact and notes."""
    ecomap = document.ecomap
    category = ecomap.category_label(placed.category) if ecomap else placed.category
    text = f"{placed.name}: {category}, {placed.importance.value} importance"
    if placed.absent:
        text += ", needed but no contact"
    system = next((x for x in ecomap.systems if x.id == placed.id), None) if ecomap else None
    return f"{text}; {system.notes}" if system is not None and system.notes else text


def describe_ecomap(document: Document, layout: EcomapLayout) -> str:
    """The SVG description: the document's own text, then a summary of the map."""
    ties = layout.connections
    counts = ", ".join(
        f"{n} {v.value}" for v in Strength if (n := sum(1 for t in ties if t.strength == v))
    )
    stressful = sum(1 for t in ties if t.stressful)
    centre = layout.centre
    who = (
        f"{_name(document, centre.person)}"
        if centre.mode == "individual"
        else f"a household of {len(centre.members)}"
    )
    summary = (
        f"Eco-map of {who}: {len(layout.systems)} system(s) in {len(layout.sectors)} "
        f"categories and {len(ties)} tie(s)"
        + (f" ({counts}; {stressful} stressful)." if ties else ".")
    )
    return f"{document.description.strip()} {summary}" if document.description else summary
