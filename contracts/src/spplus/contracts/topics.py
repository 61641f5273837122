"""Topic names, in one place."""

from __future__ import annotations

import re

from .events import ALL_EVENTS, DeadLetter, NetworkExperienceAssigned

#: Every fixed topic of the platform (network topics and DLQs are derived from these).
TOPICS: tuple[str, ...] = tuple(
    e.TOPIC for e in ALL_EVENTS if e not in (NetworkExperienceAssigned, DeadLetter)
)

_NETWORK_CODE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def network_topic(code: str) -> str:
    """The topic a network's own responder system reads: `spplus.network.<code>.experiences.v1`."""
    if not _NETWORK_CODE.match(code):
        raise ValueError(f"invalid network code: {code!r}")
    return NetworkExperienceAssigned.TOPIC.format(code=code.lower())


def dlq_topic(topic: str) -> str:
    return DeadLetter.TOPIC.format(source=topic)
