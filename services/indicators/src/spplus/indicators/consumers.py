"""Indicators' subscribers."""

from __future__ import annotations

from faststream.kafka import KafkaBroker
from spplus.runtime.consumers import subscribe_table

from .handlers import EVENT_HANDLERS, IndicatorsDeps


def register(broker: KafkaBroker, deps: IndicatorsDeps) -> None:
    subscribe_table(broker, EVENT_HANDLERS, group="spplus.indicators", deps=deps)
