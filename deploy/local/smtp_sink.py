#!/usr/bin/env python3
"""Local SMTP sink for the Services Publics + stack (deploy/local/stack.sh).

Accepts every message sent over SMTP (no relay, no TLS; AUTH, if a client insists, always succeeds),
keeps it in memory and appends it to ``<data-dir>/messages.jsonl`` so that a restart keeps the inbox,
and serves the inbox over HTTP:

    GET    /                      HTML list, newest first
    GET    /messages/{id}         one message as HTML (headers, text body, HTML body in a sandbox)
    GET    /api/messages[?to=a@b] JSON list, oldest first; ``to`` filters on envelope recipients and
                                  To/Cc/Bcc addresses (case-insensitive); ``brief=1`` leaves the
                                  bodies out (id, received_at, mail_from, rcpt_tos, subject,
                                  headers: what a count of thousands of messages needs)
    GET    /api/messages/{id}     one message as JSON
    GET    /api/messages/{id}/raw the message as received (message/rfc822)
    DELETE /api/messages          clear the inbox (memory and file)
    DELETE /api/messages/{id}     delete one message
    GET    /health                "ok"

Each JSON message: id, received_at, mail_from, rcpt_tos, subject, headers (name -> value; a header
that appears several times has its values joined by newlines), text (the text/plain body, or text
derived from the HTML part), html (or null), attachments (filename, content_type, size).

Dependencies: aiosmtpd and the standard library.

Usage: smtp_sink.py [--host 127.0.0.1] [--smtp-port 1025] [--http-port 8025] [--data-dir DIR]
Defaults come from SPPLUS_SMTP_PORT, SPPLUS_SMTP_HTTP_PORT and SPPLUS_SMTP_DATA_DIR (else
``$SPPLUS_DATA_DIR/smtp``, else ``./.local/smtp``).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import email
import email.header
import email.parser
import email.policy
import email.utils
import html
import html.parser
import json
import logging
import os
import re
import signal
import sys
import urllib.parse
from datetime import UTC, datetime
from email.message import EmailMessage, MIMEPart
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session

log = logging.getLogger("smtp_sink")

MAX_HTTP_HEADER_BYTES = 64 * 1024
MAX_HTTP_BODY_BYTES = 1024 * 1024


# --------------------------------------------------------------------------- message decoding


class _HTMLToText(html.parser.HTMLParser):
    """Very small HTML -> text converter (drops script/style, keeps line structure and link targets)."""

    BLOCK = {
        "p",
        "div",
        "br",
        "tr",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "hr",
        "section",
        "article",
        "header",
        "footer",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")
        if tag == "a":
            self._href = dict(attrs).get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")
        if tag == "a" and self._href:
            self.parts.append(f" ({self._href})")
            self._href = None

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)

    def text(self) -> str:
        lines = [" ".join(line.split()) for line in "".join(self.parts).splitlines()]
        out: list[str] = []
        for line in lines:
            if line or (out and out[-1]):
                out.append(line)
        return "\n".join(out).strip()


def html_to_text(markup: str) -> str:
    parser = _HTMLToText()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # malformed markup: fall back to the raw text
        return markup
    return parser.text()


def _content(part: MIMEPart) -> str:
    """Decoded body of a text part, with \n line ends."""
    try:
        content: Any = part.get_content()
    except Exception:  # unknown charset, broken transfer encoding...
        content = part.get_payload(decode=True)
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    return str(content or "").replace("\r\n", "\n")


def _header_text(value: str) -> str:
    """A raw header value unfolded and its encoded words decoded (as the modern email policy
    shows it, at a fraction of its cost)."""
    unfolded = re.sub(r"\r?\n(?=[ \t])", "", value).strip()
    try:
        return str(email.header.make_header(email.header.decode_header(unfolded)))
    except Exception:  # unknown charset, broken encoded word...
        return unfolded


def decode_headers(raw: bytes) -> dict[str, Any]:
    """What the listings need: subject, headers and the addresses of To/Cc/Bcc. Only the header
    block is parsed (the bodies are decoded when a message is shown: `decode_body`)."""
    msg = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw)
    headers: dict[str, str] = {}
    for name, value in msg.items():
        text = _header_text(value) if isinstance(value, str) else str(value)
        key = next((k for k in headers if k.lower() == name.lower()), name)
        headers[key] = f"{headers[key]}\n{text}" if key in headers else text
    addresses = set()
    for field in ("to", "cc", "bcc"):
        values = [v for k, v in headers.items() if k.lower() == field]
        for _, addr in email.utils.getaddresses(values):
            if addr:
                addresses.add(addr.lower())
    subject = next((v for k, v in headers.items() if k.lower() == "subject"), "")
    return {"subject": subject, "headers": headers, "_header_addresses": sorted(addresses)}


def decode_body(raw: bytes) -> dict[str, Any]:
    """text (the text/plain body, or text derived from the HTML part), html, attachments."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    text_part = msg.get_body(preferencelist=("plain",))
    html_part = msg.get_body(preferencelist=("html",))
    html_body = _content(html_part) if html_part is not None else None
    if text_part is not None:
        text_body = _content(text_part)
    elif html_body is not None:
        text_body = html_to_text(html_body)
    else:
        text_body = ""

    attachments = []
    for part in msg.iter_attachments():
        payload = part.get_payload(decode=True) or b""
        attachments.append(
            {
                "filename": part.get_filename(),
                "content_type": part.get_content_type(),
                "size": len(payload),
            }
        )

    return {"text": text_body, "html": html_body, "attachments": attachments}


