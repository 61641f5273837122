"""Subscribing handlers to their topics: one way for every service."""

# No `from __future__ import annotations` here: FastStream reads the handler's annotation at
# definition time to build the message model, and that annotation is a variable.

import inspect
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import structlog
from faststream import Context
from faststream.kafka import KafkaBroker
from faststream.kafka.message import KafkaMessage

from spplus.contracts import Envelope, topic_pattern

from .dead_letters import REPLAYERS, Replayer
from .kafka import SUBSCRIBER_DEFAULTS
from .metrics import HANDLED, HANDLING, SUBSCRIPTIONS, AssignedPartitions

Handler = Callable[..., Awaitable[None]]
_MESSAGE = Context("message")  # FastStream injects the raw Kafka message here
#: Called with the record's key (and `deps`) when a compacted topic carries a tombstone.
TombstoneHandler = Callable[..., Awaitable[None]]


def subscribe(
    broker: KafkaBroker,
    event_cls: type[Envelope[Any]],
    handler: Handler,
    *,
    group: str,
    deps: Any,
    topic: str | None = None,
    on_tombstone: TombstoneHandler | None = None,
    workers: int = 1,
) -> None:
    """Consume `event_cls` from its topic and call `handler(event, deps=deps)`.

    `workers` > 1: that many consumers of the group in this process, each handling the
    partitions it holds one event at a time (so a story's events keep their order, and an
    offset is committed only once its event is handled), side by side: for a handler that
    mostly waits on the database.

    The offset is committed only once the handler returned: every handler is idempotent by
    itself (an event handled twice has one effect). Failures are retried, then dead-lettered
    (see `kafka.py`).
    With `on_tombstone`, a record without a value (compacted topics: "forget this key") calls
    `on_tombstone(key, deps=deps)` instead of being dead-lettered as malformed.
    """
    name = f"{group}.{handler.__name__}"
    doc = (handler.__doc__ or "").strip().splitlines()
    service = group.split(".")[1] if group.count(".") >= 1 else group
    topic = topic or event_cls.TOPIC
    # A `{code}` topic is one per network: subscribe to them all by pattern, and hand the
    # record's topic to the handler (`topic=`), which names the network.
    pattern = topic_pattern(topic) if "{code}" in topic else None
    SUBSCRIPTIONS.add((name, pattern or topic))
    handled = HANDLING.labels(service, handler.__name__)
    wants_topic = "topic" in inspect.signature(handler).parameters

    async def replay(event: Envelope[Any], record_topic: str) -> None:
        if wants_topic:
            await handler(event, deps=deps, topic=record_topic)
        else:
            await handler(event, deps=deps)

    REPLAYERS.setdefault(service, []).append(Replayer(topic, event_cls, replay))

    async def consume(
        message: event_cls,  # type: ignore[valid-type]
        msg: KafkaMessage = _MESSAGE,
    ) -> None:
        event: Envelope[Any] = message
        with structlog.contextvars.bound_contextvars(
            correlation_id=str(event.correlation_id),
            event_type=event.event_type,
            event_id=str(event.event_id),
        ):
            started = time.perf_counter()
            try:
                if wants_topic:
                    await handler(event, deps=deps, topic=msg.raw_message.topic)  # type: ignore[union-attr]
                else:
                    await handler(event, deps=deps)
            except Exception:
                HANDLED.labels(service, handler.__name__, "error").inc()
                raise
            handled.observe(time.perf_counter() - started)
            HANDLED.labels(service, handler.__name__, "ok").inc()

    if on_tombstone is not None:
        typed = consume

        async def consume_or_forget(body: Any, msg: KafkaMessage = _MESSAGE) -> None:
            if msg.raw_message.value is None or body in (b"", None):  # type: ignore[union-attr]
                key = msg.raw_message.key  # type: ignore[union-attr]
                with structlog.contextvars.bound_contextvars(event_type="tombstone"):
                    await on_tombstone((key or b"").decode("utf-8", "replace"), deps=deps)
                return
            await typed(event_cls.model_validate(body), msg)

        consume = consume_or_forget  # type: ignore[assignment]

    consume.__name__ = handler.__name__
    where: dict[str, Any] = {"pattern": pattern} if pattern else {}
    broker.subscriber(
        *(() if pattern else (topic,)),
        **where,
        group_id=name,
        title=name,
        description=doc[0] if doc else f"{handler.__name__} on {event_cls.__name__}",
        listener=AssignedPartitions(service, name, pattern or topic),
        **SUBSCRIBER_DEFAULTS,
        **_fetch_options(deps),
        **_workers(workers),
    )(consume)


def _workers(workers: int) -> dict[str, Any]:
    return {"max_workers": workers} if workers > 1 else {}


def _fetch_options(deps: Any) -> dict[str, Any]:
    """The consumers' fetch settings, from the service's Kafka settings when it has them."""
    kafka = getattr(getattr(deps, "settings", None), "kafka", None)
    wait = getattr(kafka, "fetch_max_wait_ms", None)
    return {"fetch_max_wait_ms": wait} if isinstance(wait, int) else {}


def subscribe_table(
    broker: KafkaBroker,
    table: Mapping[type[Envelope[Any]], Handler],
    *,
    group: str,
    deps: Any,
    tombstones: Mapping[type[Envelope[Any]], TombstoneHandler] | None = None,
    workers: Mapping[Handler, int] | None = None,
) -> None:
    """Subscribe every handler of a service's event table (`tombstones`: the handlers of
    compacted topics' tombstones, by event class)."""
    for event_cls, handler in table.items():
        subscribe(
            broker,
            event_cls,
            handler,
            group=group,
            deps=deps,
            on_tombstone=(tombstones or {}).get(event_cls),
            workers=(workers or {}).get(handler, 1),
        )
