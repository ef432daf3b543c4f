"""The drawing layers of a genogram: households, lines, symbols, labels and emotional lines.

:class:`Layers` turns each part of a layout into scene groups with explicit ids, CSS classes,
data attributes and titles, and records the legend keys of what it drew.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from genomap import lines as ln
from genomap import outline
from genomap import polyline as pl
from genomap.describe import describe_child, describe_emotion, describe_person, describe_union
from genomap.emotions import Endpoint, Grid, Obstacle, Request, route_emotions
from genomap.geometry import Box, Point, Segment
from genomap.glyphs import ConditionScheme, GlyphChooser
from genomap.layout.genogram import roman
from genomap.layout.labels import age_of, reference_date
from genomap.layout.model import ChildLink, GenogramLayout, Label
from genomap.linework import Pen
from genomap.models import ENDING_EVENTS, Document, Parentage, Preset
from genomap.scene import Definition, Element, Group, Path, Polyline, Stroke, Text
from genomap.style import Style
from genomap.symbols import Frame, draw_glyph
from genomap.theme import Theme

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


class Ids:
    """Explicit, unique, XML-safe element ids: ``{prefix}-{kind}-{sanitised key}``."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.used: set[str] = set()
        self.safe: dict[str, str] = {}  # a person's key serves several ids

    def make(self, kind: str, raw: str) -> str:
        """A new id for ``raw`` of this kind; a numeric suffix keeps sanitised clashes apart."""
        safe = self.safe.get(raw)
        if safe is None:
            safe = self.safe[raw] = _UNSAFE.sub("_", raw)
        base = f"{self.prefix}-{kind}-{safe}"
        candidate, n = base, 2
        while candidate in self.used:
            candidate, n = f"{base}-{n}", n + 1
        self.used.add(candidate)
        return candidate


def drawn_order(layout: GenogramLayout) -> dict[str, int]:
    """Each drawn person's rank in reading order: rows top down, then left to right."""
    order: dict[str, int] = {}
    for placed in sorted(layout.people, key=lambda p: (p.y, p.x, p.id)):
        order.setdefault(placed.id, len(order))
    return order


def condition_scheme(document: Document, layout: GenogramLayout) -> ConditionScheme:
    """The conditions numbered by first mention in the drawing, not in the people list, so
    that the numbering (and so the drawing) does not depend on the list's order."""
    if not any(p.conditions for p in document.people):
        return ConditionScheme()  # nothing to number: skip the sorting
    order = drawn_order(layout)
    return ConditionScheme.of(
        sorted(document.people, key=lambda p: (order.get(p.id, len(order)), p.id))
    )


def _texts(label: Label, colour: str) -> list[Element]:
    return [Text(t.x, t.y, t.text, t.size, t.anchor, t.bold, False, colour) for t in label.lines]


