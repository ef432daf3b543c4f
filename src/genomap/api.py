"""The short way in: a document to a Scene (:func:`draw`), or to SVG, PNG or PDF in one call.

:func:`render` returns one drawing as text (SVG) or bytes (PNG, PDF); :func:`render_to_file`
writes every drawing a document asks for, picking the format from the file name.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Final, Literal, get_args, overload

from genomap._gc import gc_paused
from genomap.compose import compose_genogram
from genomap.errors import RenderError
from genomap.graph import build_graph, subdocument
from genomap.layout import layout_genogram
from genomap.models import Document
from genomap.render import raster, renderer_for
from genomap.render.pages import PageSetup, PageSize
from genomap.scene import Scene
from genomap.style import Style, style_for
from genomap.theme import DEFAULT_THEME, Theme, theme_for

Format = Literal["svg", "png", "pdf"]
"""Output formats: SVG text, PNG bytes (CairoSVG), PDF bytes (CairoSVG)."""
Kind = Literal["genogram", "ecomap", "auto"]
"""Which drawing: the genogram, the eco-map, or ``auto`` (see :func:`drawings`)."""
Drawing = Literal["genogram", "ecomap"]
"""One drawing of a document."""

FORMATS: Final[tuple[Format, ...]] = get_args(Format)


def draw(
    document: Document,
    *,
    style: Style | None = None,
    theme: Theme | None = None,
    legend: bool = True,
    id_prefix: str = "g",
    focus: str | None = None,
    generations: int = 2,
) -> Scene:
    """Lay out and compose a document's genogram as a backend-neutral Scene.

    Args:
        document: a validated document.
        style: sizes and conventions; defaults to the document's preset.
        theme: colours and patterns; defaults to :data:`genomap.theme.DEFAULT_THEME`.
        legend: add the automatic key.
        id_prefix: prefix of every element id (for several drawings on one page).
        focus: draw only the family around this person id.
        generations: with ``focus``, how many generations up and down to include.

    Raises:
        ValueError: for an unknown ``focus`` id, a negative ``generations`` or a bad
            ``id_prefix``.
    """
    style = style or style_for(document.preset)
    if focus is not None:
        if focus not in {p.id for p in document.people}:
            raise ValueError(f"focus: no person with id {focus!r}")
        if generations < 0:
            raise ValueError("generations must be 0 or more")
        document = subdocument(document, build_graph(document).neighbourhood(focus, generations))
    with gc_paused():  # the layout is freed before the collector is back on (see render_genogram)
        return compose_genogram(
            document,
            layout_genogram(document, style),
            style,
            theme or DEFAULT_THEME,
            legend=legend,
            id_prefix=id_prefix,
        )


def render_genogram(
    document: Document,
    *,
    style: Style | None = None,
    theme: Theme | None = None,
    legend: bool = True,
    format: str = "svg",
    id_prefix: str = "g",
    focus: str | None = None,
    generations: int = 2,
) -> str:
    """Draw a document's genogram and serialise it as text.

    Args:
        document: a validated document.
        style: sizes and conventions; defaults to the document's preset.
        theme: colours and patterns; defaults to :data:`genomap.theme.DEFAULT_THEME`.
        legend: add the automatic key.
        format: an output format registered in :data:`genomap.render.RENDERERS` (``svg``).
        id_prefix: prefix of every element id.
        focus: draw only the family around this person id.
        generations: with ``focus``, how many generations up and down to include.

    Returns:
        The drawing as text.

    Raises:
        ValueError: for an unknown format, or a renderer that produces bytes (use
            :func:`render` for PNG and PDF).

    Example:
        >>> from genomap.models import Document, Person
        >>> svg = render_genogram(Document(people=(Person(id="ann", gender="female"),)))
        >>> svg.startswith("<svg")
        True
    """
    renderer = renderer_for(format)
    # The layout and the scene are freed by reference counting before the collector is back
    # on: otherwise its first pass after the pause would walk every object they hold.
    with gc_paused():
        output = renderer.render(
            draw(
                document,
                style=style,
                theme=theme,
                legend=legend,
                id_prefix=id_prefix,
                focus=focus,
                generations=generations,
            )
        )
    if not isinstance(output, str):
        raise ValueError(f"format {format!r} produces bytes; use genomap.render() for it")
    return output


def drawings(document: Document, kind: Kind = "auto") -> tuple[Drawing, ...]:
    """The drawings a kind asks for, in order.

    ``auto`` means every drawing the document has: its genogram, then its eco-map if it has
    one (just the eco-map when it has no people).

    Raises:
        ValueError: for ``ecomap`` when the document has no eco-map, or an unknown kind.

    Example:
        >>> drawings(Document())
        ('genogram',)
    """
    if kind not in get_args(Kind):
        raise ValueError(f"unknown kind {kind!r}; expected one of: {', '.join(get_args(Kind))}")
    if kind == "genogram":
        return ("genogram",)
    if document.ecomap is None:
        if kind == "ecomap":
            raise ValueError("the document has no eco-map (no 'ecomap' section)")
        return ("genogram",)
    if kind == "ecomap" or not document.people:
        return ("ecomap",)
    return ("genogram", "ecomap")


def format_for_path(path: str | os.PathLike[str]) -> Format:
    """The output format a file name asks for, from its extension.

    Raises:
        ValueError: when the extension is not .svg, .png or .pdf.

    Example:
        >>> format_for_path("family.PDF")
        'pdf'
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    for known in FORMATS:
        if suffix == known:
            return known
    raise ValueError(
        f"cannot tell the output format from {os.fspath(path)!r}: "
        "name the file .svg, .png or .pdf, or give the format"
    )


