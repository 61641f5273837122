"""Webhooks for networks without Kafka: HMAC-signed JSON POSTs, retried with back-off, logged."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

#: After this many failed attempts a delivery stops (an admin may replay it).
MAX_ATTEMPTS = 12


def signature(secret: str, body: bytes) -> str:
    """`sha256=<hex>`: HMAC-SHA256 of the raw body with the network's secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str) -> bool:
    """What a receiver does (the example responder and the tests use it)."""
    return hmac.compare_digest(signature(secret, body), header)


def next_try(attempts: int, now: datetime, base_s: float) -> datetime:
    return now + timedelta(seconds=min(base_s * 2 ** (attempts - 1), 3600))


async def post(
    client: httpx.AsyncClient, url: str, secret: str, body: bytes, delivery_id: str, event_type: str
) -> tuple[bool, str]:
    """(delivered, outcome): 2xx is delivered; anything else will be tried again."""
    headers = {
        "content-type": "application/json",
        "x-spplus-signature": signature(secret, body),
        "x-spplus-delivery": delivery_id,
        "x-spplus-event": event_type,
    }
    try:
        r = await client.post(url, content=body, headers=headers, timeout=10)
    except httpx.HTTPError as exc:
        return False, type(exc).__name__
    return 200 <= r.status_code < 300, f"HTTP {r.status_code}"


def delivery(network: dict[str, Any], event: Any, now: datetime) -> dict[str, Any] | None:
    """The webhook delivery to store with an assignment, if the network has a webhook."""
    if not network.get("webhook"):
        return None
    return {
        "id": str(event.event_id),
        "url": network["webhook"],
        "status": "pending",
        "attempts": 0,
        "next_at": now,
        "event_type": event.event_type,
        "body": event.model_dump_json(),
        "created_at": now,
    }


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)
