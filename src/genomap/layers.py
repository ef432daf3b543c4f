"""The drawing layers of a genogram: households, lines, symbols, labels and emotional lines.

:class:`Layers` turns each part of a layout into scene groups with explicit ids, CSS classes,
data attributes and titles, and records the legend keys of what it drew.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from functools import cached_property

from genomap import lines as ln
from genomap import outline
from genomap import polyline as pl
from genomap.describe import (
    describe_child,
    describe_emotion,
    describe_person,
    describe_union,
)
from genomap.emotions import Endpoint, Grid, Obstacle, Request, route_emotions
from genomap.geometry import Box, Point, Segment
from genomap.glyphs import ConditionScheme, GlyphChooser, PersonGlyph
from genomap.layout.genogram import roman
from genomap.layout.labels import age_of, reference_date
from genomap.layout.model import ChildLink, GenogramLayout
from genomap.linework import Pen
from genomap.models import (
    ENDING_EVENTS,
    Document,
    Parentage,
    PersonKind,
    Preset,
    Union,
    UnionEventType,
    UnionKind,
)
from genomap.models.enums import RESUMING_EVENTS
from genomap.scene import Definition, Element, Group, Path, Polyline, Stroke, Text
from genomap.shapes import outline_stroke
from genomap.style import Style
from genomap.symbols import Frame, draw_glyph, draw_plain, is_plain
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
        return self._claim(f"{self.prefix}-{kind}-{self.safe_key(raw)}")

    def safe_key(self, raw: str) -> str:
        """``raw`` with each character outside ``[A-Za-z0-9_.-]`` replaced by ``_``."""
        safe = self.safe.get(raw)
        if safe is None:
            # Most keys are plain letters and digits: nothing to replace.
            safe = raw if raw.isascii() and raw.isalnum() else _UNSAFE.sub("_", raw)
            self.safe[raw] = safe
        return safe

    def maker(self, kind: str) -> Callable[[str], str]:
        """``lambda raw: make(kind, raw)``, quicker: for loops that make thousands of ids."""
        head = f"{self.prefix}-{kind}-"
        used, safe_keys, safe_key, claim = (
            self.used,
            self.safe,
            self.safe_key,
            self._claim,
        )

        def make(raw: str) -> str:
            candidate = head + (safe_keys.get(raw) or safe_key(raw))
            if candidate in used:
                return claim(candidate)
            used.add(candidate)
            return candidate

        return make

    def pair_maker(self, kind: str, sep: str) -> Callable[[str, str], str]:
        """``lambda a, b: make(kind, f"{a}{sep}{b}")``, without sanitising each joined key
        afresh: sanitising replaces character by character, so each part's is cached."""
        head, middle = f"{self.prefix}-{kind}-", _UNSAFE.sub("_", sep)
        used, safe_keys, safe_key, claim = (
            self.used,
            self.safe,
            self.safe_key,
            self._claim,
        )

        def make_pair(a: str, b: str) -> str:
            candidate = (
                head
                + (safe_keys.get(a) or safe_key(a))
                + middle
                + (safe_keys.get(b) or safe_key(b))
            )
            if candidate in used:
                return claim(candidate)
            used.add(candidate)
            return candidate

        return make_pair

    def _claim(self, candidate: str) -> str:
        if candidate in self.used:
            base, n = candidate, 2
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


_ChildStyle = tuple[ln.ChildStyle, Stroke, tuple[str, str], str]
"""A parentage's style, the stroke of its line, its ("parentage", ...) data pair and its
legend key."""

_STATUS_EVENTS = ENDING_EVENTS | RESUMING_EVENTS


def _status(union: Union) -> UnionEventType | None:
    """``union.status``, without sorting the events by date when there is only one."""
    events = union.events
    if len(events) > 1:
        return union.status
    return events[0].type if events and events[0].type in _STATUS_EVENTS else None