def output_paths(path: str | os.PathLike[str], names: tuple[Drawing, ...]) -> tuple[Path, ...]:
    """Where each drawing goes: ``path`` itself for one drawing, else ``path`` with the
    drawing's name added to the stem (``family-genogram.svg``, ``family-ecomap.svg``).

    Example:
        >>> [p.name for p in output_paths("out/family.svg", ("genogram", "ecomap"))]
        ['family-genogram.svg', 'family-ecomap.svg']
    """
    target = Path(path)
    if len(names) == 1:
        return (target,)
    return tuple(target.with_name(f"{target.stem}-{name}{target.suffix}") for name in names)


def _ecomap_renderer() -> Callable[..., str]:
    """genomap.api_ecomap.render_ecomap, imported on first use."""
    try:
        module = importlib.import_module("genomap.api_ecomap")
    except ImportError as exc:
        if exc.name != "genomap.api_ecomap":
            raise
        raise RenderError("eco-map drawing is not available in this version of genomap") from None
    renderer: Callable[..., str] = module.render_ecomap
    return renderer


def _style(document: Document, style: Style | str | None) -> Style:
    if isinstance(style, Style):
        return style
    return style_for(style or document.preset)


def _theme(theme: Theme | str | None) -> Theme:
    if isinstance(theme, Theme):
        return theme
    return theme_for(theme.replace("-", "_")) if theme else DEFAULT_THEME


def _title(document: Document, drawing: Drawing) -> str:
    return document.title or ("Genogram" if drawing == "genogram" else "Eco-map")


@overload
def render(
    document: Document,
    format: Literal["svg"] = "svg",
    *,
    kind: Kind = "auto",
    style: Style | str | None = None,
    theme: Theme | str | None = None,
    legend: bool = True,
    id_prefix: str | None = None,
    focus: str | None = None,
    generations: int = 2,
    page: PageSetup | PageSize | None = None,
    scale: float = 1.0,
) -> str: ...


@overload
def render(
    document: Document,
    format: Literal["png", "pdf"],
    *,
    kind: Kind = "auto",
    style: Style | str | None = None,
    theme: Theme | str | None = None,
    legend: bool = True,
    id_prefix: str | None = None,
    focus: str | None = None,
    generations: int = 2,
    page: PageSetup | PageSize | None = None,
    scale: float = 1.0,
) -> bytes: ...


@overload
def render(
    document: Document,
    format: str,
    *,
    kind: Kind = "auto",
    style: Style | str | None = None,
    theme: Theme | str | None = None,
    legend: bool = True,
    id_prefix: str | None = None,
    focus: str | None = None,
    generations: int = 2,
    page: PageSetup | PageSize | None = None,
    scale: float = 1.0,
) -> str | bytes: ...


