"""Scene to SVG text. The only module that imports svgwrite.

svgwrite numbers elements from a process-global counter when asked for an id it does not
have, so every id here is explicit and nothing that generates ids is ever called. Validation
is off (``debug=False``); the tests check the output instead. Numbers are written with at most
two decimals and never as ``-0``, and elements keep the scene's order, so the same scene always
gives the same bytes.

Speed: :meth:`SvgRenderer.drawing` makes the scene a tree of svgwrite elements without
svgwrite's per-element set-up (one shared parameter holder, attribute dicts built whole, numbers
formatted once per value), and :func:`serialise` writes such a tree exactly as svgwrite's own
``tostring()`` does (sorted attributes, empty ones dropped, ElementTree's escaping) in one pass,
instead of copying it into an ElementTree and walking that. The one difference is deliberate:
characters XML cannot hold at all become U+FFFD (svgwrite would write them and break the file).

:meth:`SvgRenderer.render` writes the document's head (root, title, description, definitions,
background) that way, but the body, tens of thousands of elements in a large drawing, straight
from the scene (:class:`_BodyWriter`): the same text as ``serialise(drawing(scene))`` without
making the tree, each element's tag formatted in one go. It falls back on the tree, element by
element for anything unusual and for the whole drawing when user text needs escaping; the tests
check it against svgwrite's ``tostring()``.
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
# The ASCII characters that need nothing done, as bytes (ASCII text is checked as bytes).
_ATTRIBUTE_SAFE = bytes(c for c in range(128) if not _ATTRIBUTE_SPECIAL.match(chr(c)))
_TEXT_SAFE = bytes(c for c in range(128) if not _TEXT_SPECIAL.match(chr(c)))


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

    def data_name(self, key: str) -> str:
        """The attribute name for a data key: ``data-`` and the key in lower case, with
        anything but letters, digits and hyphens made a hyphen."""
        name = self.data_names.get(key)
        if name is None:
            name = self.data_names[key] = "data-" + _DATA_NAME.sub("-", key.lower())
        return name

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
            attrs[self.data_name(key)] = value
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


# --------------------------------------------------------------------------- the fast path


class _BodyWriter:
    """The body of a drawing straight to text, as :func:`serialise` would write its svgwrite
    tree, without making the tree.

    Each common element's tag is formatted in one go: attribute names are known and sorted
    beforehand, and a stroke's, a fill's or a text style's attributes are formatted once per
    drawing. User text is written as it is and kept aside, to be checked all at once at the
    end: when any of it needs escaping (rare), the caller writes the drawing the careful way
    instead. Anything unusual (subclasses of the scene classes, empty point lists) is built as
    an svgwrite element and written by :func:`serialise`'s writer.
    """

    def __init__(self, build: _Builder, out: list[str]) -> None:
        self.build = build
        self.out = out
        self.attribute_values: list[str] = []  # user text written in attribute values
        self.texts: list[str] = []  # user text written as element content
        self.strokes: dict[int, tuple[sc.Stroke | None, str]] = {}
        self.fills: dict[sc.Paint, str] = {}
        self.text_styles: dict[tuple[str, float, str, bool, bool], str] = {}
        self.data_plans: dict[tuple[str, ...], _DataPlan] = {}
        self.group_plans: dict[tuple[str, ...], tuple[str, _Order]] = {}

    def needs_care(self) -> bool:
        """Whether any user text written needs escaping or replacing (or is not text)."""
        try:
            values, texts = "".join(self.attribute_values), "".join(self.texts)
        except TypeError:
            return True
        if values.isascii() and texts.isascii():
            # Deleting every harmless byte leaves nothing (much quicker than a search).
            return bool(
                values.encode().translate(None, _ATTRIBUTE_SAFE)
                or texts.encode().translate(None, _TEXT_SAFE)
            )
        return (
            _ATTRIBUTE_SPECIAL.search(values) is not None or _TEXT_SPECIAL.search(texts) is not None
        )

    def stroke(self, stroke: sc.Stroke | None) -> str:
        """A stroke's attributes as text: in name order, empty ones left out."""
        seen = self.strokes.get(id(stroke))
        if seen is not None and seen[0] is stroke:
            return seen[1]
        attrs = self.build.stroke(stroke)
        self.attribute_values.extend(attrs.values())
        text = "".join([f' {k}="{v}"' for k, v in sorted(attrs.items()) if v])
        self.strokes[id(stroke)] = (stroke, text)  # keeps the stroke, so the id stays its own
        return text

    def fill(self, paint: sc.Paint) -> str:
        """A fill attribute as text (nothing for an empty one)."""
        text = self.fills.get(paint)
        if text is None:
            value = _paint(paint)
            self.attribute_values.append(value)
            text = self.fills[paint] = f' fill="{value}"' if value else ""
        return text

    def text_style(self, look: tuple[str, float, str, bool, bool]) -> str:
        """A text's attributes but its position, by fill, size, anchor, bold and italic (in
        name order they all come before ``x``)."""
        fill, size, anchor, bold, italic = look
        self.attribute_values.extend([fill, anchor])
        text = f' fill="{fill}"' if fill else ""
        text += f' font-size="{self.build.num[size]}"'
        text += ' font-style="italic"' if italic else ""
        text += ' font-weight="bold"' if bold else ""
        text += f' text-anchor="{anchor}"' if anchor != "start" and anchor else ""
        self.text_styles[look] = text
        return text

    def points(self, points: tuple[Point, ...]) -> str:
        if len(points) > 16:  # a curve: its numbers hardly repeat, remembering them costs
            return " ".join([f"{number(p.x)},{number(p.y)}" for p in points])
        num = self.build.num
        return " ".join([f"{num[p.x]},{num[p.y]}" for p in points])

    def group(self, group: sc.Group) -> str:
        """A group's start tag (without its end)."""
        attrs = ""
        if group.css_class:
            attrs = f' class="{group.css_class}"'
            self.attribute_values.append(group.css_class)
        if group.clip:
            attrs += f' clip-path="url(#{group.clip})"'
            self.attribute_values.append(group.clip)
        if group.data:
            attrs += self.data(group.data)
        if group.id:
            attrs += f' id="{group.id}"'
            self.attribute_values.append(group.id)
        return f"<g{attrs}"

    def data(self, data: tuple[tuple[str, str], ...]) -> str:
        """A group's data attributes as text, in name order, empty ones left out."""
        keys, values = zip(*data)  # noqa: B905 (pairs: two rows)
        template, names, order = self.data_plans.get(keys) or self.data_plan(keys)
        if order is not None:
            values = order(values)
        self.attribute_values += values
        if all(values):
            return template % values
        return "".join(
            [f' {name}="{value}"' for name, value in zip(names, values, strict=True) if value]
        )

    def data_plan(self, keys: tuple[str, ...]) -> _DataPlan:
        """For data keys in this order: their attribute names in name order, a ``%`` template
        writing them, and a reordering of their values to match (None when they are in order
        already). A name given twice keeps its last value, as in a dict."""
        last = {self.build.data_name(key): i for i, key in enumerate(keys)}
        names = tuple(sorted(last))
        template = "".join([f' {name}="%s"' for name in names])
        indexes = [last[name] for name in names]
        order: _Order = None
        if len(indexes) == 1 and len(keys) > 1:
            order = partial(_one, indexes[0])
        elif indexes != list(range(len(keys))):
            order = itemgetter(*indexes)
        plan = self.data_plans[keys] = (template, names, order)
        return plan

    def group_plan(self, keys: tuple[str, ...]) -> tuple[str, _Order]:
        """For a group with a class, an id and data under these keys: a ``%`` template of its
        start tag, taking the class, the data values reordered as it says, then the id."""
        _, names, order = self.data_plans.get(keys) or self.data_plan(keys)
        template = "".join([f' {name}="%s"' for name in names])
        plan = self.group_plans[keys] = (f'<g class="%s"{template} id="%s"', order)
        return plan

    def write(self, items: tuple[sc.Element, ...]) -> None:
        """Append the elements to the output, in order, groups with all they hold."""
        out, num = self.out, self.build.num
        append = out.append
        stroke, fill, texts, text_styles = self.stroke, self.fill, self.texts, self.text_styles
        attribute_values, group_plans = self.attribute_values, self.group_plans

        def elements(items: tuple[sc.Element, ...]) -> None:
            for item in items:
                # Exact types, most common first; anything else is written the general way.
                kind = type(item)
                if kind is sc.Group:
                    group: sc.Group = item  # type: ignore[assignment]
                    css, gid, data = group.css_class, group.id, group.data
                    start = ""
                    if css and gid and data and not group.clip:  # the usual group
                        # Pairs, so two rows (zip's strict check would cost a third).
                        keys, values = zip(*data)  # noqa: B905
                        template, order = group_plans.get(keys) or self.group_plan(keys)
                        if order is not None:
                            values = order(values)
                        if all(values):
                            values = (css, *values, gid)
                            attribute_values.extend(values)
                            start = template % values
                    if not start:
                        start = self.group(group)
                    if group.title:
                        texts.append(group.title)
                        append(f"{start}><title>{group.title}</title>")
                    elif group.children:
                        append(start + ">")
                    else:
                        append(start + " />")
                        continue
                    elements(group.children)  # noqa: F821 (deleted after use)
                    append("</g>")
                elif kind is sc.Text:
                    text: sc.Text = item  # type: ignore[assignment]
                    look = (text.fill, text.size, text.anchor, text.bold, text.italic)
                    style = text_styles.get(look) or self.text_style(look)
                    content = text.text
                    texts.append(content)
                    if content:
                        append(f'<text{style} x="{num[text.x]}" y="{num[text.y]}">{content}</text>')
                    else:
                        append(f'<text{style} x="{num[text.x]}" y="{num[text.y]}" />')
                elif kind is sc.Polyline and item.points:  # type: ignore[union-attr]
                    line: sc.Polyline = item  # type: ignore[assignment]
                    if len(line.points) == 2:  # most lines: no list needed
                        a, b = line.points
                        points = f"{num[a.x]},{num[a.y]} {num[b.x]},{num[b.y]}"
                    else:
                        points = self.points(line.points)
                    append(f'<polyline fill="none" points="{points}"{stroke(line.stroke)} />')
                elif kind is sc.Rect:
                    rect: sc.Rect = item  # type: ignore[assignment]
                    rx = f' rx="{num[rect.rx]}"' if rect.rx else ""
                    append(
                        f'<rect{fill(rect.fill)} height="{num[rect.height]}"{rx}'
                        f'{stroke(rect.stroke)} width="{num[rect.width]}"'
                        f' x="{num[rect.x]}" y="{num[rect.y]}" />'
                    )
                elif kind is sc.Circle:
                    circle: sc.Circle = item  # type: ignore[assignment]
                    append(
                        f'<circle cx="{num[circle.cx]}" cy="{num[circle.cy]}"{fill(circle.fill)}'
                        f' r="{num[circle.r]}"{stroke(circle.stroke)} />'
                    )
                elif kind is sc.Polygon and item.points:  # type: ignore[union-attr]
                    polygon: sc.Polygon = item  # type: ignore[assignment]
                    points = self.points(polygon.points)
                    append(
                        f'<polygon{fill(polygon.fill)} points="{points}"{stroke(polygon.stroke)} />'
                    )
                elif kind is sc.Path and item.commands:  # type: ignore[union-attr]
                    path: sc.Path = item  # type: ignore[assignment]
                    outline = self.build.path_data(path.commands)
                    append(f'<path d="{outline}"{fill(path.fill)}{stroke(path.stroke)} />')
                else:
                    _write(self.build.element(item), out, None)

        elements(items)
        del elements  # a recursive closure is a reference cycle: break it


