"""genomap: genograms and eco-maps for systemic practice.

Load a family, draw it, keep the file::

    >>> import genomap as gm
    >>> doc = gm.loads('''
    ... title: The Lee family
    ... people:
    ...   - {id: bo, given_name: Bo, gender: male, birth: 1948}
    ...   - {id: ann, given_name: Ann, gender: female, birth: 1950}
    ...   - {id: cy, given_name: Cy, gender: male, birth: 1975, index: true}
    ... unions:
    ...   - partners: [bo, ann]
    ...     children: [cy]
    ... ''')
    >>> svg = gm.render(doc)                            # SVG text
    >>> svg.startswith("<svg") and "The Lee family" in svg
    True
    >>> gm.render(doc, "png", scale=2)[:4]              # PNG bytes (the png extra)
    b'\\x89PNG'
    >>> gm.render(doc, "pdf", page="letter")[:5]        # PDF bytes (the pdf extra)
    b'%PDF-'

``gm.render_to_file(doc, "lee.pdf")`` writes a file, the format taken from its name; in Jupyter
a document shows itself as its genogram.
"""

from genomap.api import draw, render, render_genogram, render_to_file
from genomap.errors import Diagnostic, GenomapError, InputError, RenderError
from genomap.graph import FamilyGraph, build_graph
from genomap.io import dump_json, dump_yaml, json_schema, load_file, loads
from genomap.layout import GenogramLayout, layout_genogram
from genomap.metrics import LayoutMetrics, measure
from genomap.models import (
    ChildLink,
    Condition,
    Connection,
    Document,
    EcoMap,
    EmotionalRelationship,
    Household,
    MultipleBirth,
    Person,
    System,
    Union,
)
from genomap.render.pages import PageSetup
from genomap.scene import Scene
from genomap.style import MCGOLDRICK, NSGC, Style, style_for
from genomap.theme import BLACK_AND_WHITE, DEFAULT_THEME, Theme, theme_for

__version__ = "0.1.0"

__all__ = [
    "BLACK_AND_WHITE",
    "DEFAULT_THEME",
    "MCGOLDRICK",
    "NSGC",
    "ChildLink",
    "Condition",
    "Connection",
    "Diagnostic",
    "Document",
    "EcoMap",
    "EmotionalRelationship",
    "FamilyGraph",
    "GenogramLayout",
    "GenomapError",
    "Household",
    "InputError",
    "LayoutMetrics",
    "MultipleBirth",
    "PageSetup",
    "Person",
    "RenderError",
    "Scene",
    "Style",
    "System",
    "Theme",
    "Union",
    "__version__",
    "build_graph",
    "draw",
    "dump_json",
    "dump_yaml",
    "json_schema",
    "layout_genogram",
    "load_file",
    "loads",
    "measure",
    "render",
    "render_genogram",
    "render_to_file",
    "style_for",
    "theme_for",
]
