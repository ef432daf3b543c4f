"""The short way in: a document to a Scene (``draw``) or straight to SVG (``render_genogram``)."""

from __future__ import annotations

from genomap.compose import compose_genogram
from genomap.layout import layout_genogram
from genomap.models import Document
from genomap.render import renderer_for
from genomap.scene import Scene
from genomap.style import Style, style_for
from genomap.theme import DEFAULT_THEME, Theme


def draw(
    document: Document,
    *,
    style: Style | None = None,
    theme: Theme | None = None,
    legend: bool = True,
    id_prefix: str = "g",
) -> Scene:
    """Lay out and compose a document's genogram as a backend-neutral Scene.

    Args:
        document: a validated document.
        style: sizes and conventions; defaults to the document's preset.
        theme: colours and patterns; defaults to :data:`genomap.theme.DEFAULT_THEME`.
        legend: add the automatic key.
        id_prefix: prefix of every element id (for several drawings on one page).
    """
    style = style or style_for(document.preset)
    layout = layout_genogram(document, style)
    return compose_genogram(
        document, layout, style, theme or DEFAULT_THEME, legend=legend, id_prefix=id_prefix
    )


def render_genogram(
    document: Document,
    *,
    style: Style | None = None,
    theme: Theme | None = None,
    legend: bool = True,
    format: str = "svg",
    id_prefix: str = "g",
) -> str:
    """Draw a document's genogram and serialise it.

    Args:
        document: a validated document.
        style: sizes and conventions; defaults to the document's preset.
        theme: colours and patterns; defaults to :data:`genomap.theme.DEFAULT_THEME`.
        legend: add the automatic key.
        format: an output format registered in :data:`genomap.render.RENDERERS` (``svg``).
        id_prefix: prefix of every element id.

    Returns:
        The drawing as text.

    Raises:
        ValueError: for an unknown format, or a renderer that produces bytes (use
            :func:`genomap.render.render` on :func:`draw`'s Scene for those).

    Example:
        >>> from genomap.models import Document, Person
        >>> svg = render_genogram(Document(people=(Person(id="ann", gender="female"),)))
        >>> svg.startswith("<svg")
        True
    """
    renderer = renderer_for(format)
    scene = draw(document, style=style, theme=theme, legend=legend, id_prefix=id_prefix)
    output = renderer.render(scene)
    if not isinstance(output, str):
        raise ValueError(f"format {format!r} produces bytes; render the Scene from draw() instead")
    return output
