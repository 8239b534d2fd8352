"""A piece of a GB18030 file in UTF-8, or why not: in this process, or in a transcoding process
(work_orders._utf8_pieces starts those with `python -c`). Nothing heavy is imported here, so
such a process starts in milliseconds."""

from __future__ import annotations

from typing import BinaryIO

# The bytes UTF-8 text can hold: a line with any other (C0, C1, F5-FF) does not read as UTF-8.
UTF8_BYTES = bytes(range(0xC0)) + bytes(range(0xC2, 0xF5))
NONE = (1 << 64) - 1  # the length a transcoding process sends for a piece it cannot transcode


def reads_as_utf8(line: bytes) -> bool:
    return not line.isascii() and "\ufffd" not in line.decode("utf-8", "replace")


def has_utf8_line(piece: bytes) -> bool:
    """Whether any line of the piece reads_as_utf8. Most lines of a GB18030 file hold a byte
    UTF-8 never uses, found by one `translate` a line: only the others are decoded, twice as
    fast as decoding the whole piece once."""
    return any(
        not line.isascii() and not line.translate(None, UTF8_BYTES) and reads_as_utf8(line)
        for line in piece.split(b"\n")
    )


def utf8_piece(piece: bytes) -> bytes | None:
    """A piece of a GB18030 file in UTF-8, or None when one of its lines is not GB18030 or
    reads as UTF-8."""
    if has_utf8_line(piece):
        return None
    try:
        return piece.decode("gb18030").encode("utf-8")
    except UnicodeDecodeError:
        return None


def transcode_pieces(src: BinaryIO, dst: BinaryIO) -> None:
    """A transcoding process: length-prefixed pieces in, utf8_piece of each out (NONE for None)."""
    while len(size := src.read(8)) == 8:
        found = utf8_piece(src.read(int.from_bytes(size, "little")))
        head = NONE if found is None else len(found)
        dst.write(head.to_bytes(8, "little") + (found or b""))
        dst.flush()
