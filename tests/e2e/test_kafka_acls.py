"""Kafka asks who you are and lets you do only your part (the review's reproductions): an
anonymous client reads nothing, a network reads only its own topic and answers only on its own,
and an answer that claims another network is refused whatever its payload says."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import KafkaError

from spplus.contracts import events, network_responses_topic, network_topic
from spplus.runtime.auth import TokenVerifier
from spplus.runtime.settings import AuthSettings, KafkaSettings, dev_kafka_password
from spplus.runtime.testing import ServiceProcess, Stack
from tests.e2e.helpers import eventually, published, quiet, story

pytestmark = pytest.mark.e2e

CONTACT = events.AuthorContactRecorded.TOPIC


def _as(principal: str | None) -> dict[str, Any]:
    if principal is None:
        return {"security_protocol": "PLAINTEXT"}
    return {
        "security_protocol": "SASL_PLAINTEXT",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": principal,
        "sasl_plain_password": dev_kafka_password(principal),
    }


async def _read(bootstrap: str, topic: str, who: dict[str, Any]) -> int | str:
    """How many records `who` reads from `topic` from its start, or the error it gets."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        request_timeout_ms=5000,
        **who,
    )
    try:
        await asyncio.wait_for(consumer.start(), 20)
        got = 0
        deadline = time.monotonic() + 6
        while time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=1000)
            got += sum(len(records) for records in batch.values())
        return got
    except (KafkaError, OSError, TimeoutError) as exc:
        return type(exc).__name__
    finally:
        await consumer.stop()


async def _write(bootstrap: str, topic: str, value: bytes, who: dict[str, Any]) -> str:
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, request_timeout_ms=8000, acks="all", **who
    )
    try:
        await asyncio.wait_for(producer.start(), 20)
        await asyncio.wait_for(producer.send_and_wait(topic, value, key=b"k"), 20)
        return "written"
    except (KafkaError, OSError, TimeoutError) as exc:
        return type(exc).__name__
    finally:
        await producer.stop()


def _answer(network: str, claimed: str, experience_id: uuid.UUID) -> events.ResponseSubmitted:
    return events.ResponseSubmitted(
        producer=f"{network.lower()}-system",
        correlation_id=uuid.uuid4(),
        payload=events.ResponseSubmittedPayload(
            experience_id=experience_id,
            network=claimed,
            external_id=f"acl-{uuid.uuid4().hex[:8]}",
            body="Bonjour,\n\nMerci pour votre retour.\n\nClaire, pour la caisse",
            agent_first_name="Claire",
            organisation_name="Caisse",
        ),
    )


def test_every_client_has_an_identity_and_only_its_rights(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    if KafkaSettings().security_protocol == "PLAINTEXT":
        pytest.skip("this broker asks for no identity (a test container)")
    bootstrap = stack.kafka
    # A story gives author.contact an email to read.
    httpx.post(f"{platform['intake'].url}/api/v1/experiences", json=story(), timeout=10)
    assert eventually(lambda: asyncio.run(_read(bootstrap, CONTACT, _as("admin"))) or None)

    assert asyncio.run(_read(bootstrap, CONTACT, _as(None))) in (
        0,
        "KafkaConnectionError",
        "TimeoutError",
        "NodeNotReadyError",
        "UnrecognizedBrokerVersion",
    ), "an anonymous client read the authors' emails"
    assert asyncio.run(_read(bootstrap, CONTACT, _as("network-CAF"))) == (
        "TopicAuthorizationFailedError"
    )
    assert asyncio.run(_read(bootstrap, network_topic("URSSAF"), _as("network-CAF"))) == (
        "TopicAuthorizationFailedError"
    )
    assert isinstance(asyncio.run(_read(bootstrap, network_topic("CAF"), _as("network-CAF"))), int)
    assert isinstance(asyncio.run(_read(bootstrap, CONTACT, _as("notifications"))), int)
    assert asyncio.run(_read(bootstrap, CONTACT, _as("routing"))) == (
        "TopicAuthorizationFailedError"
    )

    # Writing: CAF may answer on its own topic only; routing may not publish a story.
    forged = _answer("CAF", "URSSAF", uuid.uuid4())
    assert (
        asyncio.run(
            _write(
                bootstrap,
                network_responses_topic("URSSAF"),
                forged.model_dump_json().encode(),
                _as("network-CAF"),
            )
        )
        == "TopicAuthorizationFailedError"
    )
    assert (
        asyncio.run(
            _write(
                bootstrap,
                events.ExperiencePublished.TOPIC,
                b"{}",
                _as("network-CAF"),
            )
        )
        == "TopicAuthorizationFailedError"
    )

    # On its own topic, an answer that claims URSSAF is refused, and so is one that says CAF for
    # a story assigned to URSSAF; one that says CAF for a story nobody else holds is a draft.
    urssaf_story = httpx.post(
        f"{platform['intake'].url}/api/v1/experiences",
        json=story(journey=[{"organisation": "URSSAF", "channels": []}]),
        timeout=10,
    ).json()["id"]
    assert eventually(lambda: published(platform["intake"].url, urssaf_story), timeout=60)
    quiet(platform)  # routed, and known to responses as URSSAF's
    claims_urssaf, honest, not_its_story = (
        _answer("CAF", "URSSAF", uuid.uuid4()),
        _answer("CAF", "CAF", uuid.uuid4()),
        _answer("CAF", "CAF", uuid.UUID(urssaf_story)),
    )
    for event in (claims_urssaf, honest, not_its_story):
        assert (
            asyncio.run(
                _write(
                    bootstrap,
                    network_responses_topic("CAF"),
                    event.model_dump_json().encode(),
                    _as("network-CAF"),
                )
            )
            == "written"
        )

    def drafts(network: str) -> set[str]:
        token = TokenVerifier(AuthSettings()).issue(
            subject=f"v@{network}", name="V", roles=["validator"], network=network
        )
        listed = httpx.get(
            f"{platform['responses'].url}/api/v1/drafts",
            headers={"Authorization": f"Bearer {token}"},
            timeout=5,
        )
        return {d["experience_id"] for d in listed.json()}

    assert eventually(lambda: str(honest.payload.experience_id) in drafts("CAF"), timeout=30)
    quiet(platform)  # nothing left to do: what did not happen will not
    assert str(claims_urssaf.payload.experience_id) not in drafts("URSSAF") | drafts("CAF")
    assert urssaf_story not in drafts("URSSAF") | drafts("CAF")
