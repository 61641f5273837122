"""Retention in notifications, on the real database, with the clock injected: an author's
address is erased once the story's last step (the contact, or the last email about it) is older
than `retention_contact_days`; a story still being emailed about keeps it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from pymongo import AsyncMongoClient

from spplus.contracts import events
from spplus.notifications.deps import NotificationsDeps
from spplus.notifications.erasure import sweep_retention
from spplus.notifications.handlers import on_contact
from spplus.notifications.settings import NotificationsSettings
from spplus.notifications.store import NotificationsStore
from spplus.runtime.mongo import Document
from spplus.runtime.testing import Stack


@pytest.fixture(name="deps")
async def fixture_deps(stack: Stack) -> AsyncIterator[NotificationsDeps]:
    client: AsyncMongoClient[Document] = AsyncMongoClient(stack.mongo_url, tz_aware=True)
    db = client[f"test_notif_retention_{uuid.uuid4().hex[:8]}"]
    settings = NotificationsSettings(retention_contact_days=365)
    yield NotificationsDeps(
        settings=settings, store=NotificationsStore(db), kick_relay=lambda: None
    )
    await client.drop_database(db.name)
    await client.close()


async def test_an_address_is_erased_a_year_after_the_last_email(deps: NotificationsDeps) -> None:
    contact = events.AuthorContactRecorded.first(
        events.AuthorContactPayload(experience_id=uuid.uuid4(), email="garder@example.org"),
        producer="intake",
    )
    key = str(contact.payload.experience_id)
    await on_contact(contact, deps=deps)  # the receipt is queued: an email about the story
    now = datetime.now(UTC)
    assert await sweep_retention(deps=deps, now=now + timedelta(days=300)) == 0
    assert (await deps.store.contact(key) or {}).get("email") == "garder@example.org"

    assert await sweep_retention(deps=deps, now=now + timedelta(days=366)) == 1
    assert await deps.store.contact(key) is None
    stored = await deps.store.contacts.find_one({"_id": key})
    assert stored is not None and "email" not in stored and stored["erased_at"]
    deliveries = [d async for d in deps.store.deliveries.find({"experience_id": key})]
    assert deliveries and all("garder@example.org" not in str(d) for d in deliveries)
    assert all(d["status"] in ("cancelled", "sent", "failed") for d in deliveries)
    assert await sweep_retention(deps=deps, now=now + timedelta(days=800)) == 0
