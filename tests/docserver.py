"""A real HTTP server on 127.0.0.1 (a free port) serving test documents, counting requests.

Routes map a path to a function that answers through the request handler; `page()` builds the
usual one: a body with an ETag and Last-Modified, answering 304 to a matching If-None-Match.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

Route = Callable[[BaseHTTPRequestHandler], None]
LAST_MODIFIED = "Wed, 06 Mar 2019 08:00:00 GMT"


def send(
    h: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> None:
    """Answer with a status, headers and body (Content-Length set unless told otherwise)."""
    h.send_response(status)
    headers = dict(headers or {})
    headers.setdefault("Content-Length", str(len(body)))
    for k, v in headers.items():
        h.send_header(k, v)
    h.end_headers()
    if body:
        h.wfile.write(body)


def page(body: bytes, content_type: str = "text/html; charset=utf-8") -> Route:
    """A page with validators: 304 when the client already has this version."""
    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'

    def route(h: BaseHTTPRequestHandler) -> None:
        if h.headers.get("If-None-Match") == etag:
            send(h, 304, headers={"ETag": etag})
            return
        send(h, 200, body, {"Content-Type": content_type, "ETag": etag,
                            "Last-Modified": LAST_MODIFIED})  # fmt: skip

    return route


def redirect(location: str, status: int = 301) -> Route:
    return lambda h: send(h, status, headers={"Location": location})


def slow(seconds: float, body: bytes = b"<p>late</p>") -> Route:
    def route(h: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        send(h, 200, body, {"Content-Type": "text/html"})

    return route


def streamed(total: int) -> Route:
    """A body of `total` bytes sent without Content-Length (the client must count)."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Connection", "close")
        h.end_headers()
        chunk = b"<p>" + b"x" * 65536 + b"</p>"
        sent = 0
        while sent < total:
            h.wfile.write(chunk)
            sent += len(chunk)

    return route


def failing(times: int, status: int, then: Route, headers: dict[str, str] | None = None) -> Route:
    """Fail `times` times with `status`, then answer as `then` does."""
    left = [times]

    def route(h: BaseHTTPRequestHandler) -> None:
        if left[0] > 0:
            left[0] -= 1
            send(h, status, b"busy", headers)
            return
        then(h)

    return route


class DocServer:
    """Serves routes on 127.0.0.1; records (path, headers) of every request it receives."""

    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server name
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                try:
                    if route is None:
                        send(self, 404, b"not found", {"Content-Type": "text/plain"})
                    else:
                        route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout, size limit): expected in these tests

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    def hits(self, path: str) -> list[dict[str, str]]:
        """The headers of each request made for path."""
        return [headers for p, headers in self.requests if p == path]

    def start(self) -> DocServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> DocServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
