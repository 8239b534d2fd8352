"""The fetcher against a real HTTP server on 127.0.0.1: cache and 304, redirects, timeouts, size
limits, retries, offline use, refused schemes."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from docbuilders import DOCUMENTS
from docserver import LAST_MODIFIED, DocServer, failing, page, redirect, send, slow, streamed

from catalog_sync.errors import FetchError
from catalog_sync.fetch import DOWNLOADED, FROM_CACHE, NOT_MODIFIED, Fetcher, charset_of

PAGE = (DOCUMENTS / "guofa-2019-6.html").read_bytes()
PAGE_PATH = "/zhengce/content/2019-03/06/content_5371235.htm"


@pytest.fixture
def server() -> Iterator[DocServer]:
    routes = {
        PAGE_PATH: page(PAGE),
        "/old/5371235.htm": redirect(PAGE_PATH),
        "/loop": redirect("/loop", 302),
        "/to-ftp": redirect("ftp://127.0.0.1/file.htm"),
        "/slow": slow(1.5),
        "/big": lambda h: send(h, 200, b"x" * 5000, {"Content-Type": "text/html"}),
        "/big-streamed": streamed(300_000),
        "/busy": failing(2, 503, page(PAGE)),
        "/rate-limited": failing(1, 429, page(PAGE), {"Retry-After": "0"}),
        "/always-busy": failing(99, 503, page(PAGE)),
        "/dated-only": dated_only,
    }
    with DocServer(routes) as s:
        yield s


def dated_only(h: BaseHTTPRequestHandler) -> None:
    """A server that knows only Last-Modified (no ETag), as many government sites."""
    if h.headers.get("If-Modified-Since") == LAST_MODIFIED:
        send(h, 304)
        return
    send(h, 200, PAGE, {"Content-Type": "text/html", "Last-Modified": LAST_MODIFIED})


def fetcher(tmp_path: Path, **kw: object) -> Fetcher:
    options: dict[str, object] = {"timeout": 5.0, "retries": 2, "backoff": 0.01}
    options.update(kw)
    return Fetcher(tmp_path / ".catalog-sync-cache", **options)  # type: ignore[arg-type]


def test_download_then_304_from_cache(server: DocServer, tmp_path: Path) -> None:
    url = server.url(PAGE_PATH)
    first = fetcher(tmp_path).fetch(url)
    assert first.status == DOWNLOADED
    assert first.content == PAGE
    assert first.sha256 == hashlib.sha256(PAGE).hexdigest()
    assert first.charset == "utf-8"
    again = fetcher(tmp_path).fetch(url)  # a new process: only the cache folder is shared
    assert again.status == NOT_MODIFIED
    assert again.content == PAGE
    assert again.fetched_at == first.fetched_at  # the bytes are the ones downloaded first
    hits = server.hits(PAGE_PATH)
    assert len(hits) == 2
    assert "If-None-Match" not in hits[0]
    assert hits[1]["If-None-Match"] == f'"{hashlib.sha256(PAGE).hexdigest()[:16]}"'
    assert hits[1]["If-Modified-Since"] == "Wed, 06 Mar 2019 08:00:00 GMT"
    cache = tmp_path / ".catalog-sync-cache"
    assert (cache / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_damaged_cache_is_downloaded_again(server: DocServer, tmp_path: Path) -> None:
    url = server.url(PAGE_PATH)
    fetcher(tmp_path).fetch(url)
    for body in (tmp_path / ".catalog-sync-cache").glob("*.body"):
        body.write_bytes(b"tampered")
    again = fetcher(tmp_path).fetch(url)
    assert again.status == DOWNLOADED and again.content == PAGE
    assert "If-None-Match" not in server.hits(PAGE_PATH)[1]


def test_redirect_followed_and_recorded(server: DocServer, tmp_path: Path) -> None:
    got = fetcher(tmp_path).fetch(server.url("/old/5371235.htm"))
    assert got.content == PAGE
    assert got.final_url == server.url(PAGE_PATH)
    assert "redirected to" in got.note


def test_redirect_loop_and_foreign_scheme_refused(server: DocServer, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="more than 10 redirects"):
        fetcher(tmp_path).fetch(server.url("/loop"))
    with pytest.raises(FetchError, match="only http:// and https://"):
        fetcher(tmp_path).fetch(server.url("/to-ftp"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gov.cn/page", ""])
def test_only_http_and_https(url: str, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="only http:// and https://"):
        fetcher(tmp_path).fetch(url)


def test_timeout_is_retried_then_reported(server: DocServer, tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError) as e:
        fetcher(tmp_path, timeout=0.3, retries=1).fetch(server.url("/slow"))
    assert time.monotonic() - started < 1.4  # two attempts of 0.3 s, not the server's 1.5 s
    assert "no answer within 0.3 s" in str(e.value)
    assert "after 2 attempts" in str(e.value)
    assert len(server.hits("/slow")) == 2


def test_oversize_refused_by_content_length(server: DocServer, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match=r"is 5,000 bytes, over the limit of 1,000 bytes"):
        fetcher(tmp_path, max_bytes=1000).fetch(server.url("/big"))


def test_oversize_refused_while_streaming(server: DocServer, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match=r"over the limit of 100,000 bytes \(raise --max-size\)"):
        fetcher(tmp_path, max_bytes=100_000).fetch(server.url("/big-streamed"))
    assert not list((tmp_path / ".catalog-sync-cache").glob("*.body"))


def test_503_retried_with_backoff(server: DocServer, tmp_path: Path) -> None:
    waits: list[float] = []
    got = fetcher(tmp_path, sleep=waits.append).fetch(server.url("/busy"))
    assert got.status == DOWNLOADED
    assert len(server.hits("/busy")) == 3
    assert waits == [0.01, 0.02]  # exponential


def test_429_honours_retry_after(server: DocServer, tmp_path: Path) -> None:
    waits: list[float] = []
    got = fetcher(tmp_path, sleep=waits.append, backoff=0.0).fetch(server.url("/rate-limited"))
    assert got.content == PAGE
    assert waits == [0.0]


def test_persistent_5xx_fails_without_cache(server: DocServer, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match=r"HTTP 503 .* \(after 3 attempts; no cached copy\)"):
        fetcher(tmp_path).fetch(server.url("/always-busy"))


def test_404_is_not_retried(server: DocServer, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher(tmp_path).fetch(server.url("/missing"))
    assert len(server.hits("/missing")) == 1


def test_offline_from_cache_when_the_network_fails(tmp_path: Path) -> None:
    with DocServer({PAGE_PATH: page(PAGE)}) as s:
        url = s.url(PAGE_PATH)
        first = fetcher(tmp_path).fetch(url)
    # The server is gone: connection refused.
    got = fetcher(tmp_path, retries=1).fetch(url)
    assert got.status == FROM_CACHE
    assert got.content == PAGE
    assert "network failed (cannot connect" in got.note
    assert first.fetched_at in got.note
    # --offline never touches the network; a page never fetched is an error.
    assert fetcher(tmp_path, offline=True).fetch(url).status == FROM_CACHE
    with pytest.raises(FetchError, match="not in the cache, and --offline"):
        fetcher(tmp_path, offline=True).fetch(url + "?other")


def test_no_cache_no_network(tmp_path: Path) -> None:
    with DocServer({}) as s:
        url = s.url("/gone")
    with pytest.raises(FetchError, match="cannot connect"):
        fetcher(tmp_path, retries=0).fetch(url)


@pytest.mark.parametrize(
    ("header", "charset"),
    [
        ("text/html; charset=GBK", "gbk"),
        ('text/html;charset="gb2312"', "gb2312"),
        ("text/html", ""),
        ("", ""),
    ],
)
def test_charset_of(header: str, charset: str) -> None:
    assert charset_of(header) == charset


def test_last_modified_alone_gives_304(server: DocServer, tmp_path: Path) -> None:
    url = server.url("/dated-only")
    assert fetcher(tmp_path).fetch(url).status == DOWNLOADED
    assert fetcher(tmp_path).fetch(url).status == NOT_MODIFIED
    second = server.hits("/dated-only")[1]
    assert "If-None-Match" not in second and second["If-Modified-Since"] == LAST_MODIFIED


@pytest.mark.parametrize(
    ("url", "why"),
    [("http://[::1", "Invalid IPv6 URL"), ("http://example.com:99999/x", "Port out of range")],
)
def test_a_url_that_cannot_be_parsed_is_refused_before_any_connection(url: str, why: str) -> None:
    from catalog_sync.fetch import check_url

    with pytest.raises(FetchError) as e:
        check_url(url)
    assert "is not a valid URL" in str(e.value) and why in str(e.value)
