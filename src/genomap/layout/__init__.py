"""Layout engines: positions, routed lines and label boxes, as plain data for the renderers."""

from genomap.layout.genogram import layout_genogram
from genomap.layout.model import GenogramLayout

__all__ = ["GenogramLayout", "layout_genogram"]
