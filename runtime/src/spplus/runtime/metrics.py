"""Prometheus metrics every service exposes on `/metrics`, beside the HTTP ones.

- `spplus_events_handled_total{service,handler,outcome}` and `spplus_event_handling_seconds`:
  each consumed event, by handler, `ok` or `error` (an error is retried, then dead-lettered);
- `spplus_dead_letters_total{service,topic}`: messages this service sent to a `.dlq` topic;
- `spplus_consumer_lag{service,group,topic}`: records not yet handled by a consumer group;
- `spplus_dlq_size{service,topic}`: records in the `.dlq` twin of each topic the service reads;
- `spplus_partitions_assigned{service,group,topic}`: the partitions this instance holds now (with
  several instances in a group, they share them; the figure moves at each rebalance);
- `spplus_db_commands_total{service,command,collection}` and `spplus_db_command_seconds`: every
  database command the service sends (where the database's time goes, by collection).
Lag and DLQ sizes are measured every `SPPLUS_METRICS_INTERVAL_S` by a small Kafka admin client.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from typing import Any

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from prometheus_client import Counter, Gauge, Histogram
from pymongo import monitoring

from spplus.contracts import dlq_topic

from .logging import get_logger

log = get_logger(__name__)

HANDLED = Counter(
    "spplus_events_handled_total",
    "Events handled by a consumer",
    ["service", "handler", "outcome"],
)
HANDLING = Histogram(
    "spplus_event_handling_seconds",
    "Time to handle one event",
    ["service", "handler"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
DEAD_LETTERS = Counter(
    "spplus_dead_letters_total", "Messages sent to a dead-letter topic", ["service", "topic"]
)
LAG = Gauge(
    "spplus_consumer_lag", "Records not yet handled by a group", ["service", "group", "topic"]
)
DLQ_SIZE = Gauge("spplus_dlq_size", "Records in a dead-letter topic", ["service", "topic"])
DLQ_OLDEST = Gauge(
    "spplus_dlq_oldest_age_seconds",
    "Age of the oldest record in a dead-letter topic (0 when empty)",
    ["service", "topic"],
)
ASSIGNED = Gauge(
    "spplus_partitions_assigned",
    "Partitions this instance holds",
    ["service", "group", "topic"],
)
DB_COMMANDS = Counter(
    "spplus_db_commands_total",
    "Database commands sent",
    ["service", "command", "collection", "outcome"],
)
DB_SECONDS = Histogram(
    "spplus_db_command_seconds",
    "Time of one database command, as seen by the service",
    ["service", "command"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)


class DatabaseCommands(monitoring.CommandListener):
    """Counts and times every command a MongoDB client sends (pymongo's command monitoring)."""

    def __init__(self, service: str) -> None:
        self.service = service
        self._started: dict[int, tuple[str, str]] = {}

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        target = event.command.get(event.command_name)
        collection = target if isinstance(target, str) else ""
        self._started[event.request_id] = (event.command_name, collection)

    def _done(self, event: Any, outcome: str) -> None:
        command, collection = self._started.pop(event.request_id, (event.command_name, ""))
        DB_COMMANDS.labels(self.service, command, collection, outcome).inc()
        DB_SECONDS.labels(self.service, command).observe(event.duration_micros / 1e6)

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        self._done(event, "ok")

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        self._done(event, "error")


class AssignedPartitions(ConsumerRebalanceListener):
    """Keeps `spplus_partitions_assigned` up to date for one subscriber."""

    def __init__(self, service: str, group: str, topic: str) -> None:
        self.gauge = ASSIGNED.labels(service, group, topic)
        self.topic = topic
        self.held: set[TopicPartition] = set()
        self.gauge.set(0)

    async def on_partitions_revoked(self, revoked: Any) -> None:
        self.held -= set(revoked)
        self.gauge.set(sum(1 for tp in self.held if tp.topic == self.topic))

    async def on_partitions_assigned(self, assigned: Any) -> None:
        self.held |= set(assigned)
        self.gauge.set(sum(1 for tp in self.held if tp.topic == self.topic))


#: (group, topic) of every subscriber of this process, filled by `consumers.subscribe`.
SUBSCRIPTIONS: set[tuple[str, str]] = set()


class KafkaGauges:
    """Measures consumer lag and dead-letter topic sizes for this service's subscriptions."""

    def __init__(self, service: str, bootstrap: str, **client_options: Any) -> None:
        self.service = service
        self.bootstrap = bootstrap
        self._options = client_options
        self._admin: AIOKafkaAdminClient | None = None
        self._consumer: AIOKafkaConsumer | None = None

    async def _clients(self) -> tuple[AIOKafkaAdminClient, AIOKafkaConsumer]:
        if self._admin is None or self._consumer is None:
            self._admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap, **self._options)
            await self._admin.start()
            self._consumer = AIOKafkaConsumer(bootstrap_servers=self.bootstrap, **self._options)
            await self._consumer.start()
        return self._admin, self._consumer

    async def measure(self) -> None:
        admin, consumer = await self._clients()
        await consumer._client.force_metadata_update()
        known = set(consumer._client.cluster.topics())
        # A subscription by pattern (one topic per network) covers every topic it matches.
        covers = {
            topic: ({t for t in known if re.fullmatch(topic, t)} if _is_pattern(topic) else {topic})
            for _, topic in SUBSCRIPTIONS
        }
        real = set().union(*covers.values()) if covers else set()
        wanted = real | {dlq_topic(t) for t in real}
        partitions = [
            TopicPartition(t, p) for t in wanted for p in (consumer.partitions_for_topic(t) or ())
        ]
        if not partitions:
            return
        ends = await consumer.end_offsets(partitions)
        starts = await consumer.beginning_offsets(partitions)
        now_ms = time.time() * 1000
        for topic, matched in covers.items():
            dlqs = {dlq_topic(t) for t in matched}
            kept = [tp for tp in partitions if tp.topic in dlqs and ends[tp] > starts[tp]]
            DLQ_SIZE.labels(self.service, topic).set(sum(ends[tp] - starts[tp] for tp in kept))
            # the first record still kept in each partition, and when it was written
            firsts = await consumer.offsets_for_times({tp: 0 for tp in kept}) if kept else {}
            oldest = min((f.timestamp for f in firsts.values() if f is not None), default=None)
            DLQ_OLDEST.labels(self.service, topic).set(
                max(0.0, (now_ms - oldest) / 1000) if oldest is not None else 0.0
            )
        for group, topic in SUBSCRIPTIONS:
            committed: dict[TopicPartition, Any] = await admin.list_consumer_group_offsets(group)
            lag = 0
            for tp in partitions:
                if tp.topic not in covers[topic]:
                    continue
                done = committed.get(tp)
                handled = done.offset if done is not None and done.offset >= 0 else starts[tp]
                # The end offsets are read before the commits: a record produced and handled in
                # between would make the difference negative. A lag is never below zero.
                lag += max(0, ends[tp] - handled)
            LAG.labels(self.service, group, topic).set(lag)

    async def close(self) -> None:
        for client in (self._admin, self._consumer):
            if client is not None:
                with contextlib.suppress(Exception):
                    await client.close() if isinstance(
                        client, AIOKafkaAdminClient
                    ) else await client.stop()


def _is_pattern(topic: str) -> bool:
    return "\\" in topic or "[" in topic


async def measure_forever(gauges: KafkaGauges, interval_s: float) -> None:
    while True:
        try:
            await gauges.measure()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # metrics must never take a service down
            log.warning("could not measure consumer lag", error=repr(exc)[:200])
        await asyncio.sleep(interval_s)
