"""The SMTP sink's inbox over HTTP: the HTML pages and the JSON API. See `smtp_sink.py`."""

from __future__ import annotations

import asyncio
import html
import html.parser
import json
import logging
import urllib.parse
from typing import Any

from smtp_sink_mail import Store, brief, public

log = logging.getLogger("smtp_sink")


MAX_HTTP_HEADER_BYTES = 64 * 1024


MAX_HTTP_BODY_BYTES = 1024 * 1024


PAGE_CSS = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}pre{white-space:pre-wrap;background:#f8f8f8;padding:.75rem;border:1px solid #eee}
iframe{width:100%;height:32rem;border:1px solid #ccc}.muted{color:#777}
"""


CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; base-uri 'none'; form-action 'none'"


def _page(title: str, body: str) -> bytes:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<style>{PAGE_CSS}</style></head><body>{body}</body></html>"
    ).encode()


def render_index(messages: list[dict[str, Any]]) -> bytes:
    rows = []
    for m in sorted(messages, key=lambda m: m["id"], reverse=True):
        rows.append(
            "<tr>"
            f"<td>{m['id']}</td><td>{html.escape(m['received_at'])}</td>"
            f"<td>{html.escape(m['mail_from'])}</td><td>{html.escape(', '.join(m['rcpt_tos']))}</td>"
            f"<td><a href='/messages/{m['id']}'>{html.escape(m['subject'] or '(no subject)')}</a></td>"
            "</tr>"
        )
    table = (
        (
            "<table><tr><th>#</th><th>date</th><th>from</th><th>to</th><th>subject</th></tr>"
            + "".join(rows)
            + "</table>"
        )
        if rows
        else "<p class='muted'>No message yet.</p>"
    )
    return _page(
        "SMTP sink",
        f"<h1>SMTP sink</h1><p class='muted'>{len(messages)} message(s) — <a href='/api/messages'>JSON</a></p>"
        + table,
    )


def render_message(m: dict[str, Any]) -> bytes:
    headers = "".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
        for k, v in m["headers"].items()
    )
    envelope = (
        f"<tr><th>envelope from</th><td>{html.escape(m['mail_from'])}</td></tr>"
        f"<tr><th>envelope to</th><td>{html.escape(', '.join(m['rcpt_tos']))}</td></tr>"
        f"<tr><th>received at</th><td>{html.escape(m['received_at'])}</td></tr>"
    )
    parts = [
        f"<p><a href='/'>&larr; inbox</a> · <a href='/api/messages/{m['id']}'>JSON</a> · "
        f"<a href='/api/messages/{m['id']}/raw'>raw</a></p>",
        f"<h1>{html.escape(m['subject'] or '(no subject)')}</h1>",
        f"<table>{envelope}{headers}</table>",
        "<h2>Text</h2>",
        f"<pre>{html.escape(m['text'])}</pre>",
    ]
    if m["html"] is not None:
        # sandbox="" : no script, no form, no navigation, no same-origin; the CSP blocks remote content
        parts += [
            "<h2>HTML</h2>",
            f"<iframe sandbox='' srcdoc=\"{html.escape(m['html'], quote=True)}\"></iframe>",
        ]
    if m["attachments"]:
        items = "".join(
            f"<li>{html.escape(str(a['filename']))} ({html.escape(a['content_type'])}, {a['size']} bytes)</li>"
            for a in m["attachments"]
        )
        parts += ["<h2>Attachments</h2>", f"<ul>{items}</ul>"]
    return _page(m["subject"] or f"message {m['id']}", "".join(parts))


class HttpApp:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.writers: set[asyncio.StreamWriter] = set()

    def close_connections(self) -> None:
        for writer in list(self.writers):
            writer.close()

    def route(self, method: str, target: str) -> tuple[int, str, bytes]:
        url = urllib.parse.urlsplit(target)
        path = url.path.rstrip("/") or "/"
        query = urllib.parse.parse_qs(url.query)
        segments = (
            [urllib.parse.unquote(s) for s in path.strip("/").split("/")] if path != "/" else []
        )

        api_id = segments[2] if len(segments) >= 3 and segments[:2] == ["api", "messages"] else None

        if method in ("GET", "HEAD"):
            if path == "/":
                return 200, "text/html; charset=utf-8", render_index(self.store.messages)
            if path == "/health":
                return 200, "text/plain; charset=utf-8", b"ok\n"
            if path == "/api/messages":
                to = query.get("to", [""])[0]
                if query.get("brief", [""])[0] in ("1", "true"):
                    return self._json(200, [brief(m) for m in self.store.select(to)])
                return self._json(200, [public(self.store.full(m)) for m in self.store.select(to)])
            if len(segments) == 2 and segments[0] == "messages":
                m = self._find(segments[1])
                return (
                    (200, "text/html; charset=utf-8", render_message(self.store.full(m)))
                    if m
                    else self._not_found()
                )
            if api_id is not None and len(segments) == 3:
                m = self._find(api_id)
                return self._json(200, public(self.store.full(m))) if m else self._not_found()
            if api_id is not None and len(segments) == 4 and segments[3] == "raw":
                m = self._find(api_id)
                return (200, "message/rfc822", self.store.raw[m["id"]]) if m else self._not_found()
            return self._not_found()

        if method == "DELETE":
            if path == "/api/messages":
                return self._json(200, {"deleted": self.store.clear()})
            if api_id is not None and len(segments) == 3:
                m = self._find(api_id)
                if m and self.store.delete(m["id"]):
                    return self._json(200, {"deleted": 1})
            return self._not_found()

        return 405, "application/json", json.dumps({"error": "method not allowed"}).encode()

    def _find(self, ident: str) -> dict[str, Any] | None:
        return self.store.get(int(ident)) if ident.isdigit() else None

    @staticmethod
    def _json(status: int, data: Any) -> tuple[int, str, bytes]:
        return status, "application/json", json.dumps(data, ensure_ascii=False).encode("utf-8")

    @staticmethod
    def _not_found() -> tuple[int, str, bytes]:
        return 404, "application/json", b'{"error": "not found"}'

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.writers.add(writer)
        try:
            while True:
                try:
                    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=30)
                except (TimeoutError, asyncio.IncompleteReadError, ConnectionError):
                    return
                except asyncio.LimitOverrunError:
                    await self._send(
                        writer, 431, "text/plain", b"request header too large\n", close=True
                    )
                    return
                lines = head.decode("iso-8859-1").split("\r\n")
                try:
                    method, target, version = lines[0].split(" ", 2)
                except ValueError:
                    await self._send(writer, 400, "text/plain", b"bad request\n", close=True)
                    return
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        k, v = line.split(":", 1)
                        headers[k.strip().lower()] = v.strip()
                length = int(headers.get("content-length", "0") or 0)
                if length > MAX_HTTP_BODY_BYTES:
                    await self._send(writer, 413, "text/plain", b"body too large\n", close=True)
                    return
                if length:
                    await reader.readexactly(length)
                keep_alive = (
                    version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
                )
                try:
                    status, ctype, body = self.route(method.upper(), target)
                except Exception:
                    log.exception("error while serving %s %s", method, target)
                    status, ctype, body = 500, "application/json", b'{"error": "internal error"}'
                await self._send(
                    writer,
                    status,
                    ctype,
                    b"" if method.upper() == "HEAD" else body,
                    close=not keep_alive,
                    length=len(body),
                )
                if not keep_alive:
                    return
        except Exception:
            log.exception("HTTP connection error")
        finally:
            self.writers.discard(writer)
            writer.close()
            try:
                await writer.wait_closed()
            except Exception:
                pass

    @staticmethod
    async def _send(
        writer: asyncio.StreamWriter,
        status: int,
        ctype: str,
        body: bytes,
        close: bool,
        length: int | None = None,
    ) -> None:
        reason = {
            200: "OK",
            400: "Bad Request",
            404: "Not Found",
            405: "Method Not Allowed",
            413: "Payload Too Large",
            431: "Request Header Fields Too Large",
            500: "Internal Server Error",
        }.get(status, "OK")
        head = (
            f"HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\n"
            f"Content-Length: {len(body) if length is None else length}\r\n"
            f"Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
            f"Content-Security-Policy: {CSP}\r\n"
            f"Connection: {'close' if close else 'keep-alive'}\r\n\r\n"
        )
        writer.write(head.encode("ascii") + body)
        await writer.drain()
