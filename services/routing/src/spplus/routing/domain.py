"""Routing rules: which network answers a story, and by when."""

from __future__ import annotations

from datetime import datetime, timedelta

from spplus.contracts.reference import ORGANISATIONS, find_organisation
from spplus.contracts.values import PublicStory

#: Days a network has to answer when its registry entry does not say.
DEFAULT_DEADLINE_DAYS = 15


def default_networks(deadline_days: int) -> list[dict[str, object]]:
    """The registry's first content: one network per code the form's organisations name."""
    codes = sorted({o.network for o in ORGANISATIONS})
    return [
        {"_id": code, "deadline_days": deadline_days, "entities": [], "webhook": None}
        for code in codes
    ]


def network_for(story: PublicStory) -> str | None:
    """The network of the first organisation of the journey that the registry knows."""
    for step in story.journey:
        org = find_organisation(step.organisation)
        if org is not None:
            return org.network
    return None


def entity_for(network: str, story: PublicStory) -> str | None:
    return f"{network}-{story.department}" if story.department else None


def due_at(published_at: datetime, deadline_days: int) -> datetime:
    return published_at + timedelta(days=deadline_days)
