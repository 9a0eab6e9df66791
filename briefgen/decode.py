"""Bytes of a content file -> text: detect the encoding, refuse binary data, normalise line ends."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Encodings tried in order for text without a byte-order mark.
FALLBACK_ENCODINGS = ("utf-8", "cp1252")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_CONTROLS = re.compile("[" + "".join(re.escape(chr(c)) for c in range(32) if chr(c) not in _ALLOWED_CONTROLS) + "]")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str  # line ends normalised to "\n", no byte-order mark
    encoding: str


def _utf16_without_bom(data: bytes) -> str | None:
    """Mostly-ASCII UTF-16 leaves NUL in every other byte; recognise that pattern."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for encoding, nuls, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls >= half // 2 and other == 0:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(text: str) -> bool:
    controls = len(_CONTROLS.findall(text))  # a regex: a Python loop over every character cost 0.1 s a build
    return "\x00" in text or controls > max(2, len(text) // 100)


def decode_text(data: bytes, declared: str | None = None) -> Decoded:
    """Decode a content file. Raises DecodeError for binary or undecodable bytes.

    Order: a byte-order mark (UTF-8/16/32), the `declared` encoding (a web page's charset) if the bytes
    are valid in it, BOM-less UTF-16, then UTF-8, then Windows-1252. CRLF and lone CR become LF.
    """
    text: str | None = None
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data[len(bom) :].decode(name), name
            except UnicodeDecodeError as err:
                raise DecodeError(f"starts with a {name} byte-order mark but is not valid {name}") from err
            break
    if text is None and declared is not None:
        try:
            text, encoding = data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            text = None
    if text is None and b"\x00" in data:
        text, encoding = _utf16_without_bom(data), "utf-16"
        if text is None:
            raise DecodeError("binary file (contains NUL bytes), not text")
    for name in FALLBACK_ENCODINGS if text is None else ():
        try:
            text, encoding = data.decode(name), name
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise DecodeError(f"not text in any of {', '.join(FALLBACK_ENCODINGS)} (or UTF-16/32 with a byte-order mark)")
    if _looks_binary(text):
        raise DecodeError("binary file (control characters), not text")
    return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), encoding)


def decode(data: bytes) -> str:
    """Text of a content file (see decode_text)."""
    return decode_text(data).text
