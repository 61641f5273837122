"""Topic names, in one place."""

from __future__ import annotations

import re

from .events import ALL_EVENTS, DeadLetter, NetworkExperienceAssigned, ResponseSubmitted

#: Every fixed topic of the platform (network topics and DLQs are derived from these).
TOPICS: tuple[str, ...] = tuple(e.TOPIC for e in ALL_EVENTS if "{" not in e.TOPIC)

_NETWORK_CODE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def network_topic(code: str) -> str:
    """The topic a network's own responder system reads: `spplus.network.<code>.experiences.v1`."""
    if not _NETWORK_CODE.match(code):
        raise ValueError(f"invalid network code: {code!r}")
    return NetworkExperienceAssigned.TOPIC.format(code=code.lower())


def network_responses_topic(code: str) -> str:
    """The topic a network's own system writes its answers to:
    `spplus.network.<code>.responses.v1`."""
    if not _NETWORK_CODE.match(code):
        raise ValueError(f"invalid network code: {code!r}")
    return ResponseSubmitted.TOPIC.format(code=code.lower())


def topic_pattern(template: str) -> str:
    """The regular expression of the topics a `{code}` template names (for a subscription;
    anchored: a subscription matches from the start only, and `<topic>.dlq` is not one)."""
    return re.escape(template).replace(re.escape("{code}"), "[a-z0-9_-]+") + "$"


def network_of(topic: str, template: str) -> str | None:
    """The network code (upper case) a topic of `template` belongs to, or None."""
    match = re.fullmatch(re.escape(template).replace(re.escape("{code}"), "([a-z0-9_-]+)"), topic)
    return match.group(1).upper() if match else None


def dlq_topic(topic: str) -> str:
    return DeadLetter.TOPIC.format(source=topic)
