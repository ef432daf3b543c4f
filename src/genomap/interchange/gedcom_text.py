"""GEDCOM bytes to ged4py records, with a map from the parser's offsets to the source's lines.

The character set comes from a byte-order mark, else from the GEDCOM version (7.0 is always
UTF-8), else from the header's ``1 CHAR`` line (ANSEL, ASCII, UTF-8, UNICODE, and the common
non-standard ANSI, LATIN1, IBMPC, ... that ged4py knows), else UTF-8 when the bytes are UTF-8,
else ANSEL (the 5.5.1 default). The text is re-encoded as UTF-8 without blank lines (which
ged4py refuses, and which exporters often leave at the end), and :class:`GedcomText` turns a
parser's byte offset back into the line number of the original file. :func:`parse_records`
runs ged4py and reports its syntax errors at the source line.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Final

from ged4py.model import Record
from ged4py.parser import CodecError, GedcomReader, IntegrityError, ParserError, guess_codec

from genomap.errors import Diagnostic, InputError, Location
from genomap.sources import Limits

_AT_LINE: Final = re.compile(r"at line (\d+)")
_QUOTED: Final = re.compile(r"`(.*)'\s*$")
_CHAR_LINE: Final = re.compile(rb"^[ \t]*1[ \t]+CHAR[ \t]+([^\r\n]*?)[ \t]*$", re.MULTILINE)
_CHAR_TEXT: Final = re.compile(r"^\s*1\s+CHAR\b")
_VERSION_LINE: Final = re.compile(rb"^[ \t]*2[ \t]+VERS[ \t]+([0-9.]+)", re.MULTILINE)
_FIRST_RECORD: Final = re.compile(rb"^[ \t]*0[ \t]+(?!HEAD\b)", re.MULTILINE)
_STANDARD_CHARSETS: Final = frozenset({"ANSEL", "UTF-8", "UNICODE", "ASCII"})
_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class GedcomText:
    """A GEDCOM file ready for ged4py: UTF-8 bytes and where each of their lines came from.

    Attributes:
        data: The text as UTF-8, one line per non-blank source line, each ending in LF.
        version: The ``GEDC.VERS`` of the header ("5.5.1", "7.0", ...), if any.
        encoding: The codec the source was read with.
        filename: The name used in diagnostics.
        warnings: Problems with the character set, located at the ``CHAR`` line.
    """

    data: bytes
    version: str | None
    encoding: str
    filename: str | None
    warnings: tuple[Diagnostic, ...] = ()
    _starts: list[int] = field(default_factory=list, repr=False)
    _lines: list[int] = field(default_factory=list, repr=False)

    @property
    def is_v7(self) -> bool:
        """True for a GEDCOM 7 file."""
        return (self.version or "").startswith("7")

    def line_at(self, offset: int) -> int:
        """The source line number of the clean line holding byte ``offset`` of :attr:`data`."""
        return self._lines[max(0, bisect_right(self._starts, offset) - 1)] if self._lines else 1

    def source_line(self, clean_line: int) -> int:
        """The source line number of line ``clean_line`` (1-based) of :attr:`data`."""
        if not self._lines:
            return 1
        return self._lines[min(max(clean_line, 1), len(self._lines)) - 1]

    def location(self, offset: int | None) -> Location:
        """The location of a parser's byte offset (the file alone when it is None)."""
        return Location(self.filename, None if offset is None else self.line_at(offset))


def _fail(message: str, filename: str | None, line: int | None, code: str) -> InputError:
    return InputError([Diagnostic("error", message, Location(filename, line), code)])


def prepare(source: str | bytes, filename: str | None, limits: Limits | None) -> GedcomText:
    """Decode a GEDCOM file and index its lines.

    Args:
        source: The file's bytes, or text already decoded.
        filename: The name used in diagnostics.
        limits: Only ``max_bytes`` applies here.

    Raises:
        InputError: The input is empty, too large, or not in the character set it declares.
    """
    limits = limits or Limits()
    raw = source if isinstance(source, bytes) else source.encode("utf-8")
    if len(raw) > limits.max_bytes:
        raise _fail(
            f"the input is {len(raw):,} bytes, more than the limit of {limits.max_bytes:,}",
            filename,
            None,
            "too-large",
        )
    warnings: list[Diagnostic] = []
    if isinstance(source, str):
        text, encoding = source.removeprefix("\ufeff"), "utf-8"
        version = _version(raw)
    else:
        text, encoding, version = _decode(raw, filename, warnings)
    # ANSEL writes accents as combining marks; compose them as other text is.
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise _fail("the file is empty; expected GEDCOM records", filename, None, "empty")
    starts: list[int] = []
    numbers: list[int] = []
    out: list[str] = []
    size = 0
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if not line.strip():
            continue
        level = line.split(None, 1)[0]
        if len(level) > 9 and level.isdigit():  # ged4py's int() fails on thousands of digits
            raise _fail(
                f"the level number has {len(level):,} digits; GEDCOM levels run from 0 to 99",
                filename,
                number,
                "gedcom-syntax",
            )
        if "CHAR" in line and _CHAR_TEXT.match(line):
            line = "1 CHAR UTF-8"  # the text is UTF-8 now, whatever the source was
        starts.append(size)
        numbers.append(number)
        out.append(line)
        size += len(line.encode("utf-8")) + 1
    data = ("\n".join(out) + "\n").encode("utf-8")
    return GedcomText(data, version, encoding, filename, tuple(warnings), starts, numbers)


