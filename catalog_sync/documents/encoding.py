"""Which encoding a page is in: the HTTP header, then <meta charset>, then the bytes themselves.

Government pages are often GB2312 or GBK, and often mislabelled: a label is only believed when
the bytes decode under it. GB2312 and GBK labels are read as GB18030, their superset, because
pages labelled GB2312 routinely hold GBK-only characters.
"""

from __future__ import annotations

import codecs
import re

_META = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_XML_DECL = re.compile(rb"<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "euc-cn", "csgb2312", "gb_2312-80"}
# Labels no Chinese page is really in: when a server sends them, it is misconfigured.
_IGNORED = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252", "cp1252"}


def codec_for(label: str | None) -> str | None:
    """The Python codec for a charset label, GB labels widened to gb18030; None if unusable."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if name in _GB:
        return "gb18030"
    if name in _IGNORED:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 8 KB (<meta charset>, http-equiv, <?xml?>)."""
    head = data[:8192]
    m = _META.search(head) or _XML_DECL.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def decode_text(data: bytes, header_charset: str | None = None) -> tuple[str, str, list[str]]:
    """(text, codec used, notes): the first of header, meta, UTF-8, GB18030 that decodes cleanly."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace"), "utf-8-sig", []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace"), "utf-16", []
    candidates: list[tuple[str, str]] = []
    for label, origin in (
        (header_charset, "the HTTP header"),
        (meta_charset(data), "the page's <meta> tag"),
    ):
        codec = codec_for(label)
        if codec:
            candidates.append((codec, f"{label} from {origin}"))
    candidates += [("utf-8", "UTF-8 by its bytes"), ("gb18030", "GB18030/GBK by its bytes")]
    notes: list[str] = []
    for codec, why in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            if why.startswith(("UTF-8", "GB18030")):
                continue
            notes.append(f"declared encoding {why} does not fit the bytes; ignored")
            continue
        return text, codec, notes
    codec = candidates[0][0]
    text = data.decode(codec, "replace")
    bad = text.count("\ufffd")
    notes.append(f"{bad} undecodable byte sequences replaced by U+FFFD (read as {codec})")
    return text, codec, notes
