"""What the end-to-end tests do as a person would: post a story, read, wait, check mail."""

from __future__ import annotations

import asyncio
import json
import random
import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from pymongo import MongoClient

from spplus.contracts import Envelope
from spplus.runtime.settings import KafkaSettings
from spplus.runtime.testing import ServiceProcess

T = TypeVar("T")


# Sentences of clean, publishable stories; each test story draws its own mix, so that the
# moderation engine does not take two test stories for duplicates of each other.
_OPENINGS = [
    "J'ai pris rendez-vous en ligne pour renouveler ma carte d'identité.",
    "J'ai demandé le renouvellement de mon passeport avant un voyage.",
    "Je devais refaire ma carte d'identité après un déménagement.",
    "J'ai fait une pré-demande en ligne pour mon passeport.",
]
_MIDDLES = [
    "Le jour venu, l'accueil a été aimable et le dossier était complet.",
    "Au guichet, on m'a expliqué chaque étape sans me presser.",
    "Les empreintes ont été prises en quelques minutes.",
    "La salle d'attente était calme et le rendez-vous à l'heure.",
    "Un agent a vérifié mes justificatifs et m'a rassuré sur les délais.",
    "Le site indiquait clairement les pièces à apporter.",
    "J'ai reçu un SMS quand le titre était prêt.",
    "Le retrait n'a pris que cinq minutes.",
]
_WORDS = (
    "dossier guichet délai attestation rendez-vous formulaire justificatif photo empreintes "
    "signature récépissé timbre courrier accueil agent file attente mairie préfecture titre "
    "carte passeport adresse domicile semaine matin après-midi numéro ticket borne écran "
    "question réponse conseil aide démarche site compte message téléphone pièce copie "
    "original mois jour heure minute bureau étage porte couloir chaise banc"
).split()
_ENDINGS = [
    "Une démarche simple, merci.",
    "Je recommande de préparer la pré-demande avant de venir.",
    "Tout s'est bien passé du début à la fin.",
    "Bravo pour cette organisation.",
]


def story(**overrides: Any) -> dict[str, Any]:
    rng = random.Random(uuid.uuid4().int)
    middle = rng.sample(_MIDDLES, 3)
    # Two sentences of its own: no two test stories look alike.
    details = [f"J'avais noté : {', '.join(rng.sample(_WORDS, 9))}." for _ in range(2)]
    description = " ".join(
        [
            rng.choice(_OPENINGS),
            *middle,
            *details,
            f"Le titre est arrivé en {rng.randint(2, 40)} jours.",
            rng.choice(_ENDINGS),
        ]
    )[:1000]
    body: dict[str, Any] = {
        "title": "Renouvellement de titre d'identité",
        "description": description,
        "feeling": "positive",
        "experience_date": "2026-10-15",
        "journey": [
            {
                "organisation": "ANTS",
                "channels": [
                    {"channel": "website", "feeling": "positive"},
                    {"channel": "counter", "feeling": "positive"},
                ],
            }
        ],
        "author": {
            "email": f"auteur-{uuid.uuid4().hex[:8]}@example.org",
            "postal_code": "69003",
            "city": "Lyon",
            "pseudonym": "Camille",
        },
        "consent": True,
    }
    body.update(overrides)
    return body


def eventually(probe: Callable[[], T | None], timeout: float = 30.0, every: float = 0.3) -> T:
    """The probe's first truthy answer; fails with the last answer after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last: T | None = None
    while time.monotonic() < deadline:
        last = probe()
        if last:
            return last
        time.sleep(every)
    raise AssertionError(f"not true after {timeout:.0f}s (last: {last!r})")


def mails_to(smtp_http: str, address: str, template: str | None = None) -> list[dict[str, Any]]:
    """The emails the sink received for `address` (only those of `template` if given), in the
    order they arrived."""
    r = httpx.get(f"{smtp_http}/api/messages", params={"to": address}, timeout=5)
    r.raise_for_status()
    data = r.json()
    items = data["messages"] if isinstance(data, dict) else data
    return [
        m
        for m in items
        if address in " ".join(m.get("rcpt_tos", []))
        and (template is None or m["headers"].get("X-Spplus-Template") == template)
    ]


def handled(instance: ServiceProcess, handler: str) -> float:
    """How many events `handler` of this service instance has handled (its metrics)."""
    text = httpx.get(f"{instance.url}/metrics", timeout=5).text
    found = re.search(
        rf'spplus_events_handled_total\{{[^}}]*handler="{handler}"[^}}]*outcome="ok"[^}}]*\}} (\S+)',
        text,
    )
    return float(found.group(1)) if found else 0.0


def published(intake_url: str, experience_id: str) -> dict[str, Any] | None:
    r = httpx.get(f"{intake_url}/api/v1/experiences/{experience_id}", timeout=5)
    return r.json() if r.status_code == 200 else None


def produce(bootstrap: str, *messages: Envelope[Any]) -> None:
    """Put events on their topics, as another service (or a network's system) would."""

    async def run() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, **KafkaSettings().client_options())
        await producer.start()
        try:
            for event in messages:
                key = str(getattr(event.payload, "experience_id", event.event_id)).encode()
                topic = type(event).TOPIC
                if "{code}" in topic:  # one topic per network: the one the payload names
                    topic = topic.format(code=event.payload.network.lower())
                await producer.send_and_wait(topic, event.model_dump_json().encode(), key=key)
        finally:
            await producer.stop()

    asyncio.run(run())