class Layers:
    """Builds each layer's groups for one layout and collects definitions and legend keys."""

    def __init__(
        self,
        document: Document,
        layout: GenogramLayout,
        style: Style,
        theme: Theme,
        prefix: str,
    ) -> None:
        self.document, self.layout, self.style, self.theme = (
            document,
            layout,
            style,
            theme,
        )
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
        self._child_styles: dict[str, _ChildStyle] = {}
        self._union_pairs: dict[str, tuple[str, str]] = {}  # shared ("union", key) pairs
        self._union_datas: dict[str, tuple[tuple[str, str]]] = {}
        self._link_ids: dict[str, Callable[[str, str], str]] = {}  # id makers by CSS class
        self.scheme = condition_scheme(document, layout)
        self.adopted = {
            c.person
            for u in document.unions
            for c in u.children
            if c.parentage == Parentage.ADOPTED
        }
        self.pen = Pen(self.s, theme.line_s * self.s, theme.ink, theme.paper)
        self.shapes: dict[str, str] = {}
        self.beyond: list[Element] = []
        """What may reach past the layout's bounds: everything drawn but plain symbols, the
        layout's own lines and its labels, which its bounds hold with a margin of 0.4 symbol
        sizes (more than the 0.2 compose adds), so the drawing's size needs only these measured."""

    @cached_property
    def drawn_order(self) -> dict[str, int]:
        """Each drawn person's rank in reading order (sorted only when needed)."""
        return drawn_order(self.layout)

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
            self.theme.household,
            self.theme.line_s * self.s,
            (0.15 * self.s, 0.08 * self.s),
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
        self.beyond.extend(groups)
        return groups

    def union_lines(self) -> list[Element]:
        """Partner lines with their kind's style, ending marks, house glyph and childlessness."""
        groups: list[Element] = []
        preset, pen, unions, make = (
            self.preset,
            self.pen,
            self.unions,
            self.ids.maker("union"),
        )
        nsgc = preset == Preset.NSGC
        kinds: dict[UnionKind, tuple[str, tuple[str, str], ln.UnionStyle]] = {}
        no_status, no_steps = (
            ("status", ""),
            ("step-children", ""),
        )  # shared by most unions
        for placed in self.layout.unions:
            model = unions.get(placed.key)
            if model is None:
                continue
            kind = model.kind
            known = kinds.get(kind)
            if known is None:
                usage = "union:partners" if nsgc else f"union:{kind.value}"
                known = kinds[kind] = (
                    usage,
                    ("kind", kind.value),
                    ln.union_style(kind, preset),
                )
            usage, kind_pair, style = known
            double = model.consanguineous or placed.consanguineous
            items = ln.draw_union(pl.chain(placed.segments), kind, preset, double=double, pen=pen)
            self.usage.append(usage)
            if double:
                self.usage.append("consanguineous")
            main = placed.main
            if main is not None and style.house:
                items.append(ln.house(Point(main.x1 + (main.x2 - main.x1) / 3, main.y1), pen))
            union_status = _status(model)
            ending = ln.ending_key(union_status, preset)
            if main is not None and ending is not None:
                at = ln.ending_position(main, self._near(main), self.s, placed.descent_from.x)
                _, tangent = pl.point_at(((Point(main.x1, main.y1)), Point(main.x2, main.y2)), 0.0)
                items.extend(ln.draw_ending(ending, at, tangent, pen))
                self.usage.append(f"ending:{ending}")
            if model.childless is not None and not model.children:
                items.extend(ln.draw_childless(placed.descent_from, model.childless, pen))
                self.usage.append(f"childless:{model.childless.value}")
            events = " ".join([t.text for t in placed.label.lines]) if placed.label else None
            ended = union_status in ENDING_EVENTS  # model.has_ended
            status = union_status.value if ended and union_status else ""
            # Step-children get no line of their own (genogram-conventions.md): say who they
            # are here, so that no child link of the input is missing from the drawing.
            steps = [c.person for c in model.children if c.parentage == Parentage.STEP]
            data = (
                ("id", placed.key),
                kind_pair,
                ("partners", " ".join(model.partners)),
                ("status", status) if status else no_status,
                ("step-children", " ".join(steps)) if steps else no_steps,
            )
            groups.append(
                Group(
                    tuple(items),
                    make(placed.key),
                    "union",
                    data,
                    describe_union(model, self.names, events, status=union_status),
                )
            )
        self.beyond.extend(groups)  # doubled lines, marks, house glyphs: measure them all
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
        style, stroke, parentage_pair, usage = self._child_styles.get(
            link.parentage
        ) or self._child_style(link)
        paths = pl.chain(link.segments)
        items: tuple[Element, ...]
        if style.letter is None:  # what draw_child_link draws then: one line per path
            items = tuple([Polyline(path, stroke) for path in paths])
        else:
            items = tuple([e for path in paths for e in ln.draw_child_link(path, style, self.pen)])
        if css == "child-link":
            self.usage.append(usage)
        union_key = link.union
        union_words = self._union_words.get(union_key)
        if union_words is None:
            union = self.unions.get(union_key)
            union_words = (
                " and ".join(self.names.get(p, p) for p in union.partners) if union else union_key
            )
            self._union_words[union_key] = union_words
        data: tuple[tuple[str, str], ...] = (
            ("child", link.child),
            self._union_pair(union_key),
            parentage_pair,
        )
        if secondary:
            data = (*data, ("secondary", "true"))
        make = self._link_ids.get(css)
        if make is None:
            make = self._link_ids[css] = self.ids.pair_maker(css, ">")
        group = Group(
            items,
            make(union_key, link.child),
            css,
            data,
            describe_child(link.child, union_words, link.parentage, self.names),
        )
        if style.letter is not None:  # the letter is written beside the line
            self.beyond.append(group)
        return group

    def _child_style(self, link: ChildLink) -> _ChildStyle:
        parentage = Parentage(link.parentage)
        style = ln.child_style(parentage, self.preset)
        stroke = self.pen.stroke(style.dash, dotted=style.dotted)
        known = (
            style,
            stroke,
            ("parentage", link.parentage),
            f"child:{parentage.value}",
        )
        self._child_styles[link.parentage] = known
        return known

    def _union_data(self, union: str) -> tuple[tuple[str, str]]:
        """One shared ``(("union", key),)`` data tuple per union (sibships, union labels)."""
        data = self._union_datas.get(union)
        if data is None:
            data = self._union_datas[union] = (self._union_pair(union),)
        return data

    def _union_pair(self, union: str) -> tuple[str, str]:
        """One shared ``("union", key)`` data pair per union."""
        pair = self._union_pairs.get(union)
        if pair is None:
            pair = self._union_pairs[union] = ("union", union)
        return pair

    def child_lines(self) -> list[Element]:
        """Descent lines and sibship bars, one group per child link, and twin markers."""
        groups: list[Element] = []
        stroke = self.pen.stroke()
        child_group = self._child_group
        sibship_id = self.ids.maker("sibship")
        for sib in self.layout.sibships:
            structural = [*sib.descent, sib.bar] if sib.bar is not None else sib.descent
            if structural:
                groups.append(
                    Group(
                        tuple([Polyline(p, stroke) for p in pl.chain(structural)]),
                        sibship_id(sib.union),
                        "sibship",
                        self._union_data(sib.union),
                    )
                )
            css = "child-link" if structural else "line-continuation"
            for link in sib.children:
                groups.append(child_group(link, css))
        for link in self.layout.secondary:
            groups.append(child_group(link, "child-link", True))
        for twins in self.layout.twins:
            items: list[Element] = []
            if twins.marker is not None:
                m = twins.marker
                items.append(Polyline((Point(m.x1, m.y1), Point(m.x2, m.y2)), self.pen.stroke()))
            if twins.question_at is not None:
                q = twins.question_at
                size = self.style.small_font_size + 1
                items.append(
                    Text(
                        q.x,
                        q.y + size * 0.35,
                        "?",
                        size,
                        "middle",
                        True,
                        fill=self.theme.ink,
                    )
                )
            self.usage.append(f"twins:{twins.zygosity}")
            data = (
                ("union", twins.union),
                ("members", " ".join(twins.members)),
                ("zygosity", twins.zygosity),
            )
            twin_group = Group(
                tuple(items), self.ids.make("twins", "+".join(twins.members)), "twins", data
            )
            groups.append(twin_group)
            self.beyond.append(twin_group)
        return groups

    def symbols(self) -> list[Element]:
        """One titled group per drawn person symbol."""
        return self._people[0]

    @cached_property
    def _people(self) -> tuple[list[Element], list[Element]]:
        """Each drawn person's symbol group and, if they have labels, their label group: made
        in one pass, the two groups sharing the ("id", ...) pair."""
        groups: list[Element] = []
        labels: list[Element] = []
        on = reference_date(self.style, self.document.date)
        choose = GlyphChooser(self.preset, self.scheme)
        counted: set[tuple[str, ...]] = set()
        people, names, adopted_ids = self.people, self.names, self.adopted
        # Ids of different kinds never clash: making them in one pass gives the same ids.
        person_id, clip_id_of, labels_id = (
            self.ids.maker("person"),
            self.ids.maker("clip"),
            self.ids.maker("labels"),
        )
        theme, prefix, unit, shapes = self.theme, self.prefix, self.s, self.shapes
        paper, ink = theme.paper, theme.ink
        # Look-alikes share one PersonGlyph: what follows from it is worked out once (by id,
        # each entry holding its glyph so that the id stays its own).
        looks: dict[int, tuple[PersonGlyph, bool]] = {}
        kinds: dict[PersonKind, tuple[str, str]] = {}  # one shared ("kind", ...) pair per kind
        strokes: dict[float, Stroke] = {}
        clips = bool(self.scheme.keys)
        for placed in self.layout.people:
            pid, key, copy = placed.id, placed.key, placed.copy
            person = people[pid]
            adopted = pid in adopted_ids
            chosen = choose(person, inside=placed.inside, adopted=adopted)
            look = looks.get(id(chosen))
            if look is None or look[0] is not chosen:
                look = looks[id(chosen)] = (chosen, is_plain(chosen.glyph))
                if chosen.keys not in counted:  # the legend needs each key once
                    counted.add(chosen.keys)
                    self.usage.extend(
                        k if k.startswith("condition:") else f"symbol:{k}" for k in chosen.keys
                    )
            glyph = chosen.glyph
            # Only fills are clipped, and only conditions make fills: with none in the document
            # no clip id is ever used (nor could it clash with an id of another kind).
            clip_id = clip_id_of(key) if clips else ""
            elements: tuple[Element, ...]
            if look[1]:
                width = unit or placed.size  # Frame.s
                stroke = strokes.get(width)
                if stroke is None:
                    stroke = strokes[width] = outline_stroke(Frame(0.0, 0.0, width), theme)
                elements = draw_plain(glyph.shape, placed.x, placed.y, placed.size, paper, stroke)
            else:
                frame = Frame(placed.x, placed.y, placed.size, unit)
                drawn = draw_glyph(glyph, frame, theme, clip_id=clip_id, pattern_prefix=prefix)
                self.add_defs(drawn.defs)
                elements = drawn.elements
            if pid not in shapes:
                shapes[pid] = "square" if glyph.shape == "none" else glyph.shape
            pair = kinds.get(person.kind)
            if pair is None:
                pair = kinds[person.kind] = ("kind", person.kind.value)
            id_pair = ("id", pid)
            data: tuple[tuple[str, str], ...] = (
                (id_pair, pair) if not copy else (id_pair, pair, ("copy", str(copy)))
            )
            title = describe_person(
                person, age=age_of(person, on), adopted=adopted, name=names[pid]
            )
            group = Group(elements, person_id(key), "person", data, title)
            groups.append(group)
            if not look[1]:  # marks, fills, arrows and text can reach past the symbol's box
                self.beyond.append(group)
            if placed.labels:
                texts = tuple(
                    [
                        Text(t.x, t.y, t.text, t.size, t.anchor, t.bold, False, ink)
                        for label in placed.labels
                        for t in label.lines
                    ]
                )
                labels.append(Group(texts, labels_id(key), "person-labels", (id_pair,)))
        return groups, labels

    def labels(self) -> list[Element]:
        """Person and union labels as the layout placed them, and the generation numbers."""
        ink = self.theme.ink
        union_label_id = self.ids.maker("union-label")
        groups = list(self._people[1])
        for u in self.layout.unions:
            if u.label is not None:
                texts = [
                    Text(t.x, t.y, t.text, t.size, t.anchor, t.bold, False, ink)
                    for t in u.label.lines
                ]
                groups.append(
                    Group(
                        tuple(texts),
                        union_label_id(u.key),
                        "union-label",
                        self._union_data(u.key),
                    )
                )
        if self.style.generation_numbers and self.layout.people:
            x = self.layout.bounds.left - 0.2 * self.s
            size = self.style.font_size
            numbers = tuple(
                Text(
                    x,
                    row.y + size * 0.35,
                    roman(row.index + 1),
                    size,
                    "end",
                    True,
                    fill=ink,
                )
                for row in self.layout.rows
            )
            generation_numbers = Group(numbers, f"{self.prefix}-generations", "generation-numbers")
            groups.append(generation_numbers)
            self.beyond.append(generation_numbers)
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
        self.beyond.extend(groups)
        return groups
