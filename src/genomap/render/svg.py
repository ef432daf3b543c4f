"""Scene to SVG text. The only module that imports svgwrite.

svgwrite numbers elements from a process-global counter when asked for an id it does not
have, so every id here is explicit and nothing that generates ids is ever called. Validation
is off (``debug=False``); the tests check the output instead. Numbers are written with at most
two decimals and never as ``-0``, and elements keep the scene's order, so the same scene always
gives the same bytes.

Speed: the scene becomes a tree of svgwrite elements made without svgwrite's per-element set-up
(one shared parameter holder, attribute dicts built whole, numbers formatted once per value),
and :func:`serialise` writes that tree exactly as svgwrite's own ``tostring()`` does (sorted
attributes, empty ones dropped, ElementTree's escaping) in one pass, instead of copying it into
an ElementTree and walking that. The one difference is deliberate: characters XML cannot hold
at all become U+FFFD (svgwrite would write them and break the file).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from operator import itemgetter
from typing import Any

from svgwrite import Drawing
from svgwrite.base import BaseElement, Desc, Title
from svgwrite.container import Defs, Group
from svgwrite.masking import ClipPath
from svgwrite.path import Path as SvgPath
from svgwrite.pattern import Pattern
from svgwrite.shapes import Circle, Polygon, Polyline, Rect
from svgwrite.text import Text, TSpan
from svgwrite.utils import strlist

from genomap import scene as sc
from genomap._gc import gc_paused
from genomap.geometry import Point

_DATA_NAME = re.compile(r"[^a-z0-9-]")

# One shared parameter holder (debug off, full profile): svgwrite otherwise builds a fresh one,
# with a validator, for every element, which dominates the cost of large drawings.
_PARAMETER = Drawing(debug=False)._parameter

# What ElementTree replaces in attribute values and in text, in its order (``&`` first).
_ATTRIBUTE_ESCAPES = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("\r", "&#13;"),
    ("\n", "&#10;"),
    ("\t", "&#09;"),
)
_TEXT_ESCAPES = _ATTRIBUTE_ESCAPES[:3]
# What XML 1.0 cannot hold at all, not even as a reference: C0 controls other than tab, LF and
# CR, lone surrogates, U+FFFE and U+FFFF. User text can carry them (JSON's "\u0001"); they
# become U+FFFD, the replacement character, so that the file stays well-formed.
_NOT_XML = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
_INVALID = re.compile(f"[{_NOT_XML}]")
_ATTRIBUTE_SPECIAL = re.compile(f'[&<>"\r\n\t{_NOT_XML}]')
_TEXT_SPECIAL = re.compile(f"[&<>{_NOT_XML}]")


def number(value: float) -> str:
    """A number with at most two decimals, no trailing zeros and never ``-0``."""
    text = f"{value:.2f}"
    if text[-1] == "0":  # "1.50" -> "1.5", "2.00" -> "2"
        text = text[:-3] if text[-2] == "0" else text[:-1]
    return "0" if text == "-0" else text


def _paint(paint: sc.Paint) -> str:
    if paint is None:
        return "none"
    if isinstance(paint, sc.Ref):
        return f"url(#{paint.id})"
    return paint


def _node(cls: Any, attribs: dict[str, str]) -> Any:
    """An svgwrite element of class ``cls`` holding ``attribs``, without svgwrite's set-up."""
    node = cls.__new__(cls)
    node._parameter = _PARAMETER
    node.attribs = attribs
    node.elements = []
    return node


class _Numbers(dict[float, str]):
    """Formatted numbers by value: each distinct value is formatted once."""

    def __missing__(self, value: float) -> str:
        text = self[value] = number(value)
        return text


