"""The short way in for eco-maps: lay out, draw as a Scene, or render straight to SVG.

Example:
    >>> from genomap.models import Document, EcoMap, Household, Person, System, Connection
    >>> doc = Document(
    ...     people=(Person(id="ann", gender="female"),),
    ...     households=(Household(id="home", members=("ann",)),),
    ...     ecomap=EcoMap(
    ...         systems=(System(id="gp", name="GP", category="health"),),
    ...         connections=(Connection(system="gp", strength="strong"),),
    ...     ),
    ... )
    >>> render_ecomap(doc).startswith("<svg")
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from genomap.compose_ecomap import compose_ecomap
from genomap.layout.ecomap import layout_ecomap as _layout
from genomap.layout.ecomap_model import EcomapLayout, EcomapStyle
from genomap.models import Document
from genomap.render import renderer_for
from genomap.scene import Scene
from genomap.style import Style, style_for
from genomap.theme import DEFAULT_THEME, Theme


def layout_ecomap(
    document: Document,
    style: Style | None = None,
    *,
    ecomap_style: EcomapStyle | None = None,
) -> EcomapLayout:
    """Lay out a document's eco-map (deterministic: the same input gives the same layout).

    Args:
        document: a validated document; without an eco-map, only the centre is laid out.
        style: sizes and conventions; defaults to the document's preset.
        ecomap_style: eco-map sizes and options; defaults to :class:`EcomapStyle`.

    Returns:
        An :class:`EcomapLayout` in drawing units, centred on the origin. Measure it with
        :func:`genomap.ecomap_metrics.measure_ecomap`.
    """
    return _layout(document, style, ecomap_style)


def draw_ecomap(
    document: Document,
    *,
    style: Style | None = None,
    theme: Theme | None = None,
    ecomap_style: EcomapStyle | None = None,
    legend: bool = True,
    id_prefix: str = "e",
) -> Scene:
    """Lay out and compose a document's eco-map as a backend-neutral Scene.

    Args:
        document: a validated document.
        style: sizes and conventions; defaults to the document's preset.
        theme: colours and widths; defaults to :data:`genomap.theme.DEFAULT_THEME`.
        ecomap_style: eco-map sizes, line variants (``strong``, ``stress``) and options.
        legend: add the key of the codes used and the numbered notes.
        id_prefix: prefix of every element id (for several drawings on one page).
    """
    style = style or style_for(document.preset)
    layout = _layout(document, style, ecomap_style)
    return compose_ecomap(
        document,
        layout,
        style,
        theme or DEFAULT_THEME,
        ecomap_style=ecomap_style,
        legend=legend,
        id_prefix=id_prefix,
    )


def render_ecomap(
    document: Document,
    *,
    style: Style | None = None,
    theme: Theme | None = None,
    ecomap_style: EcomapStyle | None = None,
    legend: bool = True,
    format: str = "svg",
    id_prefix: str = "e",
) -> str:
    """Draw a document's eco-map and serialise it (byte-identical for the same input).

    Args:
        document: a validated document.
        style: sizes and conventions; defaults to the document's preset.
        theme: colours and widths; defaults to :data:`genomap.theme.DEFAULT_THEME`.
        ecomap_style: eco-map sizes, line variants and options.
        legend: add the key and the numbered notes.
        format: an output format registered in :data:`genomap.render.RENDERERS` (``svg``).
        id_prefix: prefix of every element id.

    Returns:
        The drawing as text.

    Raises:
        ValueError: for an unknown format, or one that produces bytes.
    """
    renderer = renderer_for(format)
    scene = draw_ecomap(
        document,
        style=style,
        theme=theme,
        ecomap_style=ecomap_style,
        legend=legend,
        id_prefix=id_prefix,
    )
    output = renderer.render(scene)
    if not isinstance(output, str):
        raise ValueError(f"format {format!r} produces bytes; render draw_ecomap()'s Scene instead")
    return output


@dataclass(frozen=True, slots=True)
class SvgImage:
    """SVG text that Jupyter displays inline; ``str()`` gives the text, :meth:`save` a file."""

    svg: str

    def _repr_svg_(self) -> str:
        return self.svg

    def __str__(self) -> str:
        return self.svg

    def save(self, path: str | Path) -> None:
        """Write the SVG to ``path`` (UTF-8)."""
        Path(path).write_text(self.svg, encoding="utf-8")


def show_ecomap(
    document: Document,
    *,
    style: Style | None = None,
    theme: Theme | None = None,
    ecomap_style: EcomapStyle | None = None,
    legend: bool = True,
    id_prefix: str = "e",
) -> SvgImage:
    """The eco-map as an object a Jupyter notebook shows as a picture (same arguments as
    :func:`render_ecomap`)."""
    return SvgImage(
        render_ecomap(
            document,
            style=style,
            theme=theme,
            ecomap_style=ecomap_style,
            legend=legend,
            id_prefix=id_prefix,
        )
    )


__all__ = ["SvgImage", "draw_ecomap", "layout_ecomap", "render_ecomap", "show_ecomap"]