_Order = Callable[[tuple[str, ...]], tuple[str, ...]] | None
_DataPlan = tuple[str, tuple[str, ...], _Order]


def _one(index: int, values: tuple[str, ...]) -> tuple[str, ...]:
    return (values[index],)


class SvgRenderer:
    """Scene to a standalone, accessible SVG document."""

    def drawing(self, scene: sc.Scene) -> Drawing:
        """The scene as an svgwrite drawing: title, description, definitions, then the body."""
        build = _Builder()
        drawing = self._head(scene, build)
        drawing.elements.extend([build.element(child) for child in scene.children])
        return drawing

    def render(self, scene: sc.Scene) -> str:
        """The scene as SVG text: title, description, definitions, then the body in order.

        The same text as ``serialise(self.drawing(scene))``; the head is that, the body is
        written straight from the scene (see :class:`_BodyWriter`).
        """
        with gc_paused():  # many small objects, no cycles: collection passes would only cost
            build = _Builder()
            head = serialise(self._head(scene, build))
            out = [head.removesuffix("</svg>")]
            body = _BodyWriter(build, out)
            body.write(scene.children)
            if body.needs_care():
                return serialise(self.drawing(scene))
            out.append("</svg>")
            return "".join(out)

    def _head(self, scene: sc.Scene, build: _Builder) -> Drawing:
        """The drawing without its body: title, description, definitions and background."""
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
        return drawing