def topic_events(
    bootstrap: str, topic: str, keep: Callable[[dict[str, Any]], bool]
) -> list[dict[str, Any]]:
    """Every event on `topic` from its start to its end as it is now, that `keep` accepts."""

    async def run() -> list[dict[str, Any]]:
        options = KafkaSettings().client_options()
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **options)
        await admin.start()
        try:
            described = await admin.describe_topics([topic])
        finally:
            await admin.close()
        partitions = [
            TopicPartition(topic, p["partition"])
            for t in described
            if t.get("error_code", 0) == 0
            for p in t.get("partitions", ())
        ]
        if not partitions:
            return []
        consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap, enable_auto_commit=False, **options
        )
        await consumer.start()
        found: list[dict[str, Any]] = []
        try:
            consumer.assign(partitions)
            await consumer.seek_to_beginning(*partitions)
            end = await consumer.end_offsets(partitions)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                positions = [await consumer.position(tp) for tp in partitions]
                if all(at >= end[tp] for at, tp in zip(positions, partitions, strict=True)):
                    break
                batch = await consumer.getmany(timeout_ms=500)
                for records in batch.values():
                    found += [  # (a tombstone has no value)
                        e for r in records if r.value and keep(e := json.loads(r.value))
                    ]
        finally:
            await consumer.stop()
        return found

    return asyncio.run(run())


def produce_tombstone(bootstrap: str, topic: str, key: str) -> None:
    """A record without a value: on a compacted topic, "forget this key"."""

    async def run() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, **KafkaSettings().client_options())
        await producer.start()
        try:
            await producer.send_and_wait(topic, None, key=key.encode())
        finally:
            await producer.stop()

    asyncio.run(run())


def _kafka_lag(bootstrap: str) -> int:
    """Records not yet handled by the platform's consumer groups (`spplus.*`), all topics."""

    async def run() -> int:
        options = KafkaSettings().client_options()
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **options)
        consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, **options)
        await admin.start()
        await consumer.start()
        try:
            groups = [
                g[0] for g in await admin.list_consumer_groups() if g[0].startswith("spplus.")
            ]
            committed: dict[Any, int] = {}
            for group in groups:
                for tp, meta in (await admin.list_consumer_group_offsets(group)).items():
                    committed[(group, tp)] = meta.offset
            ends = await consumer.end_offsets(list({tp for _, tp in committed}))
            return sum(max(0, ends[tp] - offset) for (_, tp), offset in committed.items())
        finally:
            await consumer.stop()
            await admin.close()

    return asyncio.run(run())


#: How far ahead a delivery counts as work still to do: the test environment's longest retry
#: back-off (4 s) and send-lock lease (6 s), with a margin. An email retried after a
#: temporary failure, or held by a lock, is due a few seconds from now, not now.
SOON = timedelta(seconds=10)


def _pending_writes(mongo_url: str, prefix: str) -> int:
    """Events still queued in an outbox, and deliveries due now or within `SOON`, in the
    platform's databases (a delivery waiting an hour for an address is not work to wait for)."""
    now = datetime.now(UTC) + SOON
    with MongoClient(mongo_url, tz_aware=True) as client:
        pending = 0
        for name in client.list_database_names():
            if not name.startswith(prefix):
                continue
            db = client[name]
            pending += db["outbox_queue"].count_documents({})
            if name.endswith("notifications"):
                pending += db["due"].count_documents({"at": {"$lte": now}})
        return pending


def quiet(platform: dict[str, ServiceProcess], timeout: float = 30.0) -> None:
    """Wait until the platform has nothing left to do: every record handled by every consumer
    group, no event waiting in an outbox, no email due. What a test checks did *not* happen
    (a second email, a second draft) would have happened by then: no fixed sleep."""
    env = next(iter(platform.values())).env
    bootstrap = env["SPPLUS_KAFKA_BOOTSTRAP_SERVERS"]
    mongo_url, prefix = env["SPPLUS_MONGO_URL"], env["SPPLUS_MONGO_DATABASE_PREFIX"]
    deadline = time.monotonic() + timeout
    calm = 0
    while time.monotonic() < deadline:
        if _pending_writes(mongo_url, prefix) == 0 and _kafka_lag(bootstrap) == 0:
            calm += 1
            if calm == 2:  # twice in a row: a handler that just read a record has written it
                return
        else:
            calm = 0
        time.sleep(0.3)
    raise AssertionError(f"the platform still had work after {timeout:.0f}s")
