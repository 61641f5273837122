"""Moderation's subscribers."""

from __future__ import annotations

from faststream.kafka import KafkaBroker
from spplus.runtime.consumers import subscribe_table

from .handlers import EVENT_HANDLERS, ModerationDeps


def register(broker: KafkaBroker, deps: ModerationDeps) -> None:
    subscribe_table(broker, EVENT_HANDLERS, group="spplus.moderation", deps=deps)
