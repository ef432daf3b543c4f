"""Compose a genogram Scene from a layout: households, lines, symbols, labels, emotions, key.

Layers, bottom to top: household outlines, partner and child lines (under the symbols, so the
symbols' fills are never hidden), symbols, labels, the emotional overlay, then the legend and
the title block. Every group carries an explicit id made from ``id_prefix`` and a CSS class
and data attributes that embedding pages can rely on (see :func:`compose_genogram`).
"""

from __future__ import annotations

import re

from genomap._gc import gc_paused
from genomap.describe import describe_document
from genomap.geometry import Box
from genomap.layers import Layers
from genomap.layout.model import GenogramLayout
from genomap.legend import LegendContext, build_legend
from genomap.models import Document
from genomap.scene import Element, Group, Scene, Text, union_bounds
from genomap.style import Style
from genomap.theme import DEFAULT_THEME, Theme

ID_PREFIX = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
"""What an ``id_prefix`` may look like (an XML name without colons)."""


def _title_block(c: Layers, left: float, bottom: float) -> tuple[Group, Box] | None:
    """The title and the date, author and case id, set so the block ends at ``bottom``."""
    doc = c.document
    meta = [
        f"{name}: {value}"
        for name, value in (("Date", doc.date), ("Author", doc.author), ("Case", doc.case_id))
        if value is not None
    ]
    title_size = c.style.title_font_size
    meta_size = c.style.small_font_size + 0.5
    rows = ([(doc.title, title_size, True, c.theme.ink)] if doc.title else []) + (
        [(" · ".join(meta), meta_size, False, c.theme.muted)] if meta else []
    )
    if not rows:
        return None
    y = bottom - sum(size * 1.5 for _, size, _, _ in rows)
    items: list[Element] = []
    for text, size, bold, colour in rows:
        y += size * 1.5
        items.append(Text(left, y - size * 0.45, text, size, "start", bold, fill=colour))
    group = Group(tuple(items), f"{c.prefix}-title-block", "title-block")
    box = union_bounds(group.children)
    return (group, box) if box is not None else None


def compose_genogram(
    document: Document,
    layout: GenogramLayout,
    style: Style,
    theme: Theme = DEFAULT_THEME,
    *,
    legend: bool = True,
    id_prefix: str = "g",
) -> Scene:
    """Turn a laid-out genogram into a Scene.

    The SVG contract for pages that embed the drawing: each person is a group with
    ``class="person"`` and ``data-id`` (a ``<title>`` describes them in words); each union is
    ``class="union"`` with ``data-id`` (and ``data-step-children``, the step-children, who get
    no line); each child line ``class="child-link"`` with
    ``data-child``, ``data-union`` and ``data-parentage``; each emotional relationship
    ``class="emotion"`` with ``data-kind``, ``data-source`` and ``data-target``; each household
    ``class="household"`` with ``data-id``. Ids are ``{id_prefix}-person-{id}`` and so on.

    Args:
        document: the document that was laid out.
        layout: its layout.
        style: the style the layout used (preset, sizes).
        theme: colours, widths and patterns.
        legend: add the automatic key.
        id_prefix: prefix of every id, so several drawings can share a page.

    Raises:
        ValueError: when ``id_prefix`` is not a valid XML name.
    """
    if not ID_PREFIX.match(id_prefix):
        raise ValueError(
            f"id_prefix {id_prefix!r} must start with a letter or '_' and hold only "
            "letters, digits, '_', '.' and '-'"
        )
    with gc_paused():  # many small objects, no cycles: collection passes would only cost
        return _compose(document, layout, style, theme, legend, id_prefix)


def _compose(
    document: Document,
    layout: GenogramLayout,
    style: Style,
    theme: Theme,
    legend: bool,
    id_prefix: str,
) -> Scene:
    c = Layers(document, layout, style, theme, id_prefix)
    layers = [
        ("households", c.households()),
        ("lines", c.union_lines() + c.child_lines()),
        ("symbols", c.symbols()),
        ("labels", c.labels()),
        ("emotions", c.emotions()),
    ]
    body: list[Element] = [
        Group(tuple(items), f"{id_prefix}-{name}", name) for name, items in layers
    ]
    s = style.symbol_size
    content = layout.bounds if layout.people else Box(0, 0, 4 * s, 2 * s)
    routed = union_bounds(tuple(c.beyond))  # the layout's bounds hold the rest
    if routed is not None:
        content = content.union(routed.expand(0.2 * s))
    if style.generation_numbers and layout.people:
        content = content.union(
            Box(layout.bounds.left - s, content.top, content.left, content.bottom)
        )
    whole = content
    title = _title_block(c, content.left, content.top - 0.2 * s)
    if title is not None:
        body.append(title[0])
        whole = whole.union(title[1])
    if legend:
        ctx = LegendContext(style.preset, c.scheme, style, theme, id_prefix)
        below = build_legend(
            c.usage,
            ctx,
            left=content.left,
            top=content.bottom + 0.3 * s,
            max_width=max(content.width, 12 * s),
        )
        beside = build_legend(
            c.usage,
            ctx,
            left=content.right + 0.3 * s,
            top=content.top,
            max_height=max(content.height, 8 * s),
        )
        if below is not None and beside is not None:
            # Keep the page close to landscape A4 (√2:1): whichever placement gets nearer wins.
            built = min(
                (below, beside), key=lambda option: abs(_aspect(whole.union(option[2])) - 1.414)
            )
            group, defs, box = built
            c.add_defs(defs)
            body.append(group)
            whole = whole.union(box)
    view = whole.expand(0.25 * s)
    font = theme.font_family or style.font_family
    return Scene(
        width=view.width,
        height=view.height,
        view_box=view,
        title=document.title or "Genogram",
        description=describe_document(document, len(layout.rows)),
        children=tuple(body),
        defs=tuple(c.defs[k] for k in sorted(c.defs)),
        id_prefix=id_prefix,
        font_family=font,
        background=theme.paper,
    )


def _aspect(box: Box) -> float:
    return box.width / box.height if box.height > 0 else 1.0


__all__ = ["ID_PREFIX", "compose_genogram"]
