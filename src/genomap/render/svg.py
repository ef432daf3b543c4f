"""Scene to SVG text. The only module that imports svgwrite.

svgwrite numbers elements from a process-global counter when asked for an id it does not
have, so every id here is explicit and nothing that generates ids is ever called. Validation
is off (``debug=False``); the tests check the output instead. Numbers are written with at most
two decimals and never as ``-0``, and elements keep the scene's order, so the same scene always
gives the same bytes.
"""

from __future__ import annotations

import re

from svgwrite import Drawing
from svgwrite.base import BaseElement, Desc, Title
from svgwrite.container import Defs, Group
from svgwrite.masking import ClipPath
from svgwrite.path import Path as SvgPath
from svgwrite.pattern import Pattern
from svgwrite.shapes import Circle, Polygon, Polyline, Rect
from svgwrite.text import Text

from genomap import scene as sc
from genomap.geometry import Point

_DATA_NAME = re.compile(r"[^a-z0-9-]")

# One shared parameter holder (debug off, full profile): svgwrite otherwise builds a fresh one
# for every element, which dominates the cost of large drawings.
_F = {"factory": Drawing(debug=False)}


def number(value: float) -> str:
    """A number with at most two decimals, no trailing zeros and never ``-0``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _paint(paint: sc.Paint) -> str:
    if paint is None:
        return "none"
    if isinstance(paint, sc.Ref):
        return f"url(#{paint.id})"
    return paint


def _stroke_attrs(stroke: sc.Stroke | None) -> dict[str, str]:
    if stroke is None:
        return {}
    attrs = {"stroke": stroke.colour, "stroke-width": number(stroke.width)}
    if stroke.dash:
        attrs["stroke-dasharray"] = " ".join(number(d) for d in stroke.dash)
    if stroke.cap != "butt":
        attrs["stroke-linecap"] = stroke.cap
    if stroke.join != "miter":
        attrs["stroke-linejoin"] = stroke.join
    return attrs


def _points(points: tuple[Point, ...]) -> list[tuple[str, str]]:
    return [(number(p.x), number(p.y)) for p in points]


def _path_data(commands: tuple[sc.PathCommand, ...]) -> str:
    parts = []
    for letter, values in commands:
        if letter == "A":
            rx, ry, rotation, large, sweep, x, y = values
            nums = [number(rx), number(ry), number(rotation), str(int(large)), str(int(sweep))]
            parts.append(f"A{' '.join([*nums, number(x), number(y)])}")
        else:
            parts.append(letter + " ".join(number(v) for v in values))
    return " ".join(parts)


def _set(element: BaseElement, attrs: dict[str, str]) -> BaseElement:
    for key, value in attrs.items():
        element.attribs[key] = value
    return element


def _element(item: sc.Element) -> BaseElement:
    if isinstance(item, sc.Group):
        return _group(item)
    if isinstance(item, sc.Text):
        return _text(item)
    paint = {"stroke": "none"} if getattr(item, "stroke", None) is None else {}
    if isinstance(item, sc.Rect):
        node = _set(
            Rect(**_F),
            {
                "x": number(item.x),
                "y": number(item.y),
                "width": number(item.width),
                "height": number(item.height),
            },
        )
        if item.rx:
            node.attribs["rx"] = number(item.rx)
        return _set(node, {"fill": _paint(item.fill), **paint, **_stroke_attrs(item.stroke)})
    if isinstance(item, sc.Circle):
        node = _set(
            Circle(**_F), {"cx": number(item.cx), "cy": number(item.cy), "r": number(item.r)}
        )
        return _set(node, {"fill": _paint(item.fill), **paint, **_stroke_attrs(item.stroke)})
    if isinstance(item, sc.Polygon):
        node = Polygon(_points(item.points), **_F)
        return _set(node, {"fill": _paint(item.fill), **paint, **_stroke_attrs(item.stroke)})
    if isinstance(item, sc.Polyline):
        node = Polyline(_points(item.points), **_F)
        return _set(node, {"fill": "none", **paint, **_stroke_attrs(item.stroke)})
    node = SvgPath(**_F)
    node.commands = [_path_data(item.commands)]
    return _set(node, {"fill": _paint(item.fill), **paint, **_stroke_attrs(item.stroke)})


def _text(item: sc.Text) -> BaseElement:
    node = Text(item.text, **_F)
    attrs = {
        "x": number(item.x),
        "y": number(item.y),
        "font-size": number(item.size),
        "fill": item.fill,
    }
    if item.anchor != "start":
        attrs["text-anchor"] = item.anchor
    if item.bold:
        attrs["font-weight"] = "bold"
    if item.italic:
        attrs["font-style"] = "italic"
    return _set(node, attrs)


def _group(item: sc.Group) -> BaseElement:
    node = Group(**_F)
    if item.id:
        node.attribs["id"] = item.id
    if item.css_class:
        node.attribs["class"] = item.css_class
    for key, value in item.data:
        node.attribs["data-" + _DATA_NAME.sub("-", key.lower())] = value
    if item.clip:
        node.attribs["clip-path"] = f"url(#{item.clip})"
    if item.title:
        node.elements.append(Title(item.title))
    for child in item.children:
        node.elements.append(_element(child))
    return node


def _definition(item: sc.Definition) -> BaseElement:
    if isinstance(item, sc.ClipPath):
        node = _set(ClipPath(**_F), {"id": item.id})
        node.elements.append(_element(item.shape))
        return node
    node = _set(
        Pattern(**_F),
        {
            "id": item.id,
            "width": number(item.width),
            "height": number(item.height),
            "patternUnits": "userSpaceOnUse",
        },
    )
    if item.angle:
        node.attribs["patternTransform"] = f"rotate({number(item.angle)})"
    for child in item.children:
        node.elements.append(_element(child))
    return node


class SvgRenderer:
    """Scene to a standalone, accessible SVG document."""

    def render(self, scene: sc.Scene) -> str:
        """The scene as SVG text: title, description, definitions, then the body in order."""
        box = scene.view_box
        prefix = scene.id_prefix
        drawing = Drawing(size=(number(scene.width), number(scene.height)), debug=False)
        drawing.elements = []  # drop the empty <defs> svgwrite adds; ours has an explicit id
        _set(
            drawing,
            {
                "id": prefix,
                "viewBox": " ".join(number(v) for v in (box.left, box.top, box.width, box.height)),
                "role": "img",
                "aria-labelledby": f"{prefix}-title {prefix}-desc",
                "font-family": scene.font_family,
            },
        )
        title = Title(scene.title)
        title.xml.set("id", f"{prefix}-title")
        desc = Desc(scene.description)
        desc.xml.set("id", f"{prefix}-desc")
        drawing.elements.extend([title, desc])
        if scene.defs:
            defs = _set(Defs(**_F), {"id": f"{prefix}-defs"})
            defs.elements.extend(_definition(d) for d in scene.defs)
            drawing.elements.append(defs)
        if scene.background:
            background = sc.Rect(box.left, box.top, box.width, box.height, fill=scene.background)
            drawing.elements.append(_set(_element(background), {"id": f"{prefix}-background"}))
        drawing.elements.extend(_element(child) for child in scene.children)
        return str(drawing.tostring())
