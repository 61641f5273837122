"""Contracts of Services Publics +: the event envelope, the v1 events, topics, the public API."""

from .envelope import Envelope, derive_id, utcnow
from .events import *  # noqa: F403
from .events import ALL_EVENTS
from .topics import (
    TOPICS,
    dlq_topic,
    network_of,
    network_responses_topic,
    network_topic,
    topic_pattern,
)
from .values import Channel, ChannelUse, Feeling, JourneyStep, PublicStory

__all__ = [
    "ALL_EVENTS",
    "TOPICS",
    "Channel",
    "ChannelUse",
    "Envelope",
    "Feeling",
    "JourneyStep",
    "PublicStory",
    "derive_id",
    "dlq_topic",
    "network_of",
    "network_responses_topic",
    "network_topic",
    "topic_pattern",
    "utcnow",
]
