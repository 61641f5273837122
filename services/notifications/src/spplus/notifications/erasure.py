"""Erasure in notifications: an author's address goes on their request (a tombstone on
`author.contact`, or `author.forgotten`) and after the retention period; nothing is sent to it
after that."""

from __future__ import annotations

from datetime import datetime, timedelta

from spplus.contracts import events
from spplus.runtime import clock
from spplus.runtime.logging import get_logger

from .deps import NotificationsDeps

log = get_logger(__name__)


async def on_contact_erased(key: str, *, deps: NotificationsDeps) -> None:
    """A tombstone on `author.contact`: the address is erased, nothing more is sent to it."""
    await deps.store.erase_contact(key, clock.now())
    await deps.store.forget_experience(key)
    log.info("author contact erased", experience_id=key)


async def on_forgotten(event: events.AuthorForgotten, *, deps: NotificationsDeps) -> None:
    """The author asked to be forgotten: as a tombstone on `author.contact` (which follows), and
    what this service remembers of an unkept story's public version goes too."""
    experience_id = str(event.payload.experience_id)
    await on_contact_erased(experience_id, deps=deps)
    if not event.payload.keep_published:
        await deps.store.remember_story(
            experience_id, {"title": None, "pseudonym": None, "withdrawn_at": event.occurred_at}
        )


async def sweep_retention(*, deps: NotificationsDeps, now: datetime | None = None) -> int:
    """Erase the authors' addresses whose story's last step (the contact, or the last email
    about the story) is older than `retention_contact_days`."""
    now = now or clock.now()
    cutoff = now - timedelta(days=deps.settings.retention_contact_days)
    erased = 0
    for experience_id in await deps.store.stale_contacts(cutoff):
        await on_contact_erased(experience_id, deps=deps)
        erased += 1
    return erased
