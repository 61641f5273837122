"""The dead-letter admin API every service serves (role `admin`; see `dead_letters.py`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Controller, get, post
from pydantic import BaseModel, Field

from .auth import Principal, Role, requires
from .dead_letters import DeadLetters
from .errors import ApiProblem


class ReplayIn(BaseModel):
    ids: list[str] | None = Field(default=None, max_length=1000, description="else all waiting")
    since: datetime | None = Field(default=None, description="only those failed after it")


class DropIn(BaseModel):
    id: str = Field(min_length=3, max_length=40, description="`partition:offset`")
    reason: str = Field(min_length=3, max_length=500)


def _letters(deps: Any) -> DeadLetters:
    return DeadLetters(
        deps.settings.service_name or "", deps.settings.kafka, deps.store.db["dead_letters"]
    )


def _dlq(topic: str) -> str:
    if not topic.endswith(".dlq") or not topic.startswith("spplus."):
        raise ApiProblem(404, "not_a_dead_letter_topic", "Ce n'est pas une file de lettres mortes.")
    return topic


class DeadLetterController(Controller):
    path = "/api/v1/admin/dead-letters"
    tags = ["dead letters"]
    guards = [requires(Role.admin)]

    @get("/", summary="This service's dead-letter topics: how many wait, the oldest's age")
    async def topics(self, deps: Any) -> list[dict[str, Any]]:
        letters = _letters(deps)
        out = []
        for topic in await letters.topics():
            waiting = [x for x in await letters.letters(topic) if x["status"] == "waiting"]
            out.append(
                {
                    "topic": topic,
                    "waiting": len(waiting),
                    "oldest_age_s": max((x["age_s"] for x in waiting), default=None),
                }
            )
        return out

    @get("/{topic:str}", summary="The dead letters of one topic, oldest first, with their error")
    async def letters(self, topic: str, deps: Any) -> list[dict[str, Any]]:
        return await _letters(deps).letters(_dlq(topic))

    @get("/{topic:str}/{record_id:str}", summary="One dead letter, with the message itself")
    async def letter(self, topic: str, record_id: str, deps: Any) -> dict[str, Any]:
        for letter in await _letters(deps).letters(_dlq(topic)):
            if letter["id"] == record_id:
                return letter
        raise ApiProblem(404, "dead_letter_not_found", "Aucune lettre morte sous cet identifiant.")

    @post("/{topic:str}/replay", status_code=200, summary="Hand waiting letters to their handler")
    async def replay(
        self, topic: str, data: ReplayIn, principal: Principal, deps: Any
    ) -> dict[str, Any]:
        done = await _letters(deps).replay(
            _dlq(topic), by=principal.subject, ids=data.ids, since=data.since
        )
        return {"replayed": done}

    @post("/{topic:str}/drop", status_code=200, summary="Give up on one letter, with a reason")
    async def drop(
        self, topic: str, data: DropIn, principal: Principal, deps: Any
    ) -> dict[str, Any]:
        try:
            dropped = await _letters(deps).drop(
                _dlq(topic), data.id, by=principal.subject, reason=data.reason
            )
        except LookupError:
            raise ApiProblem(
                404, "dead_letter_not_found", "Aucune lettre morte sous cet identifiant."
            ) from None
        return {"id": data.id, "dropped": dropped}


def cli() -> None:
    """`spplus-dlq`: the same from a terminal, through a service's admin API.

    spplus-dlq --url http://127.0.0.1:8002 list
    spplus-dlq --url … show spplus.experience.submitted.v1.dlq [0:12]
    spplus-dlq --url … replay spplus.experience.submitted.v1.dlq [--id 0:12 …] [--since 2026-12-01T00:00:00Z]
    spplus-dlq --url … drop spplus.experience.submitted.v1.dlq 0:12 --reason "a test message"

    The bearer token (role `admin`) comes from `SPPLUS_TOKEN`.
    """
    import argparse
    import json
    import os
    import sys
    import urllib.error
    import urllib.request

    parser = argparse.ArgumentParser(prog="spplus-dlq", description=cli.__doc__)
    parser.add_argument("--url", required=True, help="the service's base URL")
    parser.add_argument("command", choices=["list", "show", "replay", "drop"])
    parser.add_argument("topic", nargs="?")
    parser.add_argument("record", nargs="?", help="`partition:offset`")
    parser.add_argument("--id", action="append", dest="ids")
    parser.add_argument("--since")
    parser.add_argument("--reason")
    args = parser.parse_args()
    base = f"{args.url.rstrip('/')}/api/v1/admin/dead-letters"
    body: dict[str, Any] | None = None
    if args.command == "list":
        path = "/"
    elif not args.topic:
        parser.error("a dead-letter topic is needed")
    elif args.command == "show":
        path = f"/{args.topic}" + (f"/{args.record}" if args.record else "")
    elif args.command == "replay":
        path, body = f"/{args.topic}/replay", {"ids": args.ids, "since": args.since}
    else:
        if not (args.record and args.reason):
            parser.error("drop needs the letter's `partition:offset` and --reason")
        path, body = f"/{args.topic}/drop", {"id": args.record, "reason": args.reason}
    request = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode() if body is not None else None,
        headers={
            "Authorization": f"Bearer {os.environ.get('SPPLUS_TOKEN', '')}",
            "Content-Type": "application/json",
        },
        method="POST" if body is not None else "GET",
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            print(json.dumps(json.loads(answer.read()), indent=2, ensure_ascii=False))
    except urllib.error.HTTPError as exc:
        print(exc.read().decode("utf-8", "replace"), file=sys.stderr)
        raise SystemExit(1) from None
