"""A failing message is retried, then dead-lettered with its error; a malformed one at once."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from faststream.kafka import TestKafkaBroker
from pymongo import AsyncMongoClient

from spplus.contracts.events import ExperienceWithdrawn, ExperienceWithdrawnPayload
from spplus.runtime.consumers import subscribe
from spplus.runtime.dead_letters import DeadLetters
from spplus.runtime.kafka import make_broker
from spplus.runtime.mongo import Document
from spplus.runtime.settings import KafkaSettings, ServiceSettings
from spplus.runtime.testing import Stack


def withdrawn(reason: str) -> ExperienceWithdrawn:
    return ExperienceWithdrawn.first(
        ExperienceWithdrawnPayload(
            experience_id=uuid.uuid4(), reason=reason, requested_by="author"
        ),
        producer="test",
    )


@pytest.fixture(
    params=["in-memory", pytest.param("real-broker", marks=pytest.mark.servers)], name="real"
)
def fixture_real(request: pytest.FixtureRequest) -> bool:
    return bool(request.param == "real-broker")


async def test_retries_then_dead_letter_then_the_partition_goes_on(
    real: bool, request: pytest.FixtureRequest
) -> None:
    settings = ServiceSettings(service_name="t", kafka=KafkaSettings(retry_backoff_s=0))
    topic = ExperienceWithdrawn.TOPIC
    if real:  # the same test on the real Kafka, on a topic of its own
        stack: Stack = request.getfixturevalue("stack")
        settings.kafka.bootstrap_servers = stack.kafka
        topic = f"test.dlq.{uuid.uuid4().hex[:8]}"
    broker = make_broker(settings)
    calls: list[str] = []

    async def handler(event: ExperienceWithdrawn, *, deps: Any) -> None:
        calls.append(event.payload.reason)
        if event.payload.reason == "boom":
            raise RuntimeError("database said no")

    subscribe(
        broker, ExperienceWithdrawn, handler, group=f"t{uuid.uuid4().hex}", deps=None, topic=topic
    )
    dead: list[dict[str, Any]] = []

    @broker.subscriber(
        f"{topic}.dlq", group_id=f"d{uuid.uuid4().hex}", auto_offset_reset="earliest"
    )
    async def on_dead(body: dict[str, Any]) -> None:
        dead.append(body)

    async with TestKafkaBroker(broker, with_real=real) as br:
        for message in (
            withdrawn("boom").model_dump_json().encode(),
            b'{"not": "an event"}',
            withdrawn("fine").model_dump_json().encode(),
        ):
            await br.publish(message, topic=topic, key=b"same-story")
        for _ in range(300 if real else 0):
            if len(dead) == 2 and "fine" in calls:
                break
            await asyncio.sleep(0.1)

    assert calls == ["boom", "boom", "boom", "fine"]
    assert [d["payload"]["attempts"] for d in dead] == [3, 1]
    assert "database said no" in dead[0]["payload"]["error"]
    assert "ValidationError" in dead[1]["payload"]["error"]
    assert dead[1]["payload"]["value"] == '{"not": "an event"}'
    assert dead[0]["payload"]["source_topic"] == topic


async def test_dead_letters_are_replayed_into_their_handler_once(stack: Stack) -> None:
    """A handler fails until a switch is flipped: its messages go to the dead-letter topic;
    after the flip a replay hands each to the handler once, and a second replay does nothing."""
    name = f"dl{uuid.uuid4().hex[:8]}"
    settings = ServiceSettings(
        service_name=name,
        kafka=KafkaSettings(retry_backoff_s=0, bootstrap_servers=stack.kafka),
    )
    topic = f"spplus.test.{name}.v1"
    broker = make_broker(settings)
    broken = True
    handled: list[uuid.UUID] = []

    async def handler(event: ExperienceWithdrawn, *, deps: Any) -> None:
        if broken:
            raise RuntimeError("the database is down")
        handled.append(event.event_id)

    subscribe(broker, ExperienceWithdrawn, handler, group=f"spplus.{name}", deps=None, topic=topic)
    sent = [withdrawn("one"), withdrawn("two")]
    client: AsyncMongoClient[Document] = AsyncMongoClient(stack.mongo_url, tz_aware=True)
    letters = DeadLetters(name, settings.kafka, client[f"test_{name}"]["dead_letters"])
    try:
        async with TestKafkaBroker(broker, with_real=True) as br:
            for event in sent:
                await br.publish(event.model_dump_json().encode(), topic=topic, key=b"k")
            for _ in range(300):
                if len(await letters.letters(f"{topic}.dlq")) == 2:
                    break
                await asyncio.sleep(0.2)
        waiting = await letters.letters(f"{topic}.dlq")
        assert [x["status"] for x in waiting] == ["waiting", "waiting"]
        assert "the database is down" in waiting[0]["error"] and waiting[0]["age_s"] >= 0
        assert handled == []

        still = await letters.replay(f"{topic}.dlq", by="admin@test")  # not fixed yet
        assert [x["outcome"] for x in still] == ["failed", "failed"]
        broken = False  # the bug is fixed
        done = await letters.replay(f"{topic}.dlq", by="admin@test")
        assert [x["outcome"] for x in done] == ["replayed", "replayed"]
        assert sorted(map(str, handled)) == sorted(str(e.event_id) for e in sent)
        assert await letters.replay(f"{topic}.dlq", by="admin@test") == []  # twice: once
        after = await letters.letters(f"{topic}.dlq")
        assert {x["status"] for x in after} == {"replayed"} and after[0][
            "handled_by"
        ] == "admin@test"
        assert await letters.drop(f"{topic}.dlq", after[0]["id"], by="a", reason="done") is False
        assert len(handled) == 2
    finally:
        await client.drop_database(f"test_{name}")
        await client.close()
