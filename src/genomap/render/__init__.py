"""Renderers turn a backend-neutral Scene into a file format; one method, one registry."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Protocol

from genomap.render.svg import SvgRenderer
from genomap.scene import Scene


class Renderer(Protocol):
    """Anything that turns a Scene into text (SVG) or bytes (raster and print formats)."""

    def render(self, scene: Scene) -> str | bytes:
        """Serialise the scene."""
        ...


class RecordingRenderer:
    """A renderer for tests: remembers the scenes it was given and returns a short summary."""

    def __init__(self) -> None:
        self.scenes: list[Scene] = []

    def render(self, scene: Scene) -> str:
        """Record the scene; return its title."""
        self.scenes.append(scene)
        return scene.title


RENDERERS: Mapping[str, Callable[[], Renderer]] = MappingProxyType({"svg": SvgRenderer})
"""Renderer factories by output format name."""


def renderer_for(format: str) -> Renderer:
    """A renderer for a format name; ValueError listing the known formats otherwise."""
    try:
        factory = RENDERERS[format]
    except KeyError:
        known = ", ".join(sorted(RENDERERS))
        raise ValueError(f"unknown output format {format!r}; expected one of: {known}") from None
    return factory()


def render(scene: Scene, format: str = "svg") -> str | bytes:
    """Render a scene in the given format."""
    return renderer_for(format).render(scene)


__all__ = ["RENDERERS", "RecordingRenderer", "Renderer", "SvgRenderer", "render", "renderer_for"]