class _Builder:
    """Scene elements to svgwrite elements, remembering formatted numbers and strokes."""

    def __init__(self) -> None:
        self.num = _Numbers()
        self.strokes: dict[sc.Stroke | None, dict[str, str]] = {None: {"stroke": "none"}}
        self.stroke_ids: dict[int, tuple[sc.Stroke | None, dict[str, str]]] = {}
        self.data_names: dict[str, str] = {}
        self.by_type: dict[type, Any] = {
            sc.Group: self.group,
            sc.Text: self.text,
            sc.Polyline: self.polyline,
            sc.Rect: self.rect,
            sc.Circle: self.circle,
            sc.Polygon: self.polygon,
            sc.Path: self.path,
        }

    def stroke(self, stroke: sc.Stroke | None) -> dict[str, str]:
        """The stroke attributes (``stroke="none"`` for no stroke)."""
        # By identity first: drawings share stroke objects, and hashing one costs more. The
        # entry keeps its stroke alive, so the id cannot be reused while the entry exists.
        seen = self.stroke_ids.get(id(stroke))
        if seen is not None and seen[0] is stroke:
            return seen[1]
        attrs = self.strokes.get(stroke)
        if attrs is None and stroke is not None:
            num = self.num
            attrs = {"stroke": stroke.colour, "stroke-width": num[stroke.width]}
            if stroke.dash:
                attrs["stroke-dasharray"] = " ".join(num[d] for d in stroke.dash)
            if stroke.cap != "butt":
                attrs["stroke-linecap"] = stroke.cap
            if stroke.join != "miter":
                attrs["stroke-linejoin"] = stroke.join
            self.strokes[stroke] = attrs
        assert attrs is not None
        self.stroke_ids[id(stroke)] = (stroke, attrs)
        return attrs

    def path_data(self, commands: tuple[sc.PathCommand, ...]) -> str:
        num = self.num
        parts = []
        for letter, values in commands:
            if letter == "A":
                rx, ry, rotation, large, sweep, x, y = values
                nums = [num[rx], num[ry], num[rotation], str(int(large)), str(int(sweep))]
                parts.append(f"A{' '.join([*nums, num[x], num[y]])}")
            else:
                parts.append(letter + " ".join([num[v] for v in values]))
        return " ".join(parts)

    def element(self, item: sc.Element) -> Any:
        return (self.by_type.get(type(item)) or self.subclass)(item)

    def subclass(self, item: sc.Element) -> Any:
        """A subclass of a scene element, built as its base class."""
        for kind, build in self.by_type.items():
            if isinstance(item, kind):
                return build(item)
        raise TypeError(f"not a scene element: {item!r}")

    def points(self, points: tuple[Point, ...]) -> list[tuple[str, str]]:
        if len(points) > 16:  # a curve: its numbers hardly repeat, remembering them costs
            return [(number(p.x), number(p.y)) for p in points]
        num = self.num
        return [(num[p.x], num[p.y]) for p in points]

    def polyline(self, item: sc.Polyline) -> Any:
        node = _node(Polyline, {"fill": "none", **self.stroke(item.stroke)})
        node.points = self.points(item.points)
        return node

    def polygon(self, item: sc.Polygon) -> Any:
        node = _node(Polygon, {"fill": _paint(item.fill), **self.stroke(item.stroke)})
        node.points = self.points(item.points)
        return node

    def rect(self, item: sc.Rect) -> Any:
        num = self.num
        attrs = {"fill": _paint(item.fill), **self.stroke(item.stroke)}
        attrs["x"], attrs["y"] = num[item.x], num[item.y]
        attrs["width"], attrs["height"] = num[item.width], num[item.height]
        if item.rx:
            attrs["rx"] = num[item.rx]
        return _node(Rect, attrs)

    def circle(self, item: sc.Circle) -> Any:
        num = self.num
        attrs = {"fill": _paint(item.fill), **self.stroke(item.stroke)}
        attrs["cx"], attrs["cy"], attrs["r"] = num[item.cx], num[item.cy], num[item.r]
        return _node(Circle, attrs)

    def path(self, item: sc.Path) -> Any:
        node = _node(SvgPath, {"fill": _paint(item.fill), **self.stroke(item.stroke)})
        node.commands = [self.path_data(item.commands)]
        return node

    def text(self, item: sc.Text) -> Any:
        num = self.num
        attrs = {"x": num[item.x], "y": num[item.y], "font-size": num[item.size], "fill": item.fill}
        if item.anchor != "start":
            attrs["text-anchor"] = item.anchor
        if item.bold:
            attrs["font-weight"] = "bold"
        if item.italic:
            attrs["font-style"] = "italic"
        node = _node(Text, attrs)
        node.text = item.text
        return node

    def group(self, item: sc.Group) -> Any:
        attrs: dict[str, str] = {}
        if item.id:
            attrs["id"] = item.id
        if item.css_class:
            attrs["class"] = item.css_class
        for key, value in item.data:
            name = self.data_names.get(key)
            if name is None:
                name = self.data_names[key] = "data-" + _DATA_NAME.sub("-", key.lower())
            attrs[name] = value
        if item.clip:
            attrs["clip-path"] = f"url(#{item.clip})"
        node = _node(Group, attrs)
        children = node.elements
        if item.title:
            children.append(Title(item.title))
        by_type, subclass = self.by_type, self.subclass
        children.extend([(by_type.get(type(c)) or subclass)(c) for c in item.children])
        return node

    def definition(self, item: sc.Definition) -> Any:
        if isinstance(item, sc.ClipPath):
            node = _node(ClipPath, {"id": item.id})
            node.elements.append(self.element(item.shape))
            return node
        attrs = {
            "id": item.id,
            "width": self.num[item.width],
            "height": self.num[item.height],
            "patternUnits": "userSpaceOnUse",
        }
        if item.angle:
            attrs["patternTransform"] = f"rotate({self.num[item.angle]})"
        node = _node(Pattern, attrs)
        node.elements.extend([self.element(child) for child in item.children])
        return node


