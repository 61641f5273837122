"""The right to be forgotten, end to end: an author asks it from their link, and no store and no
topic of the platform holds their email, their postal code or their raw text any more. On the
two topics that carried them they were sealed with the story's own key, which erasure deletes:
the records stay until retention or compaction, unreadable."""

from __future__ import annotations

import asyncio
import json
import re

import httpx
import pytest
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from pymongo import AsyncMongoClient, MongoClient

from spplus.contracts import events
from spplus.runtime.dead_letters import read_to_end
from spplus.runtime.settings import KafkaSettings
from spplus.runtime.testing import ServiceProcess, Stack
from spplus.runtime.vault import Shredded, Vault
from tests.e2e.helpers import eventually, mails_to, story

pytestmark = pytest.mark.e2e

PHONE = "06 47 18 92 35"
POSTAL_CODE = "29242"  # Ouessant: no other test story lives there


def every_record(bootstrap: str) -> list[tuple[str, bytes | None, bytes | None]]:
    """(topic, key, value) of every record of every `spplus.` topic, up to its end now."""
    kafka = KafkaSettings(bootstrap_servers=bootstrap)
    return [(r.topic, r.key, r.value) for r in asyncio.run(read_to_end(kafka))]


def topic_config(bootstrap: str, topic: str) -> dict[str, str]:
    async def run() -> dict[str, str]:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **KafkaSettings().client_options())
        await admin.start()
        try:
            answer = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])
            return {name: value for name, value, *_ in answer[0].resources[0][4]}
        finally:
            await admin.close()

    return asyncio.run(run())


async def openable(mongo_url: str, prefix: str, item_id: str, sealed: list[str]) -> list[bool]:
    """Whether each sealed value still opens with the vault's key for `item_id`."""
    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(mongo_url)
    vault = Vault.beside(client["admin"], prefix)
    out = []
    try:
        for value in sealed:
            try:
                await vault.open(item_id, value)
                out.append(True)
            except Shredded:
                out.append(False)
    finally:
        await client.close()
    return out


def stored_anywhere(mongo_url: str, needles: list[str]) -> list[str]:
    """`database.collection: needle` for every stored document that holds one of `needles`."""
    hits = []
    with MongoClient(mongo_url) as client:
        for name in client.list_database_names():
            db = client[name]
            for collection in db.list_collection_names():
                for doc in db[collection].find():
                    text = json.dumps(doc, default=str, ensure_ascii=False)
                    hits += [f"{name}.{collection}: {n}" for n in needles if n in text]
    return hits


def test_an_author_who_asks_to_be_forgotten_leaves_nothing_behind(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    description = f"{story()['description'][:600]} Pour me joindre, l'agent avait noté mon {PHONE}."
    body = story(description=description)
    body["author"].update(postal_code=POSTAL_CODE, city="Ouessant")
    author = body["author"]["email"]
    posted = httpx.post(f"{platform['intake'].url}/api/v1/experiences", json=body, timeout=10)
    assert posted.status_code == 202, posted.text
    experience_id = posted.json()["id"]
    # Moderation removed the phone number and tells the author (72 h to object).
    notice = eventually(lambda: mails_to(stack.smtp_http, author, "notice"), timeout=60)[0]
    link = re.search(r"https?://\S+/api/v1/authors/[^\s?\"<>]+", notice["text"])
    assert link, notice["text"]
    # the postal code as a stored value (five digits alone also occur inside numbers and ids)
    needles = [author, f'"{POSTAL_CODE}"', PHONE, description]
    assert stored_anywhere(stack.mongo_url, needles)  # the test can see them: it would fail

    forgotten = httpx.post(f"{link.group()}/forget", json={"keep_published": False}, timeout=5)
    assert forgotten.status_code == 202, forgotten.text
    assert forgotten.json()["status"] == "erased" and forgotten.json()["actions"] == []
    again = httpx.post(f"{link.group()}/forget", json={}, timeout=5)
    assert again.status_code == 202 and again.json() == forgotten.json()

    # Every store of every service, every collection, every document.
    eventually(lambda: not stored_anywhere(stack.mongo_url, needles) or None, timeout=30)
    case = httpx.get(
        f"{platform['moderation'].url}/api/v1/cases/{experience_id}",
        headers={"Authorization": _moderator()},
        timeout=5,
    ).json()
    assert case["status"] == "withdrawn"
    assert [a["action"] for a in case["audit"]][-1] == "erased"  # what was done, and when

    # Every record of every topic: none holds them in clear.
    records = every_record(stack.kafka)
    leaks = [
        (topic, needle)
        for topic, _, value in records
        if value
        for needle in needles
        if needle in value.decode()
    ]
    assert leaks == []
    # The two that carried them sealed cannot be opened any more: the story's key is gone.
    sealed = [
        json.loads(v)["payload"]["sealed"]
        for t, k, v in records
        if v
        and k == experience_id.encode()
        and t in (events.ExperienceSubmitted.TOPIC, events.AuthorContactRecorded.TOPIC)
    ]
    assert len(sealed) == 2
    prefix = platform["intake"].env["SPPLUS_MONGO_DATABASE_PREFIX"]
    assert asyncio.run(openable(stack.mongo_url, prefix, experience_id, sealed)) == [False, False]
    # And the records themselves go: the raw-text topic keeps 7 days, the contact topic's last
    # word on this story is a tombstone, compacted within a day.
    contact = [
        v
        for t, k, v in records
        if t == events.AuthorContactRecorded.TOPIC and k == experience_id.encode()
    ]
    assert contact and contact[-1] is None
    config = topic_config(stack.kafka, events.ExperienceSubmitted.TOPIC)
    assert int(config["retention.ms"]) <= 7 * 24 * 3600 * 1000
    config = topic_config(stack.kafka, events.AuthorContactRecorded.TOPIC)
    assert "compact" in config["cleanup.policy"]
    assert int(config["max.compaction.lag.ms"]) <= 24 * 3600 * 1000

    # Nothing more is sent to the address; the link says what was done.
    page = httpx.get(link.group(), timeout=5).json()
    assert page["status"] == "erased" and page["kept_published"] is False


def _moderator() -> str:
    from tests.e2e.test_notifications import bearer

    return bearer(["moderator"], name="Mo")["Authorization"]


def test_the_receipt_s_delete_link_opens_a_page_and_only_its_button_erases(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    """« Vous n'avez pas envoyé ce récit ? » — someone whose address was typed by another."""
    body = story()
    author = body["author"]["email"]
    posted = httpx.post(f"{platform['intake'].url}/api/v1/experiences", json=body, timeout=10)
    assert posted.status_code == 202, posted.text
    receipt = eventually(lambda: mails_to(stack.smtp_http, author, "received"), timeout=60)[0]
    assert "Vous n'avez pas envoyé ce récit ?" in receipt["text"]
    found = re.search(r"https?://\S+/api/v1/authors/[^\s?\"<>]+/forget", receipt["text"])
    assert found, receipt["text"]
    page = httpx.get(found.group(), timeout=5)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "<form" in page.text
    httpx.get(found.group(), timeout=5)  # a mail scanner opens it again: nothing happens
    follow = found.group().removesuffix("/forget")
    assert httpx.get(follow, timeout=5).json()["status"] != "erased"

    done = httpx.post(f"{found.group()}/confirm", data={}, timeout=5)
    assert done.status_code == 200 and "supprimés" in done.text
    assert httpx.get(follow, timeout=5).json()["status"] == "erased"
    eventually(lambda: not stored_anywhere(stack.mongo_url, [author]) or None, timeout=30)
