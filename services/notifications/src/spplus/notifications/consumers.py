"""Notifications' subscribers."""

from __future__ import annotations

from faststream.kafka import KafkaBroker
from spplus.runtime.consumers import subscribe_table

from .handlers import EVENT_HANDLERS, NotificationsDeps


def register(broker: KafkaBroker, deps: NotificationsDeps) -> None:
    subscribe_table(broker, EVENT_HANDLERS, group="spplus.notifications", deps=deps)
