"""Interchange: read GEDCOM and PED files, write GEDCOM and Graphviz DOT, convert between them.

Example:
    >>> from genomap.interchange import read_any, write_any
    >>> result = read_any("0 HEAD\\n0 @I1@ INDI\\n1 NAME Ann /Lee/\\n1 SEX F\\n0 TRLR\\n")
    >>> print(write_any(result.document, "yaml"), end="")
    version: 1
    people:
      - id: I1
        given_name: Ann
        family_name: Lee
        gender: female
"""

from genomap.interchange.dot import write_dot
from genomap.interchange.formats import (
    OUTPUT_EXTENSIONS,
    OUTPUT_FORMATS,
    SOURCE_EXTENSIONS,
    SOURCE_FORMATS,
    OutputFormat,
    SourceFormat,
    focus,
    output_format_of,
    read_any,
    source_format_of,
    write_any,
)
from genomap.interchange.gedcom_read import read_gedcom
from genomap.interchange.gedcom_write import write_gedcom
from genomap.interchange.ped import read_ped

__all__ = [
    "OUTPUT_EXTENSIONS",
    "OUTPUT_FORMATS",
    "SOURCE_EXTENSIONS",
    "SOURCE_FORMATS",
    "OutputFormat",
    "SourceFormat",
    "focus",
    "output_format_of",
    "read_any",
    "read_gedcom",
    "read_ped",
    "source_format_of",
    "write_any",
    "write_dot",
    "write_gedcom",
]
