"""The SMTP sink's messages: decoded (headers, text, HTML, attachments) and kept (in memory and
in `messages.jsonl`). See `smtp_sink.py`."""

from __future__ import annotations

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
from datetime import UTC, datetime
from email.message import EmailMessage, MIMEPart
from pathlib import Path
from typing import Any

log = logging.getLogger("smtp_sink")


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
