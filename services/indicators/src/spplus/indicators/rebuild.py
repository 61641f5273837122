"""`spplus-indicators rebuild`: the facts again, from offset zero of every topic.

    spplus-indicators rebuild [--database NAME] [--as-of ISO-DATETIME] [--print]

Reads every topic the service consumes from its first offset up to the end it has when the command
starts, and writes one fact per event into the database (the service's own by default: stop the
service first; its consumer groups then go on from where they were, and any event read twice is
one fact). With `--database`, the facts go to another database, which the live one is not touched
by: that is how a rebuild is compared with the live figures. `--print` writes the all-time figures
(as of `--as-of`, default now) as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import datetime
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from pydantic import ValidationError

from spplus.runtime import clock
from spplus.runtime.mongo import make_mongo

from .handlers import EVENT_HANDLERS, IndicatorsDeps, fact_of
from .settings import IndicatorsSettings
from .store import IndicatorsStore


async def rebuild(
    settings: IndicatorsSettings, database: str | None = None
) -> tuple[IndicatorsDeps, dict[str, int]]:
    client = make_mongo(settings)
    name = database or f"{settings.mongo.database_prefix}{settings.service_name}"
    store = IndicatorsStore(client[name])
    await store.clear()
    await store.ensure_indexes()
    deps = IndicatorsDeps(settings=settings, store=store, kick_relay=lambda: None)
    by_topic = {cls.TOPIC: cls for cls in EVENT_HANDLERS}
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka.bootstrap_servers,
        enable_auto_commit=False,
        **settings.kafka.client_options(),
    )
    counts = {"records": 0, "facts": 0, "skipped": 0}
    await consumer.start()
    try:
        partitions = [
            TopicPartition(topic, p)
            for topic in by_topic
            for p in sorted(
                consumer.partitions_for_topic(topic) or await _partitions(consumer, topic)
            )
        ]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        remaining = {tp for tp, end in ends.items() if end > 0}
        while remaining:
            batch = await consumer.getmany(*remaining, timeout_ms=1000)
            for tp, records in batch.items():
                for record in records:
                    if record.offset >= ends[tp]:
                        continue
                    counts["records"] += 1
                    try:
                        event = by_topic[tp.topic].model_validate_json(record.value or b"")
                    except ValidationError:
                        counts["skipped"] += 1  # a tombstone or a malformed record
                        continue
                    fact = fact_of(event)
                    if fact is not None:
                        await store.record(fact)
                        counts["facts"] += 1
            for tp in list(remaining):
                if await consumer.position(tp) >= ends[tp]:
                    remaining.discard(tp)
    finally:
        await consumer.stop()
    return deps, counts


async def _partitions(consumer: AIOKafkaConsumer, topic: str) -> set[int]:
    await consumer._client.force_metadata_update()  # a topic not seen yet by this client
    return consumer.partitions_for_topic(topic) or set()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="spplus-indicators rebuild")
    parser.add_argument("--database", help="rebuild into this database (default: the service's)")
    parser.add_argument("--as-of", type=datetime.fromisoformat, help="figures as of this moment")
    parser.add_argument("--print", action="store_true", help="print the all-time figures as JSON")
    args = parser.parse_args(argv)
    settings = IndicatorsSettings()

    async def run() -> dict[str, Any]:
        deps, counts = await rebuild(settings, args.database)
        out: dict[str, Any] = {"counts": counts}
        if args.print:
            as_of = args.as_of or clock.now()
            out["figures"] = await deps.figures(as_of=as_of, public=False)
        return out

    result = asyncio.run(run())
    print(json.dumps(result, default=str, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
