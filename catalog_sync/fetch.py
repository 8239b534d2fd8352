"""Downloading decision pages with care: a scheduled job must neither hang, nor fill the disk, nor
download again what has not changed.

Only http and https; a timeout per connection and read and a limit on the body, enforced while it
streams in; retries with exponential backoff on 429, 5xx, timeouts and dropped connections
(``Retry-After`` honoured up to the backoff cap); redirects followed by hand so every hop is
checked. Each page is kept in a cache folder with its ETag and Last-Modified; the next fetch
asks with If-None-Match / If-Modified-Since, and a 304 answer serves the cached bytes. When the
network fails, the cached copy is used and the caller is told so.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests

from . import __version__
from .errors import FetchError

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_RETRIES = 3
MAX_REDIRECTS = 10
CHUNK = 64 * 1024
REDIRECTS = (301, 302, 303, 307, 308)

DOWNLOADED = "downloaded"
NOT_MODIFIED = "not modified"
FROM_CACHE = "offline, from cache"


@dataclass(frozen=True)
class Fetched:
    """A document's bytes and where and when they came from."""

    url: str  # as asked for
    final_url: str  # after redirects
    content: bytes
    content_type: str
    charset: str  # from the Content-Type header, "" when it names none
    sha256: str
    fetched_at: str  # when these bytes were downloaded (ISO 8601, local time with offset)
    status: str  # DOWNLOADED, NOT_MODIFIED or FROM_CACHE
    note: str = ""


@dataclass(frozen=True)
class _CacheEntry:
    url: str
    final_url: str
    content_type: str
    charset: str
    etag: str
    last_modified: str
    sha256: str
    fetched_at: str
    checked_at: str


@dataclass(frozen=True)
class _Answer:
    status: int
    final_url: str
    headers: dict[str, str]
    body: bytes


