"""Signed links for authors and email recipients: one purpose, one item, a lifetime.

A link says what it is for (`Purpose`): following one's story, deciding on moderation's
proposal, or unsubscribing an address. A link for one purpose never works for another. A
decision link also carries the generation of the proposal it answers (the time moderation
made it): a newer proposal makes the older links void, without any store of issued links.
"""

from __future__ import annotations

import base64
import calendar
import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum

from . import clock


class InvalidLink(Exception):
    """Tampered, malformed, expired, or for another purpose."""


class Purpose(IntEnum):
    follow = 1
    """The author's page: see what happened, withdraw the story."""
    decision = 2
    """Moderation's proposal: approve, reject, block (and withdraw), for one proposal."""
    unsubscribe = 3
    """Forget the address behind a document's acknowledgement or a panel membership."""


@dataclass(frozen=True)
class Link:
    item_id: uuid.UUID
    purpose: Purpose
    generation: int
    """For a decision: the proposal's time in milliseconds (0 otherwise)."""


def generation_of(moment: datetime) -> int:
    """A proposal's generation: its time in milliseconds (a naive time is UTC, as stored)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    # integers only: a database keeps milliseconds, and floats would round them either way
    return calendar.timegm(moment.utctimetuple()) * 1000 + moment.microsecond // 1000


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


_PAYLOAD = 16 + 8 + 1 + 8
_SIGNATURE = 18


class AuthorLinks:
    def __init__(self, secret: str) -> None:
        self._key = hashlib.sha256(f"author-links:{secret}".encode()).digest()

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._key, payload, hashlib.sha256).digest()[:_SIGNATURE]

    def token(
        self,
        item_id: uuid.UUID,
        expires_at: datetime,
        purpose: Purpose = Purpose.follow,
        generation: int = 0,
    ) -> str:
        payload = (
            item_id.bytes
            + int(expires_at.timestamp()).to_bytes(8, "big")
            + int(purpose).to_bytes(1, "big")
            + generation.to_bytes(8, "big")
        )
        return _b64(payload + self._sign(payload))

    def verify(
        self, token: str, purposes: set[Purpose] | Purpose, now: datetime | None = None
    ) -> Link:
        """The link, if it is genuine, alive and for one of `purposes`; raises `InvalidLink`."""
        wanted = {purposes} if isinstance(purposes, Purpose) else purposes
        try:
            raw = _unb64(token)
        except (ValueError, TypeError) as exc:
            raise InvalidLink("malformed") from exc
        payload, signature = raw[:_PAYLOAD], raw[_PAYLOAD:]
        if len(raw) != _PAYLOAD + _SIGNATURE or not hmac.compare_digest(
            signature, self._sign(payload)
        ):
            raise InvalidLink("bad signature")
        expires = datetime.fromtimestamp(int.from_bytes(payload[16:24], "big"), UTC)
        if (now or clock.now()) > expires:
            raise InvalidLink("expired")
        try:
            purpose = Purpose(payload[24])
        except ValueError as exc:
            raise InvalidLink("unknown purpose") from exc
        if purpose not in wanted:
            raise InvalidLink("another purpose")
        return Link(uuid.UUID(bytes=payload[:16]), purpose, int.from_bytes(payload[25:], "big"))