# --------------------------------------------------------------------------- store


class Store:
    """Messages in memory, mirrored to an append-only JSON Lines file."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "messages.jsonl"
        data_dir.mkdir(parents=True, exist_ok=True)
        self.messages: list[dict[str, Any]] = []
        self.raw: dict[int, bytes] = {}
        self.next_id = 1
        self._load()

    def _load(self) -> None:
        if not self.path.exists():
            return
        bad = 0
        with self.path.open("r", encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                try:
                    rec = json.loads(line)
                    if rec.get("op") == "clear":
                        self.messages.clear()
                        self.raw.clear()
                        self.next_id = max(self.next_id, int(rec["next_id"]))
                        continue
                    if rec.get("op") == "delete":
                        self._forget(int(rec["id"]))
                        continue
                    self._remember(rec, base64.b64decode(rec["raw_b64"]))
                except Exception:
                    bad += 1
        if bad:
            log.warning("skipped %d unreadable line(s) in %s", bad, self.path)
        log.info("loaded %d message(s) from %s", len(self.messages), self.path)

    def _remember(self, rec: dict[str, Any], raw: bytes) -> dict[str, Any]:
        message = {
            "id": int(rec["id"]),
            "received_at": rec["received_at"],
            "mail_from": rec["mail_from"],
            "rcpt_tos": list(rec["rcpt_tos"]),
            **decode_headers(raw),  # the bodies when shown (`full`): most are only counted
        }
        self.messages.append(message)
        self.raw[message["id"]] = raw
        self.next_id = max(self.next_id, message["id"] + 1)
        return message

    def _forget(self, msg_id: int) -> bool:
        before = len(self.messages)
        self.messages = [m for m in self.messages if m["id"] != msg_id]
        self.raw.pop(msg_id, None)
        return len(self.messages) != before

    def _append(self, rec: dict[str, Any]) -> None:
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(rec, ensure_ascii=True) + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def add(self, mail_from: str, rcpt_tos: list[str], raw: bytes) -> dict[str, Any]:
        rec = {
            "id": self.next_id,
            "received_at": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "mail_from": mail_from,
            "rcpt_tos": rcpt_tos,
            "raw_b64": base64.b64encode(raw).decode("ascii"),
        }
        message = self._remember(rec, raw)  # decode first: a message we cannot parse is not written
        self._append(rec)
        return message

    def delete(self, msg_id: int) -> bool:
        if not self._forget(msg_id):
            return False
        self._append({"op": "delete", "id": msg_id})
        return True

    def clear(self) -> int:
        count = len(self.messages)
        self.messages.clear()
        self.raw.clear()
        # keep the id counter so that an id is never reused, even across a restart
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(
            json.dumps({"op": "clear", "next_id": self.next_id}) + "\n", encoding="utf-8"
        )
        os.replace(tmp, self.path)
        return count

    def get(self, msg_id: int) -> dict[str, Any] | None:
        return next((m for m in self.messages if m["id"] == msg_id), None)

    def full(self, message: dict[str, Any]) -> dict[str, Any]:
        """The message with its bodies (decoded once, on first demand)."""
        if "text" not in message:
            message.update(decode_body(self.raw[message["id"]]))
        return message

    def select(self, to: str | None = None) -> list[dict[str, Any]]:
        if not to:
            return list(self.messages)
        wanted = to.strip().lower()
        return [
            m
            for m in self.messages
            if wanted in (r.lower() for r in m["rcpt_tos"]) or wanted in m["_header_addresses"]
        ]


def public(message: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in message.items() if not k.startswith("_")}


BRIEF = ("id", "received_at", "mail_from", "rcpt_tos", "subject", "headers")


def brief(message: dict[str, Any]) -> dict[str, Any]:
    return {k: message[k] for k in BRIEF if k in message}


# --------------------------------------------------------------------------- SMTP


class SinkHandler:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", errors="surrogateescape")
        try:
            message = self.store.add(envelope.mail_from or "", list(envelope.rcpt_tos), raw)
        except Exception:
            log.exception("could not store a message")
            return "451 Requested action aborted: local error in processing"
        log.info(
            "message #%d stored (%d recipient(s), %d bytes)",
            message["id"],
            len(message["rcpt_tos"]),
            len(raw),
        )
        return "250 Message accepted for delivery"


def _accept_any_login(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
) -> AuthResult:
    return AuthResult(success=True)


# --------------------------------------------------------------------------- HTTP

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


# --------------------------------------------------------------------------- main


def _default_data_dir() -> Path:
    if os.environ.get("SPPLUS_SMTP_DATA_DIR"):
        return Path(os.environ["SPPLUS_SMTP_DATA_DIR"])
    if os.environ.get("SPPLUS_DATA_DIR"):
        return Path(os.environ["SPPLUS_DATA_DIR"]) / "smtp"
    return Path(".local") / "smtp"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Local SMTP sink with an HTTP inbox.")
    p.add_argument("--host", default=os.environ.get("SPPLUS_SMTP_HOST", "127.0.0.1"))
    p.add_argument("--smtp-port", type=int, default=int(os.environ.get("SPPLUS_SMTP_PORT", "1025")))
    p.add_argument(
        "--http-port", type=int, default=int(os.environ.get("SPPLUS_SMTP_HTTP_PORT", "8025"))
    )
    p.add_argument("--data-dir", type=Path, default=_default_data_dir())
    return p.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    store = Store(args.data_dir)
    loop = asyncio.get_running_loop()
    handler = SinkHandler(store)
    smtp_server = await loop.create_server(
        lambda: SMTP(
            handler,
            hostname="spplus-smtp-sink",
            ident="spplus SMTP sink",
            enable_SMTPUTF8=True,
            auth_require_tls=False,
            authenticator=_accept_any_login,
        ),
        host=args.host,
        port=args.smtp_port,
        reuse_address=True,
    )
    app = HttpApp(store)
    http_server = await asyncio.start_server(
        app.handle,
        host=args.host,
        port=args.http_port,
        reuse_address=True,
        limit=MAX_HTTP_HEADER_BYTES,
    )
    log.info(
        "SMTP on %s:%d, HTTP on http://%s:%d/ , data in %s",
        args.host,
        args.smtp_port,
        args.host,
        args.http_port,
        store.path,
    )

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    log.info("stopping")
    smtp_server.close()
    http_server.close()
    app.close_connections()
    await asyncio.wait_for(
        asyncio.gather(
            smtp_server.wait_closed(), http_server.wait_closed(), return_exceptions=True
        ),
        timeout=5,
    )


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # aiosmtpd's own log prints every command (addresses included) and a deprecation notice on AUTH
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    args = parse_args(argv)
    try:
        asyncio.run(serve(args))
    except OSError as exc:
        log.error("cannot listen: %s", exc)
        return 1
    except TimeoutError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