# --------------------------------------------------------------------------- serialisation


def _escape(text: str, special: re.Pattern[str], escapes: tuple[tuple[str, str], ...]) -> str:
    # Lone surrogates are among the characters replaced here, so the text always encodes as
    # UTF-8 (svgwrite's writer would turn them into character references instead).
    if special.search(text) is not None:
        text = _INVALID.sub("\ufffd", text)
        for char, entity in escapes:
            text = text.replace(char, entity)
    return text


def _plain(node: Any) -> tuple[dict[str, Any], str | None]:
    return node.attribs, None


def _text(node: Any) -> tuple[dict[str, Any], str | None]:
    return node.attribs, str(node.text)


def _points(node: Any) -> tuple[dict[str, Any], str | None]:
    return {**node.attribs, "points": " ".join([f"{x},{y}" for x, y in node.points])}, None


def _path(node: Any) -> tuple[dict[str, Any], str | None]:
    return {**node.attribs, "d": str(strlist(node.commands, " "))}, None


def _root(node: Any) -> tuple[dict[str, Any], str | None]:
    extra = {
        "xmlns": "http://www.w3.org/2000/svg",
        "xmlns:xlink": "http://www.w3.org/1999/xlink",
        "xmlns:ev": "http://www.w3.org/2001/xml-events",
        "baseProfile": node.profile,
        "version": node.version,
    }
    return {**node.attribs, **extra}, None


def _any(node: Any) -> tuple[dict[str, Any], str | None]:
    """Subclasses of the element classes, by what svgwrite's ``get_xml`` does for them."""
    if isinstance(node, Polyline):  # and Polygon
        return _points(node)
    if isinstance(node, SvgPath):
        return _path(node)
    if isinstance(node, Drawing):
        return _root(node)
    return _text(node) if isinstance(node, TSpan) else _plain(node)


# The attributes and text svgwrite's ``get_xml`` writes for each element class (it adds some).
_PARTS = {
    Group: _plain,
    Defs: _plain,
    ClipPath: _plain,
    Pattern: _plain,
    Rect: _plain,
    Circle: _plain,
    Text: _text,
    Polyline: _points,
    Polygon: _points,
    SvgPath: _path,
    Drawing: _root,
}


def _attribute(value: Any) -> str:
    return _escape(str(value), _ATTRIBUTE_SPECIAL, _ATTRIBUTE_ESCAPES)


_Plan = tuple[Callable[[dict[str, Any]], tuple[Any, ...]], str]
_PLANS: dict[tuple[str, ...], _Plan] = {}


def _plan(keys: tuple[str, ...]) -> _Plan:
    """For attribute names in this order: a getter of their values in name order, and a
    ``%`` template writing them (elements of one kind share one)."""
    order = sorted(keys)
    template = "".join(f' {k.replace("%", "%%")}="%s"' for k in order)
    # itemgetter gives a bare value for one name (and needs at least one): wrap those cases.
    get: Callable[[dict[str, Any]], tuple[Any, ...]] = _none
    if len(order) == 1:
        get = partial(_single, order[0])
    elif order:
        get = itemgetter(*order)
    _PLANS[keys] = (get, template)
    return get, template


def _single(key: str, attribs: dict[str, Any]) -> tuple[Any, ...]:
    return (attribs[key],)


def _none(attribs: dict[str, Any]) -> tuple[Any, ...]:
    return ()