class Layers:
    """Builds each layer's groups for one layout and collects definitions and legend keys."""

    def __init__(
        self, document: Document, layout: GenogramLayout, style: Style, theme: Theme, prefix: str
    ) -> None:
        self.document, self.layout, self.style, self.theme = document, layout, style, theme
        self.preset = style.preset
        self.s = style.symbol_size
        self.ids = Ids(prefix)
        self.prefix = prefix
        self.defs: dict[str, Definition] = {}
        self.usage: list[str] = []
        self.people = {p.id: p for p in document.people}
        self.names = {p.id: p.label for p in document.people}
        self.unions = {u.key: u for u in document.unions}
        self._boxes: list[Box] | None = None  # what ending marks avoid, and a grid of them
        self._grid: Grid | None = None
        self._union_words: dict[str, str] = {}
        self._child_styles: dict[str, tuple[Parentage, ln.ChildStyle]] = {}
        self.drawn_order = drawn_order(layout)
        self.scheme = condition_scheme(document, layout)
        self.adopted = {
            c.person
            for u in document.unions
            for c in u.children
            if c.parentage == Parentage.ADOPTED
        }
        self.pen = Pen(self.s, theme.line_s * self.s, theme.ink, theme.paper)
        self.shapes: dict[str, str] = {}

    def add_defs(self, defs: Iterable[Definition]) -> None:
        """Keep definitions by id (patterns are shared by every symbol that uses them)."""
        for d in defs:
            self.defs.setdefault(d.id, d)

    # ------------------------------------------------------------------ layers

    def households(self) -> list[Element]:
        """One dashed rounded outline per household, its row boxes joined into one shape."""
        merged: dict[str, list[Box]] = {}
        for hh in self.layout.households:
            merged.setdefault(hh.id, []).extend(hh.boxes)
        groups: list[Element] = []
        models = {h.id: h for h in self.document.households}
        stroke = Stroke(
            self.theme.household, self.theme.line_s * self.s, (0.15 * self.s, 0.08 * self.s)
        )
        for hid in sorted(merged):
            boxes = merged[hid]
            commands = tuple(
                c
                for loop in outline.loops(outline.bridge(boxes, 4 * self.s))
                for c in outline.rounded(loop, 0.3 * self.s)
            )
            items: list[Element] = [Path(commands, None, stroke)]
            model = models.get(hid)
            text = model.label if model is not None and model.label else None
            if text:
                first = min(boxes, key=lambda b: (b.top, b.left))
                size = self.style.small_font_size
                items.append(
                    Text(
                        first.left + 0.2 * self.s,
                        first.top + size * 1.15,
                        text,
                        size,
                        "start",
                        italic=True,
                        fill=self.theme.household,
                    )
                )
            # In drawing order, not list order: the output must not depend on the input's order.
            members = sorted(
                model.members if model is not None else (),
                key=lambda m: (self.drawn_order.get(m, len(self.drawn_order)), m),
            )
            title = f"Household: {text or hid} ({', '.join(self.names.get(m, m) for m in members)})"
            groups.append(
                Group(
                    tuple(items),
                    self.ids.make("household", hid),
                    "household",
                    (("id", hid), ("members", " ".join(members))),
                    title,
                )
            )
            self.usage.append("household")
        return groups

    def union_lines(self) -> list[Element]:
        """Partner lines with their kind's style, ending marks, house glyph and childlessness."""
        groups: list[Element] = []
        for placed in self.layout.unions:
            model = self.unions.get(placed.key)
            if model is None:
                continue
            double = model.consanguineous or placed.consanguineous
            items = ln.draw_union(
                pl.chain(placed.segments), model.kind, self.preset, double=double, pen=self.pen
            )
            self.usage.append(
                "union:partners" if self.preset == Preset.NSGC else f"union:{model.kind.value}"
            )
            if double:
                self.usage.append("consanguineous")
            main = placed.main
            style = ln.union_style(model.kind, self.preset)
            if main is not None and style.house:
                items.append(ln.house(Point(main.x1 + (main.x2 - main.x1) / 3, main.y1), self.pen))
            union_status = model.status  # worked out from the events: once per union
            ending = ln.ending_key(union_status, self.preset)
            if main is not None and ending is not None:
                at = ln.ending_position(main, self._near(main), self.s)
                _, tangent = pl.point_at(((Point(main.x1, main.y1)), Point(main.x2, main.y2)), 0.0)
                items.extend(ln.draw_ending(ending, at, tangent, self.pen))
                self.usage.append(f"ending:{ending}")
            if model.childless is not None and not model.children:
                items.extend(ln.draw_childless(placed.descent_from, model.childless, self.pen))
                self.usage.append(f"childless:{model.childless.value}")
            events = " ".join(t.text for t in placed.label.lines) if placed.label else None
            ended = union_status in ENDING_EVENTS  # model.has_ended
            status = union_status.value if ended and union_status else ""
            data = (
                ("id", placed.key),
                ("kind", model.kind.value),
                ("partners", " ".join(model.partners)),
                ("status", status),
                # Step-children get no line of their own (genogram-conventions.md): say who they
                # are here, so that no child link of the input is missing from the drawing.
                (
                    "step-children",
                    " ".join(c.person for c in model.children if c.parentage == Parentage.STEP),
                ),
            )
            groups.append(
                Group(
                    tuple(items),
                    self.ids.make("union", placed.key),
                    "union",
                    data,
                    describe_union(model, self.names, events, status=union_status),
                )
            )
        return groups

    def _near(self, main: Segment) -> tuple[Box, ...]:
        """Label and symbol boxes close to a partner line, for placing its ending marks."""
        zone = Box(
            min(main.x1, main.x2),
            min(main.y1, main.y2),
            max(main.x1, main.x2),
            max(main.y1, main.y2),
        ).expand(0.3 * self.s)
        if self._boxes is None:
            self._boxes = [p.box for p in self.layout.people]
            self._boxes += [label.box for p in self.layout.people for label in p.labels]
            self._boxes += [u.label.box for u in self.layout.unions if u.label is not None]
            edges = (v for b in self._boxes for v in (b.left, b.top, b.right, b.bottom))
            if all(math.isfinite(v) for v in edges):
                self._grid = Grid(4 * self.s)
                for i, box in enumerate(self._boxes):
                    self._grid.add(i, box)
        boxes = self._boxes
        # In list order either way: the caller sums overlaps in this order.
        near = range(len(boxes)) if self._grid is None else self._grid.overlapping(zone)
        return tuple(boxes[i] for i in near if boxes[i].overlaps(zone))

    def _child_group(self, link: ChildLink, css: str, secondary: bool = False) -> Group:
        parentage, style = self._child_styles.get(link.parentage) or self._child_style(link)
        items = [
            e for path in pl.chain(link.segments) for e in ln.draw_child_link(path, style, self.pen)
        ]
        if css == "child-link":
            self.usage.append(f"child:{parentage.value}")
        data = [("child", link.child), ("union", link.union), ("parentage", link.parentage)]
        if secondary:
            data.append(("secondary", "true"))
        union_words = self._union_words.get(link.union)
        if union_words is None:
            union = self.unions.get(link.union)
            union_words = (
                " and ".join(self.names.get(p, p) for p in union.partners) if union else link.union
            )
            self._union_words[link.union] = union_words
        return Group(
            tuple(items),
            self.ids.make(css, f"{link.union}>{link.child}"),
            css,
            tuple(data),
            describe_child(link.child, union_words, link.parentage, self.names),
        )

    def _child_style(self, link: ChildLink) -> tuple[Parentage, ln.ChildStyle]:
        parentage = Parentage(link.parentage)
        style = ln.child_style(parentage, self.preset)
        self._child_styles[link.parentage] = (parentage, style)
        return parentage, style

    def child_lines(self) -> list[Element]:
        """Descent lines and sibship bars, one group per child link, and twin markers."""
        groups: list[Element] = []
        for sib in self.layout.sibships:
            structural = [*sib.descent, *([sib.bar] if sib.bar is not None else [])]
            if structural:
                lines = [Polyline(p, self.pen.stroke()) for p in pl.chain(structural)]
                groups.append(
                    Group(
                        tuple(lines),
                        self.ids.make("sibship", sib.union),
                        "sibship",
                        (("union", sib.union),),
                    )
                )
            css = "child-link" if structural else "line-continuation"
            groups.extend(self._child_group(link, css) for link in sib.children)
        groups.extend(self._child_group(link, "child-link", True) for link in self.layout.secondary)
        for twins in self.layout.twins:
            items: list[Element] = []
            if twins.marker is not None:
                m = twins.marker
                items.append(Polyline((Point(m.x1, m.y1), Point(m.x2, m.y2)), self.pen.stroke()))
            if twins.question_at is not None:
                q = twins.question_at
                size = self.style.small_font_size + 1
                items.append(
                    Text(q.x, q.y + size * 0.35, "?", size, "middle", True, fill=self.theme.ink)
                )
            self.usage.append(f"twins:{twins.zygosity}")
            data = (
                ("union", twins.union),
                ("members", " ".join(twins.members)),
                ("zygosity", twins.zygosity),
            )
            groups.append(
                Group(tuple(items), self.ids.make("twins", "+".join(twins.members)), "twins", data)
            )
        return groups

    def symbols(self) -> list[Element]:
        """One titled group per drawn person symbol."""
        groups: list[Element] = []
        on = reference_date(self.style, self.document.date)
        choose = GlyphChooser(self.preset, self.scheme)
        counted: set[tuple[str, ...]] = set()
        for placed in self.layout.people:
            person = self.people[placed.id]
            adopted = placed.id in self.adopted
            chosen = choose(person, inside=placed.inside, adopted=adopted)
            frame = Frame(placed.x, placed.y, placed.size, unit=self.s)
            drawn = draw_glyph(
                chosen.glyph,
                frame,
                self.theme,
                clip_id=self.ids.make("clip", placed.key),
                pattern_prefix=self.prefix,
            )
            self.add_defs(drawn.defs)
            if chosen.keys not in counted:  # the legend needs each key once
                counted.add(chosen.keys)
                self.usage.extend(
                    k if k.startswith("condition:") else f"symbol:{k}" for k in chosen.keys
                )
            self.shapes.setdefault(
                placed.id, "square" if chosen.glyph.shape == "none" else chosen.glyph.shape
            )
            data = [("id", placed.id), ("kind", person.kind.value)]
            if placed.copy:
                data.append(("copy", str(placed.copy)))
            title = describe_person(person, age=age_of(person, on), adopted=adopted)
            groups.append(
                Group(
                    drawn.elements,
                    self.ids.make("person", placed.key),
                    "person",
                    tuple(data),
                    title,
                )
            )
        return groups

    def labels(self) -> list[Element]:
        """Person and union labels as the layout placed them, and the generation numbers."""
        ink = self.theme.ink
        groups: list[Element] = [
            Group(
                tuple([e for label in p.labels for e in _texts(label, ink)]),
                self.ids.make("labels", p.key),
                "person-labels",
                (("id", p.id),),
            )
            for p in self.layout.people
            if p.labels
        ]
        groups.extend(
            Group(
                tuple(_texts(u.label, ink)),
                self.ids.make("union-label", u.key),
                "union-label",
                (("union", u.key),),
            )
            for u in self.layout.unions
            if u.label is not None
        )
        if self.style.generation_numbers and self.layout.people:
            x = self.layout.bounds.left - 0.2 * self.s
            size = self.style.font_size
            numbers = tuple(
                Text(x, row.y + size * 0.35, roman(row.index + 1), size, "end", True, fill=ink)
                for row in self.layout.rows
            )
            groups.append(Group(numbers, f"{self.prefix}-generations", "generation-numbers"))
        return groups

    def emotions(self) -> list[Element]:
        """Emotional relationship lines, routed over everything else, in order of their keys."""
        drawn = {p.id: p for p in reversed(self.layout.people)}
        # Sorted, not in document order: the drawing must not depend on the order of the list
        # (routes claim space in turn). Keys can repeat, so the whole record breaks ties.
        wanted = sorted(
            (r for r in self.document.relationships if r.source in drawn and r.target in drawn),
            key=lambda r: (r.key, r.model_dump_json()),
        )
        if not wanted:
            return []
        obstacles: list[Obstacle] = []
        for p in self.layout.people:
            obstacles.append(Obstacle(p.box, 100.0, p.id))
            obstacles.extend(Obstacle(label.box, 10.0, p.id) for label in p.labels)
        obstacles.extend(Obstacle(u.label.box, 10.0, "") for u in self.layout.unions if u.label)
        segments = [s for u in self.layout.unions for s in u.segments]
        for sib in self.layout.sibships:
            segments.extend([*sib.descent, *([sib.bar] if sib.bar else [])])
            segments.extend(s for link in sib.children for s in link.segments)
        segments.extend(s for link in self.layout.secondary for s in link.segments)

        def end(pid: str) -> Endpoint:
            p = drawn[pid]
            return Endpoint(pid, p.x, p.y, p.size, self.shapes.get(pid, "square"))

        requests = [Request(r.key, end(r.source), end(r.target)) for r in wanted]
        routes = route_emotions(requests, obstacles, segments, self.s)
        groups: list[Element] = []
        for rel in wanted:
            style = ln.emotion_style(rel.kind, self.preset)
            pen = Pen(
                self.s,
                self.theme.emotion_s * self.s,
                self.theme.family(style.family),
                self.theme.paper,
            )
            path = routes[rel.key]
            items = ln.draw_emotion(path, style, pen, mutual=rel.mutual) if len(path) >= 2 else []
            self.usage.append(f"emotion:{rel.kind.value}")
            data = (
                ("kind", rel.kind.value),
                ("source", rel.source),
                ("target", rel.target),
                ("mutual", "true" if rel.mutual else "false"),
            )
            groups.append(
                Group(
                    tuple(items),
                    self.ids.make("emotion", rel.key),
                    "emotion",
                    data,
                    describe_emotion(rel, self.names),
                )
            )
        return groups
