"""From a path to checked bytes, and from bytes to normalised text.

Shared by every format: the size limit (checked on the file's size before
anything is read), empty and binary files, strict decoding, newline
normalisation and the characters an article text may hold.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

from kb.readers.problems import BadInput

UTF8_BOM = b"\xef\xbb\xbf"

# Signatures of binary formats people drop into article folders by mistake,
# checked before decoding so the message says what the file is.
BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX/ODT/EPUB document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
# Unicode text in other encodings than UTF-8 has a clearer message than "binary".
OTHER_UNICODE_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)

# Characters XML 1.0 forbids. The article text ends up as an RDF literal in
# every export format, RDF/XML included, so a text holding one is refused here
# rather than breaking an export later.
FORBIDDEN_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def load_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; refuses what is not a readable regular file within the limit."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise BadInput("no such file") from None
    except OSError as error:
        raise BadInput(f"cannot read it ({error.strerror or error})") from None
    if stat.S_ISDIR(info.st_mode):
        raise BadInput("is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise BadInput("not a regular file")
    if info.st_size > max_bytes:
        raise BadInput(f"file is too large ({info.st_size:,} bytes; the limit is {max_bytes:,} bytes)")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as error:
        raise BadInput(f"cannot read it ({error.strerror or error})") from None
    if len(data) > max_bytes:
        raise BadInput(f"file is too large (over the limit of {max_bytes:,} bytes)")
    return data


def check_not_empty(data: bytes) -> None:
    if not data.removeprefix(UTF8_BOM).strip():
        raise BadInput("empty file (no text)")


def check_not_binary(data: bytes) -> None:
    """Refuses known binary formats, UTF-16/32 text and anything with NUL bytes."""
    for signature, what in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise BadInput(f"binary file ({what}), not text")
    for bom, encoding in OTHER_UNICODE_BOMS:
        if data.startswith(bom):
            raise BadInput(f"text is encoded as {encoding}; save it as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise BadInput(f"binary file (NUL byte at byte offset {nul}), not text")


def decode_utf8(data: bytes, *, first_byte_offset: int = 0, first_line: int = 1) -> str:
    """Strict UTF-8; a leading BOM is dropped.

    An error names the byte offset in the file (``first_byte_offset`` is where
    ``data`` starts in it) and its line (``first_line`` is the line ``data``
    starts on).
    """
    return decode_strict(data, "utf-8", first_byte_offset=first_byte_offset, first_line=first_line)


def decode_strict(data: bytes, encoding: str, *, first_byte_offset: int = 0, first_line: int = 1) -> str:
    """``data`` decoded with ``encoding`` (a Python codec name), no replacement."""
    skipped = 0
    if data.startswith(UTF8_BOM) and encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
        data, skipped = data[len(UTF8_BOM):], len(UTF8_BOM)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = first_line + data.count(b"\n", 0, error.start)
        offset = first_byte_offset + skipped + error.start
        bad = data[error.start : error.start + 1].hex()
        name = "UTF-8" if encoding == "utf-8" else encoding
        raise BadInput(f"not valid {name} (byte 0x{bad} at byte offset {offset})", line) from None


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def has_words(text: str) -> bool:
    """Whether ``text`` holds any letter or digit: blank or punctuation-only text is no article."""
    return any(character.isalnum() for character in text)


def check_characters(text: str, *, line: int | None = None) -> None:
    """Refuses control characters (other than tab and newline) and lone surrogates.

    The error names ``line`` when given (a JSON Lines record), else the line of
    the character within ``text``.
    """
    found = FORBIDDEN_CHARACTER.search(text)
    if found is None:
        return
    if line is None:
        line = text.count("\n", 0, found.start()) + 1
    code = ord(found.group())
    what = "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "a control character"
    raise BadInput(f"text contains {what} (U+{code:04X}), which RDF text cannot hold", line)