class _Transient(Exception):
    """A failure worth trying again: the server or the network may be back in a moment."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def now_iso() -> str:
    """The current time as recorded in decision files: local, to the second, with its offset."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def check_url(url: str) -> None:
    """Refuse anything but an absolute http(s) URL before any connection is made."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (a port that is no number is refused here, not mid-fetch)
    except ValueError as e:  # an unclosed [IPv6] bracket, a port out of range
        raise FetchError(url, f"is not a valid URL ({e})") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise FetchError(url, "only http:// and https:// URLs are fetched")


class PageCache:
    """Pages on disk, one body and one JSON metadata file per URL, each written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]
        return self.folder / f"{key}.body", self.folder / f"{key}.json"

    def load(self, url: str) -> tuple[_CacheEntry, bytes] | None:
        """The cached page, or None when absent or damaged (its bytes no longer match)."""
        body_path, meta_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            entry = _CacheEntry(**meta)
            body = body_path.read_bytes()
        except (OSError, ValueError, TypeError):
            return None
        if entry.url != url or hashlib.sha256(body).hexdigest() != entry.sha256:
            return None
        return entry, body

    def store(self, entry: _CacheEntry, body: bytes | None) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            _write_atomic(ignore, b"# catalog-sync download cache: not for version control\n*\n")
        body_path, meta_path = self._paths(entry.url)
        if body is not None:
            _write_atomic(body_path, body)
        text = json.dumps(asdict(entry), ensure_ascii=False, indent=1)
        _write_atomic(meta_path, text.encode("utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Fetcher:
    """One HTTP session with the limits, retries and cache a scheduled job needs."""

    def __init__(
        self,
        cache_dir: Path | None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        retries: int = DEFAULT_RETRIES,
        backoff: float = 1.0,
        max_backoff: float = 30.0,
        offline: bool = False,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.cache = PageCache(cache_dir) if cache_dir is not None else None
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.retries = max(0, retries)
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.offline = offline
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = f"catalog-sync/{__version__}"
        self._sleep = sleep

    def fetch(self, url: str) -> Fetched:
        """The page at url: downloaded, confirmed unchanged (304), or from the cache offline."""
        check_url(url)
        cached = self.cache.load(url) if self.cache else None
        if self.offline:
            if cached is None:
                raise FetchError(url, "not in the cache, and --offline forbids downloading it")
            return _from_entry(*cached, FROM_CACHE, "offline: the cached copy was used")
        conditional: dict[str, str] = {}
        if cached:
            if cached[0].etag:
                conditional["If-None-Match"] = cached[0].etag
            if cached[0].last_modified:
                conditional["If-Modified-Since"] = cached[0].last_modified
        try:
            answer = self._with_retries(url, conditional)
        except _Transient as e:
            if cached is None:
                tries = self.retries + 1
                attempts = f"{tries} attempt" + ("s" if tries > 1 else "")
                raise FetchError(url, f"{e} (after {attempts}; no cached copy)") from None
            note = f"network failed ({e}); used the copy downloaded {cached[0].fetched_at}"
            return _from_entry(*cached, FROM_CACHE, note)
        if answer.status == 304:
            if cached is None:
                raise FetchError(url, "the server answered 304 Not Modified to a plain request")
            entry = replace(cached[0], checked_at=now_iso())
            if self.cache:
                self.cache.store(entry, None)
            return _from_entry(entry, cached[1], NOT_MODIFIED, "")
        content_type = answer.headers.get("content-type", "")
        entry = _CacheEntry(
            url=url,
            final_url=answer.final_url,
            content_type=content_type,
            charset=charset_of(content_type),
            etag=answer.headers.get("etag", ""),
            last_modified=answer.headers.get("last-modified", ""),
            sha256=hashlib.sha256(answer.body).hexdigest(),
            fetched_at=now_iso(),
            checked_at=now_iso(),
        )
        if self.cache:
            self.cache.store(entry, answer.body)
        note = f"redirected to {answer.final_url}" if answer.final_url != url else ""
        return _from_entry(entry, answer.body, DOWNLOADED, note)

    def _with_retries(self, url: str, headers: dict[str, str]) -> _Answer:
        attempt = 0
        while True:
            try:
                return self._get(url, headers)
            except _Transient as e:
                if attempt >= self.retries:
                    raise
                delay = self.backoff * (2**attempt)
                if e.retry_after is not None:
                    delay = max(delay, e.retry_after)
                self._sleep(min(delay, self.max_backoff))
                attempt += 1

    def _get(self, url: str, headers: dict[str, str]) -> _Answer:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current)
            try:
                resp = self.session.get(
                    current,
                    headers=headers,
                    timeout=(self.timeout, self.timeout),
                    stream=True,
                    allow_redirects=False,
                )
            except requests.Timeout:
                raise _Transient(f"no answer within {self.timeout:g} s") from None
            except requests.ConnectionError as e:
                raise _Transient(f"cannot connect ({_reason(e)})") from None
            except requests.RequestException as e:
                raise FetchError(url, f"the request failed ({_reason(e)})") from None
            with resp:
                code = resp.status_code
                if code in REDIRECTS and resp.headers.get("Location"):
                    current = urljoin(current, resp.headers["Location"])
                    continue
                if code == 429 or 500 <= code < 600:
                    raise _Transient(
                        f"HTTP {code} {resp.reason}", _retry_after(resp.headers.get("Retry-After"))
                    )
                lowered = {k.lower(): v for k, v in resp.headers.items()}
                if code == 304:
                    return _Answer(304, current, lowered, b"")
                if code != 200:
                    where = f" (at {current})" if current != url else ""
                    raise FetchError(url, f"HTTP {code} {resp.reason}{where}")
                return _Answer(200, current, lowered, self._read_body(resp, url))
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def _read_body(self, resp: requests.Response, url: str) -> bytes:
        limit = self.max_bytes
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, _too_big(int(declared), limit))
        chunks: list[bytes] = []
        total = 0
        deadline = time.monotonic() + max(60.0, self.timeout * 10)
        try:
            for chunk in resp.iter_content(CHUNK):
                total += len(chunk)
                if total > limit:
                    raise FetchError(url, _too_big(None, limit))
                if time.monotonic() > deadline:
                    raise _Transient("the body is arriving too slowly")
                chunks.append(chunk)
        except requests.RequestException as e:
            raise _Transient(f"the connection broke while reading ({_reason(e)})") from None
        return b"".join(chunks)


def _from_entry(entry: _CacheEntry, body: bytes, status: str, note: str) -> Fetched:
    return Fetched(
        url=entry.url,
        final_url=entry.final_url,
        content=body,
        content_type=entry.content_type,
        charset=entry.charset,
        sha256=entry.sha256,
        fetched_at=entry.fetched_at,
        status=status,
        note=note,
    )


def charset_of(content_type: str) -> str:
    """The charset parameter of a Content-Type header, lower case; "" when absent."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'").lower()
    return ""


def _too_big(size: int | None, limit: int) -> str:
    what = f"is {size:,} bytes" if size is not None else "is larger than that"
    return f"refused: the response {what}, over the limit of {limit:,} bytes (raise --max-size)"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _reason(e: Exception) -> str:
    """The innermost, most specific message of a requests/urllib3 exception chain."""
    inner: Any = e
    for _ in range(5):
        nxt = inner.args[0] if inner.args and isinstance(inner.args[0], Exception) else None
        if nxt is None:
            reason = getattr(inner, "reason", None)
            nxt = reason if isinstance(reason, Exception) else None
        if nxt is None:
            break
        inner = nxt
    text = str(inner)
    return text.split(": ", 1)[-1] if "Errno" in text or "Failed" in text else text
