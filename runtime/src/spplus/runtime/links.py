"""Signed links for authors: whoever holds the link acts on that one story, until it expires."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from datetime import UTC, datetime


class InvalidLink(Exception):
    """Tampered, malformed, or expired."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class AuthorLinks:
    def __init__(self, secret: str) -> None:
        self._key = hashlib.sha256(f"author-links:{secret}".encode()).digest()

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._key, payload, hashlib.sha256).digest()[:18]

    def token(self, experience_id: uuid.UUID, expires_at: datetime) -> str:
        payload = experience_id.bytes + int(expires_at.timestamp()).to_bytes(8, "big")
        return _b64(payload + self._sign(payload))

    def verify(self, token: str, now: datetime | None = None) -> uuid.UUID:
        """The story the link is for; raises `InvalidLink`."""
        try:
            raw = _unb64(token)
        except (ValueError, TypeError) as exc:
            raise InvalidLink("malformed") from exc
        payload, signature = raw[:24], raw[24:]
        if len(raw) != 42 or not hmac.compare_digest(signature, self._sign(payload)):
            raise InvalidLink("bad signature")
        expires = datetime.fromtimestamp(int.from_bytes(payload[16:], "big"), UTC)
        if (now or datetime.now(UTC)) > expires:
            raise InvalidLink("expired")
        return uuid.UUID(bytes=payload[:16])
