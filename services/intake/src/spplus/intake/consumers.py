"""Intake's subscribers: the public read model follows what moderation and responses publish."""

from __future__ import annotations

from faststream.kafka import KafkaBroker
from spplus.runtime.consumers import subscribe_table

from .handlers import EVENT_HANDLERS, IntakeDeps


def register(broker: KafkaBroker, deps: IntakeDeps) -> None:
    subscribe_table(broker, EVENT_HANDLERS, group="spplus.intake", deps=deps)
