"""Compose an eco-map Scene: sector titles, the centre with its genogram, ties, systems, key.

Layers, bottom to top: sector titles, the centre circle (with the household genogram composed
by :func:`genomap.compose.compose_genogram` and moved into place), the ties, the system
circles, then the title block, the key and the numbered notes. Every group has an explicit id
made from ``id_prefix``; see :func:`compose_ecomap` for the classes and data attributes.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from genomap import ecomap_lines as el
from genomap import legend as gl
from genomap import polyline as pl
from genomap.compose import ID_PREFIX, compose_genogram
from genomap.describe_ecomap import (
    describe_connection,
    describe_ecomap,
    describe_system,
    end_names,
)
from genomap.geometry import Box, Point
from genomap.layers import Ids, condition_scheme, drawn_order
from genomap.layout.ecomap_model import (
    EcomapLayout,
    EcomapStyle,
)
from genomap.layout.model import Label
from genomap.linework import Pen
from genomap.models import Document
from genomap.scene import (
    Circle,
    ClipPath,
    Definition,
    Drawn,
    Element,
    Group,
    Path,
    Polygon,
    Polyline,
    Rect,
    Scene,
    Stroke,
    Text,
    union_bounds,
    walk,
)
from genomap.style import Style
from genomap.text import wrap
from genomap.theme import DEFAULT_THEME, Theme

Row = el.Row


def compose_ecomap(
    document: Document,
    layout: EcomapLayout,
    style: Style,
    theme: Theme = DEFAULT_THEME,
    *,
    ecomap_style: EcomapStyle | None = None,
    legend: bool = True,
    id_prefix: str = "e",
) -> Scene:
    """Turn a laid-out eco-map into a Scene.

    The SVG contract: each system is a group with ``class="system"``, ``data-id``,
    ``data-category``, ``data-importance`` and ``data-absent`` and a ``<title>`` in words; each
    tie is ``class="connection"`` with ``data-id``, ``data-system``, ``data-target``,
    ``data-member``, ``data-strength``, ``data-stress`` (``stressful`` or ``none``),
    ``data-flow`` and ``data-amount``; the centre is ``class="ecomap-centre"`` and holds the
    household genogram's own groups (``class="person"`` and so on, ids prefixed
    ``{id_prefix}-family``); each sector title is ``class="category"`` with ``data-key``.
    A tie's ``data-target`` is ``household``, ``member`` or ``person`` (individual centre);
    ``data-member`` is left out when the tie is not to one member.

    Args:
        document: the document that was laid out.
        layout: its eco-map layout.
        style: the style the layout used.
        theme: colours and widths; :data:`genomap.theme.BLACK_AND_WHITE` loses no meaning.
        ecomap_style: line variants and options; defaults to :class:`EcomapStyle`.
        legend: add the key (only the codes this map uses) and the numbered notes.
        id_prefix: prefix of every id, so several drawings can share a page.

    Raises:
        ValueError: when ``id_prefix`` is not a valid XML name.
    """
    if not ID_PREFIX.match(id_prefix):
        raise ValueError(
            f"id_prefix {id_prefix!r} must start with a letter or '_' and hold only "
            "letters, digits, '_', '.' and '-'"
        )
    eco = ecomap_style or EcomapStyle()
    s = style.symbol_size
    ids = Ids(id_prefix)
    mono = theme.negative == theme.ink and theme.positive == theme.ink
    ecomap = document.ecomap
    colours = {c.key: c.colour for c in ecomap.categories if c.colour} if ecomap else {}
    colours = {} if mono else colours
    pen = Pen(s, theme.line_s * s, theme.ink, theme.paper)
    stress_pen = replace(pen, colour=theme.negative)
    centre, defs, genogram_keys = _centre(layout, theme, id_prefix, ids)
    layers = (
        ("sectors", _sector_titles(layout, theme, colours, ids)),
        ("centre", centre),
        ("connections", _ties(document, layout, pen, stress_pen, eco, ids)),
        ("systems", _systems(document, layout, theme, colours, ids)),
    )
    body: list[Element] = [Group(tuple(items), f"{id_prefix}-{n}", n) for n, items in layers]
    title = _title_block(document, style, theme, layout.bounds, f"{id_prefix}-title-block")
    body.append(title)
    whole = layout.bounds.union(union_bounds(title.children) or layout.bounds)
    if legend:
        panels = _panels(document, layout, style, theme, eco, colours, genogram_keys, id_prefix)
        placed, area = _arrange(panels, whole, style, theme, id_prefix)
        for group, panel_defs in placed:
            body.append(group)
            defs.extend(panel_defs)
        whole = area
    view = whole.expand(0.4 * s)
    unique = {d.id: d for d in defs}
    return Scene(
        width=view.width,
        height=view.height,
        view_box=view,
        title=document.title or "Eco-map",
        description=describe_ecomap(document, layout),
        children=tuple(body),
        defs=tuple(unique[k] for k in sorted(unique)),
        id_prefix=id_prefix,
        font_family=theme.font_family or style.font_family,
        background=theme.paper,
    )


# --------------------------------------------------------------------------- the centre


def _centre(
    layout: EcomapLayout, theme: Theme, prefix: str, ids: Ids
) -> tuple[list[Element], list[Definition], list[str]]:
    """The centre circle, its caption and the embedded genogram; its defs and legend keys."""
    centre = layout.centre
    s = layout.symbol_size
    circle = Circle(0.0, 0.0, centre.radius, theme.paper, Stroke(theme.ink, theme.outline_s * s))
    household = centre.mode == "household"
    caption = _texts(centre.label, theme.household if household else theme.ink, italic=household)
    items: list[Element] = [circle, *caption]
    defs: list[Definition] = []
    keys: list[str] = []
    if centre.genogram is not None and centre.document is not None and centre.genogram_style:
        scene = compose_genogram(
            centre.document,
            centre.genogram,
            centre.genogram_style,
            theme,
            legend=True,
            id_prefix=f"{prefix}-family",
        )
        keys = [
            dict(g.data)["key"]
            for g in walk(scene.children)
            if isinstance(g, Group) and g.css_class == "legend-entry"
        ]
        dx, dy = centre.offset.x, centre.offset.y
        items += [
            moved(child, dx, dy)
            for child in scene.children
            if not (isinstance(child, Group) and child.css_class in ("legend", "title-block"))
        ]
        for d in scene.defs:
            if "-legend-" in d.id:
                continue
            defs.append(_moved_clip(d, dx, dy) if isinstance(d, ClipPath) else d)
    # Members in drawing order, as the genogram's households list them, not the input's order.
    order = drawn_order(centre.genogram) if centre.genogram is not None else {}
    data = (
        ("mode", str(centre.mode)),
        ("household", centre.household or ""),
        ("person", centre.person or ""),
        ("members", " ".join(sorted(centre.members, key=lambda m: (order.get(m, len(order)), m)))),
    )
    title = f"Centre: {' '.join(t.text for t in centre.label.lines) if centre.label else ''}"
    group = Group(tuple(items), ids.make("centre", centre.mode), "ecomap-centre", data, title)
    return [group], defs, keys


def _moved_clip(clip: ClipPath, dx: float, dy: float) -> ClipPath:
    shape = moved(clip.shape, dx, dy)
    assert isinstance(shape, Rect | Circle | Polygon | Path)
    return replace(clip, shape=shape)


def moved(element: Element, dx: float, dy: float) -> Element:
    """The element shifted by (dx, dy): an adapter until scene groups can carry a transform."""
    if isinstance(element, Group):
        return replace(element, children=tuple(moved(c, dx, dy) for c in element.children))
    if isinstance(element, Rect):
        return replace(element, x=element.x + dx, y=element.y + dy)
    if isinstance(element, Circle):
        return replace(element, cx=element.cx + dx, cy=element.cy + dy)
    if isinstance(element, Text):
        return replace(element, x=element.x + dx, y=element.y + dy)
    if isinstance(element, Polygon | Polyline):
        return replace(element, points=tuple(Point(p.x + dx, p.y + dy) for p in element.points))
    commands = []
    for letter, values in element.commands:
        if letter == "A":
            values = (*values[:5], values[5] + dx, values[6] + dy)
        else:
            values = tuple(v + (dx if i % 2 == 0 else dy) for i, v in enumerate(values))
        commands.append((letter, values))
    return replace(element, commands=tuple(commands))


# --------------------------------------------------------------------------- ties and systems


def _ties(
    document: Document,
    layout: EcomapLayout,
    pen: Pen,
    stress_pen: Pen,
    eco: EcomapStyle,
    ids: Ids,
) -> list[Element]:
    groups: list[Element] = []
    for tie in layout.connections:
        room = el.NOTE_ROOM * pen.s if tie.note_number is not None else 0.0
        items = el.draw_tie(
            tie.path,
            tie.strength,
            tie.stressful,
            tie.flow,
            tie.amount,
            pen,
            stress_pen,
            strong=eco.strong,
            stress=eco.stress,
            stretch=(tie.codes_from, pl.length(tie.path) - room),
        )
        if tie.note_number is not None:
            at = el.note_position(tie.path, pen)
            items += el.note_marker(at, tie.note_number, pen, 0.24 * pen.s)
        target = "member" if tie.member else "household"
        if layout.centre.mode == "individual":
            target = "person"
        data = (
            ("id", tie.key.partition("#")[0]),
            ("system", tie.system),
            ("target", target),
            ("member", tie.member or ""),
            ("strength", tie.strength.value),
            ("stress", "stressful" if tie.stressful else "none"),
            ("flow", tie.flow.value),
            ("amount", str(tie.amount)),
        )
        groups.append(
            Group(
                tuple(items),
                ids.make("connection", tie.key.partition("#")[0]),
                "connection",
                data,
                describe_connection(document, tie),
            )
        )
    return groups


def _systems(
    document: Document, layout: EcomapLayout, theme: Theme, colours: dict[str, str], ids: Ids
) -> list[Element]:
    s = layout.symbol_size
    groups: list[Element] = []
    for placed in layout.systems:
        dash = (0.15 * s, 0.1 * s) if placed.absent else ()
        stroke = Stroke(theme.ink, theme.outline_s * s, dash)
        tint = colours.get(placed.category)
        fill = _tint(tint, theme.paper) if tint else theme.paper
        items: list[Element] = [Circle(placed.x, placed.y, placed.r, fill, stroke)]
        items += _texts(placed.label, theme.ink)
        data = (
            ("id", placed.id),
            ("category", placed.category),
            ("importance", placed.importance.value),
            ("absent", "true" if placed.absent else "false"),
        )
        title = describe_system(document, placed)
        groups.append(Group(tuple(items), ids.make("system", placed.id), "system", data, title))
    return groups


def _sector_titles(
    layout: EcomapLayout, theme: Theme, colours: dict[str, str], ids: Ids
) -> list[Element]:
    return [
        Group(
            tuple(_texts(sector.title, colours.get(sector.key, theme.muted), italic=True)),
            ids.make("category", sector.key),
            "category",
            (("key", sector.key), ("systems", " ".join(sector.systems))),
        )
        for sector in layout.sectors
        if sector.title is not None
    ]


def _texts(label: Label | None, colour: str, *, italic: bool = False) -> list[Element]:
    if label is None:
        return []
    return [
        Text(t.x, t.y, t.text, t.size, t.anchor, t.bold, italic, fill=colour) for t in label.lines
    ]


def _tint(colour: str, paper: str, share: float = 0.3) -> str:
    """``share`` of ``colour`` on ``paper``: a light fill that keeps text readable."""
    mix = [
        round(int(colour[i : i + 2], 16) * share + int(paper[i : i + 2], 16) * (1 - share))
        for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{v:02x}" for v in mix)


# --------------------------------------------------------------------------- title and panels


def _title_block(
    document: Document, style: Style, theme: Theme, bounds: Box, group_id: str
) -> Group:
    """The title over the map, and under it the date (always: an eco-map is a dated snapshot),
    the author and the case id."""
    meta = [f"Date: {document.date}" if document.date else "Undated"]
    meta += [f"{k}: {v}" for k, v in (("Author", document.author), ("Case", document.case_id)) if v]
    rows = [(" · ".join(meta), style.small_font_size + 0.5, False, theme.muted)]
    if document.title:
        rows.insert(0, (document.title, style.title_font_size, True, theme.ink))
    y = bounds.top - 0.3 * style.symbol_size
    items: list[Element] = []
    for text, size, bold, colour in reversed(rows):
        items.append(Text(bounds.left, y, text, size, "start", bold, fill=colour))
        y -= size * 1.5
    return Group(tuple(reversed(items)), group_id, "title-block")


def _panels(
    document: Document,
    layout: EcomapLayout,
    style: Style,
    theme: Theme,
    eco: EcomapStyle,
    colours: dict[str, str],
    genogram_keys: list[str],
    prefix: str,
) -> list[tuple[str, str, list[Row]]]:
    """The key (genogram symbols used in the centre, then the eco-map codes) and the notes."""
    s = style.symbol_size
    pen = Pen(s, theme.line_s * s, theme.ink, theme.paper)
    stress_pen = replace(pen, colour=theme.negative)
    rows: list[Row] = []
    centre = layout.centre
    if centre.document is not None and centre.genogram is not None and genogram_keys:
        scheme = condition_scheme(centre.document, centre.genogram)  # as the centre numbers them
        ctx = gl.LegendContext(style.preset, scheme, style, theme, prefix)
        for i, key in enumerate(gl.ordered(genogram_keys)):
            clip = f"{prefix}-key-clip-{i}"
            draw = partial(gl.sample, key, ctx=ctx, clip_id=clip)
            rows.append((key, (gl.label(key, ctx),), draw))
    names = {k: document.ecomap.category_label(k) for k in colours} if document.ecomap else {}
    for key in el.ecomap_keys(layout, colours):
        fill = _tint(colours[key[9:]], theme.paper) if key.startswith("category:") else None
        draw = partial(
            el.sample,
            key,
            pen=pen,
            stress_pen=stress_pen,
            strong=eco.strong,
            stress=eco.stress,
            fill=fill,
        )
        rows.append((key, (el.legend_label(key, names),), draw))
    notes: list[Row] = []
    for tie in layout.connections:
        if tie.note_number is None or tie.note is None:
            continue
        text = f"{end_names(document, tie)}: {tie.note}"
        lines = tuple(wrap(text, style.small_font_size + 0.5, 9 * s, max_lines=6))
        notes.append((f"note:{tie.note_number}", lines, partial(_marker, tie.note_number, pen)))
    panels = [("Key", "legend", rows)] if rows else []
    return panels + ([("Notes", "notes", notes)] if notes else [])


def _marker(number: int, pen: Pen, box: Box) -> Drawn:
    return Drawn(tuple(el.note_marker(Point(box.cx, box.cy), number, pen, 0.24 * pen.s)))


def _arrange(
    panels: list[tuple[str, str, list[Row]]],
    whole: Box,
    style: Style,
    theme: Theme,
    prefix: str,
) -> tuple[list[tuple[Group, tuple[Definition, ...]]], Box]:
    """The panels beside the map or below it, whichever keeps the page nearer landscape A4."""
    s = style.symbol_size
    font = style.small_font_size + 0.5
    best: tuple[float, list[tuple[Group, tuple[Definition, ...]]], Box] | None = None
    for beside in (True, False):
        x, y = (
            (whole.right + 0.5 * s, whole.top) if beside else (whole.left, whole.bottom + 0.5 * s)
        )
        area, built = whole, []
        for title, css, rows in panels:
            limit = max(whole.height, 10 * s) if beside else None
            group, defs, box = el.panel(
                title, css, rows, Point(x, y), font, theme, f"{prefix}-{css}", s=s, max_height=limit
            )
            built.append((group, defs))
            area = area.union(box)
            x, y = (x, box.bottom + 0.4 * s) if beside else (box.right + 0.4 * s, y)
        score = abs(area.width / area.height - 1.414)
        if best is None or score < best[0] - 1e-9:
            best = (score, built, area)
    assert best is not None
    return best[1], best[2]