def _write(node: Any, out: list[str], values: list[Any] | None) -> None:
    """Append ``node`` as XML to ``out``. With a ``values`` list, attribute values are written
    as they are and collected there for :func:`serialise` to check all at once; without one,
    each is converted and escaped (the careful way)."""
    parts = _PARTS.get(type(node))
    if parts is _plain:  # most elements: no call needed
        attribs, text = node.attribs, None
    elif parts is None and isinstance(node, Title):  # and Desc
        _write_title(node, out)
        return
    else:
        attribs, text = (parts or _any)(node)
    tag = node.elementname
    # svgwrite's get_xml: attributes in name order, None and empty values left out.
    if values is None:
        items = sorted(attribs.items())
        written = [(k, _attribute(v)) for k, v in items if v is not None and str(v)]
        start = "<" + tag + "".join([f' {k}="{v}"' for k, v in written])
    else:
        keys = tuple(attribs)
        get, template = _PLANS.get(keys) or _plan(keys)
        given = get(attribs)
        values.extend(given)
        if all(given):
            start = "<" + tag + template % given
        else:
            items = sorted(attribs.items())
            start = "<" + tag + "".join([f' {k}="{v}"' for k, v in items if v])
    children = node.elements
    if text or children:
        out.append(start + ">")
        if text:
            out.append(_escape(text, _TEXT_SPECIAL, _TEXT_ESCAPES))
        for child in children:
            _write(child, out, values)
        out.append(f"</{tag}>")
    else:
        out.append(start + " />")


def _write_title(node: Any, out: list[str]) -> None:
    """svgwrite keeps titles and descriptions as ready ElementTree elements."""
    xml = node.xml
    tag, text = xml.tag, xml.text
    if len(xml):
        raise TypeError(f"cannot serialise <{tag}> with children")
    # ElementTree writes these attributes as set: in their order, empty ones too.
    start = "<" + tag
    if xml.attrib:
        start += "".join([f' {k}="{_attribute(v)}"' for k, v in xml.items()])
    if text:
        out.append(f"{start}>{_escape(text, _TEXT_SPECIAL, _TEXT_ESCAPES)}</{tag}>")
    else:
        out.append(start + " />")


def serialise(node: BaseElement) -> str:
    """An svgwrite element tree as text, byte for byte what ``node.tostring()`` gives (but for
    characters XML cannot hold, which become U+FFFD)."""
    out: list[str] = []
    values: list[Any] = []
    try:
        _write(node, out, values)
        joined: str | None = "".join(values)
    except TypeError:  # a value that is not text
        joined = None
    if joined is not None and joined.isascii() and _ATTRIBUTE_SPECIAL.search(joined) is None:
        return "".join(out)
    # Something to convert or escape (rare: ids and numbers never need it): write it again.
    out = []
    _write(node, out, None)
    return "".join(out)


class SvgRenderer:
    """Scene to a standalone, accessible SVG document."""

    def drawing(self, scene: sc.Scene) -> Drawing:
        """The scene as an svgwrite drawing: title, description, definitions, then the body."""
        build = _Builder()
        num = build.num
        box = scene.view_box
        prefix = scene.id_prefix
        drawing = Drawing(size=(num[scene.width], num[scene.height]), debug=False)
        drawing.elements = []  # drop the empty <defs> svgwrite adds; ours has an explicit id
        drawing.attribs.update(
            {
                "id": prefix,
                "viewBox": " ".join(num[v] for v in (box.left, box.top, box.width, box.height)),
                "role": "img",
                "aria-labelledby": f"{prefix}-title {prefix}-desc",
                "font-family": scene.font_family,
            }
        )
        title = Title(scene.title)
        title.xml.set("id", f"{prefix}-title")
        desc = Desc(scene.description)
        desc.xml.set("id", f"{prefix}-desc")
        drawing.elements.extend([title, desc])
        if scene.defs:
            defs = _node(Defs, {"id": f"{prefix}-defs"})
            defs.elements.extend([build.definition(d) for d in scene.defs])
            drawing.elements.append(defs)
        if scene.background:
            background = sc.Rect(box.left, box.top, box.width, box.height, fill=scene.background)
            node = build.element(background)
            node.attribs["id"] = f"{prefix}-background"
            drawing.elements.append(node)
        drawing.elements.extend([build.element(child) for child in scene.children])
        return drawing

    def render(self, scene: sc.Scene) -> str:
        """The scene as SVG text: title, description, definitions, then the body in order."""
        with gc_paused():  # many small objects, no cycles: collection passes would only cost
            return serialise(self.drawing(scene))
