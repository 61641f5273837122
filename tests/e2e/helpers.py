"""What the end-to-end tests do as a person would: post a story, read, wait, check mail."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import httpx

T = TypeVar("T")


def story(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Renouvellement de carte d'identité rapide",
        "description": (
            "J'ai pris rendez-vous en ligne pour renouveler ma carte d'identité. Le jour venu, "
            "l'accueil a été aimable, le dossier était complet et la carte est arrivée en deux "
            "semaines. Une démarche simple, merci."
        ),
        "feeling": "positive",
        "experience_date": "2026-10-15",
        "journey": [
            {
                "organisation": "ANTS",
                "channels": [
                    {"channel": "website", "feeling": "positive"},
                    {"channel": "counter", "feeling": "positive"},
                ],
            }
        ],
        "author": {
            "email": f"auteur-{uuid.uuid4().hex[:8]}@example.org",
            "postal_code": "69003",
            "city": "Lyon",
            "pseudonym": "Camille",
        },
        "consent": True,
    }
    body.update(overrides)
    return body


def eventually(probe: Callable[[], T | None], timeout: float = 30.0, every: float = 0.3) -> T:
    """The probe's first truthy answer; fails with the last answer after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last: T | None = None
    while time.monotonic() < deadline:
        last = probe()
        if last:
            return last
        time.sleep(every)
    raise AssertionError(f"not true after {timeout:.0f}s (last: {last!r})")


def mails_to(smtp_http: str, address: str) -> list[dict[str, Any]]:
    r = httpx.get(f"{smtp_http}/api/messages", params={"to": address}, timeout=5)
    r.raise_for_status()
    data = r.json()
    items = data["messages"] if isinstance(data, dict) else data
    return [m for m in items if address in " ".join(m.get("rcpt_tos", []))]


def published(intake_url: str, experience_id: str) -> dict[str, Any] | None:
    r = httpx.get(f"{intake_url}/api/v1/experiences/{experience_id}", timeout=5)
    return r.json() if r.status_code == 200 else None
