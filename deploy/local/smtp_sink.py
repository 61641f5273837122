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
import logging
import os
import signal
import sys
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session
from smtp_sink_mail import Store
from smtp_sink_web import MAX_HTTP_HEADER_BYTES, HttpApp

log = logging.getLogger("smtp_sink")


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