def render(
    document: Document,
    format: str = "svg",
    *,
    kind: Kind = "auto",
    style: Style | str | None = None,
    theme: Theme | str | None = None,
    legend: bool = True,
    id_prefix: str | None = None,
    focus: str | None = None,
    generations: int = 2,
    page: PageSetup | PageSize | None = None,
    scale: float = 1.0,
) -> str | bytes:
    """Draw one drawing of a document as SVG text, or as PNG or PDF bytes.

    Args:
        document: a validated document.
        format: ``svg``, ``png`` or ``pdf`` (PNG and PDF need the ``png``/``pdf`` extra).
        kind: ``genogram``, ``ecomap``, or ``auto``: the first of :func:`drawings` (the
            genogram, or the eco-map of a document without people).
        style: a Style or a preset name (``mcgoldrick``, ``nsgc``); default: the document's.
        theme: a Theme or a theme name (``default``, ``black_and_white``).
        legend: add the automatic key.
        id_prefix: prefix of every element id (default: ``g`` for a genogram, ``e`` for an
            eco-map, so the two can share a page).
        focus: genograms: draw only the family around this person id.
        generations: with ``focus``, how many generations up and down to include.
        page: PDF: a :class:`~genomap.render.pages.PageSetup`, or just ``a4`` or ``letter``.
        scale: PNG: pixels per drawing unit (2 for high-density screens).

    Returns:
        ``str`` for SVG, ``bytes`` for PNG and PDF.

    Raises:
        ValueError: for an unknown format, kind, preset, theme or focus id, or ``ecomap``
            for a document without one.
        RenderError: when PNG or PDF is asked for and CairoSVG is missing, or a PNG would be
            too large.

    Example:
        >>> from genomap.io import loads
        >>> png = render(loads("people: [{id: ann, gender: female}]"), "png", scale=2)
        >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
        True
    """
    if format not in FORMATS:
        raise ValueError(f"unknown output format {format!r}; expected one of: svg, png, pdf")
    drawing = drawings(document, kind)[0]
    chosen_style, chosen_theme = _style(document, style), _theme(theme)
    if drawing == "genogram":
        svg = render_genogram(
            document,
            style=chosen_style,
            theme=chosen_theme,
            legend=legend,
            id_prefix=id_prefix or "g",
            focus=focus,
            generations=generations,
        )
    else:
        svg = _ecomap_renderer()(
            document,
            style=chosen_style,
            theme=chosen_theme,
            legend=legend,
            id_prefix=id_prefix or "e",
        )
    if format == "svg":
        return svg
    if format == "png":
        return raster.render_png(svg, scale=scale)
    setup = page if isinstance(page, PageSetup) else PageSetup(size=page or "a4")
    return raster.render_pdf(
        svg,
        setup,
        symbol_size=chosen_style.symbol_size,
        font_size=chosen_style.font_size,
        title=_title(document, drawing),
    )


def render_to_file(
    document: Document,
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    kind: Kind = "auto",
    style: Style | str | None = None,
    theme: Theme | str | None = None,
    legend: bool = True,
    id_prefix: str | None = None,
    focus: str | None = None,
    generations: int = 2,
    page: PageSetup | PageSize | None = None,
    scale: float = 1.0,
) -> tuple[Path, ...]:
    """Render every drawing ``kind`` asks for (see :func:`drawings`) and write them.

    One drawing goes to ``path``; two go next to it with ``-genogram`` and ``-ecomap`` added
    to the name (see :func:`output_paths`). SVG files end with a newline. The other arguments
    are those of :func:`render`.

    Returns:
        The paths written, in order.

    Raises:
        ValueError: as :func:`render`, and when the format cannot be told from the name.
        RenderError: as :func:`render`.
        OSError: when a file cannot be written.
    """
    chosen = format or format_for_path(path)
    names = drawings(document, kind)
    targets = output_paths(path, names)
    for name, target in zip(names, targets, strict=True):
        data = render(
            document,
            chosen,
            kind=name,
            style=style,
            theme=theme,
            legend=legend,
            id_prefix=id_prefix,
            focus=focus,
            generations=generations,
            page=page,
            scale=scale,
        )
        if isinstance(data, str):
            target.write_text(data + "\n", encoding="utf-8")
        else:
            target.write_bytes(data)
    return targets


def display_svg(document: Document) -> str:
    """The SVG a notebook shows for a document (``Document._repr_svg_``).

    That is the first of :func:`drawings`: the genogram, or the eco-map of a document without
    people. Ids get a prefix made from the document's content, so several documents shown on
    one page keep their definitions apart, and the same document always gives the same SVG.
    """
    digest = hashlib.sha256(document.model_dump_json().encode("utf-8")).hexdigest()[:8]
    letter = drawings(document)[0][0]
    return render(document, "svg", id_prefix=f"{letter}{digest}")


__all__ = [
    "FORMATS",
    "Drawing",
    "Format",
    "Kind",
    "display_svg",
    "draw",
    "drawings",
    "format_for_path",
    "output_paths",
    "render",
    "render_genogram",
    "render_to_file",
]