def parse_records(text: GedcomText) -> list[Record]:
    """Every level-0 record; ged4py's syntax errors become InputError at the source line."""
    try:
        with GedcomReader(io.BytesIO(text.data), encoding="utf-8") as reader:
            return list(reader.records0())
    except (ParserError, IntegrityError) as exc:
        message = str(exc)
        found = _AT_LINE.search(message)
        line = text.source_line(int(found.group(1))) if found else None
        quoted = _QUOTED.search(message)
        shown = f": '{quoted.group(1)[:80]}'" if quoted else ""
        if "nesting" in message:
            what = "the line's level does not follow the line above it" + (
                " (CONT and CONC go one level below the line they continue)"
                if "CONC/CONT" in message
                else " (a level can go down by one at a time)"
            )
        else:
            what = "not a GEDCOM line (expected 'LEVEL [@ID@] TAG [VALUE]')"
        raise InputError(
            [Diagnostic("error", what + shown, Location(text.filename, line), "gedcom-syntax")]
        ) from None
    except (OSError, ValueError) as exc:  # e.g. a file that ends inside its header
        last = text.source_line(text.data.count(b"\n"))  # where the reader ran out of file
        raise InputError(
            [
                Diagnostic(
                    "error",
                    f"not a readable GEDCOM file: {exc}",
                    Location(text.filename, last),
                    "gedcom-syntax",
                )
            ]
        ) from None


def _header(raw: bytes) -> bytes:
    """The header's lines, with every line break made LF (old Macintosh files use CR)."""
    head = raw[:65536].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    found = _FIRST_RECORD.search(head, 1)
    return head[: found.start()] if found else head


def _version(raw: bytes) -> str | None:
    found = _VERSION_LINE.search(_header(raw))
    return found.group(1).decode("ascii") if found else None


def _decode(raw: bytes, filename: str | None, warnings: list[Diagnostic]) -> tuple[str, str, str]:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            body = raw[len(bom) :]
            if codec != "utf-8":
                # Read the header's ASCII words from the UTF-16 text.
                return _strict(body, codec, filename), codec, _version_of_text(body, codec)
            return _strict(body, codec, filename), codec, _version(body) or ""
    version = _version(raw) or ""
    header = _header(raw)
    declared = _CHAR_LINE.search(header)
    if version.startswith("7"):
        return _strict(raw, "utf-8", filename), "utf-8", version
    if declared is None:
        if _is_utf8(raw):
            return raw.decode("utf-8"), "utf-8", version
        warnings.append(
            Diagnostic(
                "warning",
                "the header has no CHAR line and the text is not UTF-8; read as ANSEL",
                Location(filename, 1),
                "gedcom-charset",
            )
        )
        return _strict(raw, "gedcom", filename), "gedcom", version
    name = declared.group(1).decode("ascii", "replace").strip()
    line = header.count(b"\n", 0, declared.start()) + 1
    codec = _codec_for(name, raw, filename, line, warnings)
    return _strict(raw, codec, filename), codec, version


def _version_of_text(body: bytes, codec: str) -> str:
    head = body[:8192].decode(codec, "replace").encode("ascii", "replace")
    return _version(head) or ""


def _codec_for(
    name: str, raw: bytes, filename: str | None, line: int, warnings: list[Diagnostic]
) -> str:
    upper = name.upper()
    if upper == "UNICODE":  # 5.5.1's name for UTF-16 (a BOM would have been seen first)
        return "utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be"
    if upper in ("UTF-8", "UTF8"):
        return "utf-8"
    try:
        codec, _ = guess_codec(io.BytesIO(raw), warn=False)
    except (CodecError, LookupError, OSError):
        codec = "utf-8" if _is_utf8(raw) else "latin-1"
        warnings.append(
            Diagnostic(
                "warning",
                f"unknown character set '{name}' in CHAR; read as {codec}",
                Location(filename, line),
                "gedcom-charset",
            )
        )
        return codec
    if upper not in _STANDARD_CHARSETS:
        warnings.append(
            Diagnostic(
                "warning",
                f"CHAR '{name}' is not a GEDCOM character set (ANSEL, UTF-8, UNICODE, ASCII); "
                f"read as {codec}",
                Location(filename, line),
                "gedcom-charset",
            )
        )
    return codec


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _strict(raw: bytes, codec: str, filename: str | None) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        bad = exc.start
        if codec.startswith("utf-16"):
            line = raw.count(b"\n\x00" if codec == "utf-16-le" else b"\x00\n", 0, bad) + 1
        else:
            line = raw[:bad].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        shown = "UTF-8" if codec == "utf-8" else codec.upper() if codec != "gedcom" else "ANSEL"
        raise _fail(
            f"not {shown} text: byte 0x{raw[bad]:02x} at line {line} cannot be read "
            f"(byte offset {bad}); check the CHAR line or save the file as UTF-8",
            filename,
            line,
            "encoding",
        ) from None
