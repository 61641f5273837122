"""What `make chaos` reads at the end of a run: the `published` event ids of each story, the
dead-letter topics' sizes, and the personal data found in the services' logs."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition

from spplus.contracts import TOPICS, dlq_topic
from spplus.contracts.events import ExperiencePublished
from spplus.runtime.settings import KafkaSettings


async def published_event_ids(bootstrap: str, wanted: set[str]) -> dict[str, set[str]]:
    consumer = AIOKafkaConsumer(
        ExperiencePublished.TOPIC,
        bootstrap_servers=bootstrap,
        **KafkaSettings().client_options(),
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    seen: dict[str, set[str]] = defaultdict(set)
    try:
        while batch := await consumer.getmany(timeout_ms=3000):
            for records in batch.values():
                for r in records:
                    e = json.loads(r.value)
                    if e["payload"]["experience_id"] in wanted:
                        seen[e["payload"]["experience_id"]].add(e["event_id"])
    finally:
        await consumer.stop()
    return seen


async def dlq_sizes(bootstrap: str) -> dict[str, int]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, **KafkaSettings().client_options())
    await consumer.start()
    try:
        await consumer._client.force_metadata_update()
        out = {}
        for topic in TOPICS:
            dlq = dlq_topic(topic)
            parts = [TopicPartition(dlq, p) for p in consumer.partitions_for_topic(dlq) or ()]
            if not parts:
                continue
            ends = await consumer.end_offsets(parts)
            starts = await consumer.beginning_offsets(parts)
            out[dlq] = sum(ends[p] - starts[p] for p in parts)
        return out
    finally:
        await consumer.stop()


#: The shapes of the personal data the load generator writes (`loadgen.py`): every place one of
#: them occurs in a log, overlapping ones included (a lookahead).
SECRET_SHAPES = re.compile(
    r"(?=(auteur-[0-9a-f]{10}@example\.org|contact-[0-9a-f]{6}@example\.net|0[67](?: \d\d){4}))"
)


def leaked(logs: Path, secrets: set[str]) -> list[tuple[str, str]]:
    """(log, secret) for each secret found in a log. One pass of `SECRET_SHAPES` per log finds
    every candidate, checked against the set (searching 50 MB of logs once per secret, for
    6,000 secrets, took most of a minute); a secret of any other shape is searched as is."""
    odd = {x for x in secrets if not _shaped(x)}
    found: list[tuple[str, str]] = []
    for log in sorted(logs.glob("*.log")):
        text = log.read_text(errors="replace")
        hits = {m.group(1) for m in SECRET_SHAPES.finditer(text)} & secrets
        hits |= {x for x in odd if x in text}
        found += [(log.name, x) for x in sorted(hits)]
    return found


def _shaped(secret: str) -> bool:
    match = SECRET_SHAPES.match(secret)
    return bool(match and match.group(1) == secret)


def secrets_of(authors: set[str], descriptions: list[str]) -> set[str]:
    """The personal data a log must never hold: the authors' addresses, and the phone numbers
    and addresses the load generator wrote in the stories."""
    secrets = set(authors)
    for text in descriptions:
        secrets.update(re.findall(r"0[67](?: \d\d){4}", text))
        secrets.update(re.findall(r"contact-[0-9a-f]{6}@example\.net", text))
    return secrets


def details(**found: Any) -> list[str]:
    """The report's section on what went wrong: the first twenty of each kind."""
    shown = {k: v if isinstance(v, dict) else list(v)[:20] for k, v in found.items()}
    return ["", "## Details", "", "```", json.dumps(shown, indent=1), "```"]


def settle_uncertain(
    notifications: str, admin: dict[str, str], received: set[str], resolved: dict[str, str]
) -> None:
    """What an administrator does with the deliveries a kill left `uncertain` (the email may have
    left): look in the mailbox; mark sent what is there, send again the rest."""
    r = httpx.get(
        f"{notifications}/api/v1/deliveries",
        params={"status": "uncertain", "limit": 500},
        headers=admin,
        timeout=30,
    )
    for d in r.json()["items"]:
        action = "mark_sent" if d["id"] in received else "resend"
        done = httpx.post(
            f"{notifications}/api/v1/deliveries/{d['id']}/resolve",
            json={"action": action},
            headers=admin,
            timeout=30,
        )
        if done.status_code == 200:
            resolved[d["id"]] = action
