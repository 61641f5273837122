"""`make chaos`: a steady load of stories while every part of the platform is killed or restarted.

On the test stack (its own ports and data, `.local/test`), with the six services as processes:
the load generator sends `--count` stories at `--rate` per second; meanwhile each service is
killed with SIGKILL once and restarted, then the Kafka broker and the database are restarted.
All along, people work on it (`chaos_actors.py`): moderators decide the stories held for them,
each network's agents answer a share of the published stories, a moderator withdraws a few; after
the load, some authors withdraw theirs through their email's link; CAF's own system (the example
responder, on Kafka as the network's principal) drafts an answer to each CAF story, and is killed
and restarted too. Then it waits for the platform
to settle and checks:

- every accepted story (202) reached a final state (published, refused, not published after its
  author's block, or held for a moderator);
- no story is twice in the public read, and each published story has one `published` event id;
- exactly one email per notification due (per author and template), and every author got theirs;
- each moderator's decision is the story's final state; each answer is once in its story's
  public read and its author told once; each withdrawn story has left the public read;
- every CAF story has exactly one draft from CAF's own system;
- every dead-letter topic is empty;
- no service log line holds an author's address or a phone number of the stories.

The report (what was killed when, and the counts) goes to CHAOS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import platform as host
import signal
import statistics
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import chaos_checks as checks  # type: ignore[import-not-found]
import httpx
from chaos_actors import OUTCOME, Actors  # type: ignore[import-not-found]
from chaos_responder import PluggedResponder, outcome  # type: ignore[import-not-found]
from loadgen import Sent, drive  # type: ignore[import-not-found]
from pymongo import AsyncMongoClient

from spplus.runtime.auth import TokenVerifier
from spplus.runtime.settings import AuthSettings
from spplus.runtime.testing import REPO, SERVICE_PORTS, ServiceProcess, real_stack, service_env

FINAL = {"published", "rejected", "not_published", "withdrawn", "human_review"}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=2400)
    parser.add_argument("--rate", type=float, default=4.0)
    parser.add_argument("--settle-timeout", type=float, default=420.0)
    parser.add_argument("--report", type=Path, default=REPO / "CHAOS.md")
    args = parser.parse_args()

    timeline: list[tuple[float, str]] = []
    started = time.time()

    def note(what: str) -> None:
        timeline.append((time.time() - started, what))
        print(f"[{time.time() - started:7.1f}s] {what}", flush=True)

    logs = REPO / ".local" / "chaos" / f"logs-{datetime.now(UTC):%Y%m%dT%H%M%S}"
    with real_stack() as stack:
        assert stack.stack_env is not None, "chaos needs the servers it can stop (the test stack)"
        env = service_env(stack, database_prefix=f"chaos_{uuid.uuid4().hex[:6]}_")
        # Production's snapshot interval (the tests' 2 s re-reads every fact that often).
        env["INDICATORS_SNAPSHOT_INTERVAL_S"] = "60"
        env["INTAKE_PAGE_SIZE"] = "500"
        env["MODERATION_AUTHOR_WINDOW_HOURS"] = "0.05"  # 3 min: authors act within it
        services = {n: ServiceProcess(n, p, env, logs) for n, p in SERVICE_PORTS.items()}
        # whatever happens below, no service outlives the run
        atexit.register(lambda: [s.kill() for s in services.values()])
        for s in services.values():
            s.start()
        for s in services.values():
            s.wait_ready()
        responder = PluggedResponder("CAF", stack.kafka, logs)  # a network's own system
        responder.start()
        atexit.register(responder.kill)
        note("platform ready")
        intake = services["intake"].url
        # moderators, agents and authors at work all along, as on any day
        actors = Actors({n: s.url for n, s in services.items()}, note)
        actors_stop = threading.Event()
        acting = threading.Thread(target=actors.run, args=(actors_stop,), daemon=True)
        acting.start()

        sent: list[Sent] = []
        done = threading.Event()

        def load() -> None:
            sent.extend(asyncio.run(drive(intake, args.rate, args.count, seed=int(started))))
            done.set()

        loader = threading.Thread(target=load, daemon=True)
        loader.start()
        note(f"load started: {args.count} stories at {args.rate}/s")
        duration = args.count / args.rate
        plan = [*SERVICE_PORTS, "responder", "kafka", "ferretdb"]
        step = duration * 0.85 / len(plan)
        for target in plan:
            time.sleep(max(1.0, step - 4))
            if target == "responder":
                responder.restart()
                note("kill -9 the CAF responder, restarted")
            elif target in services:
                services[target].kill(signal.SIGKILL)
                note(f"kill -9 {target}")
                time.sleep(3)
                services[target].start()
                services[target].wait_ready()
                note(f"{target} restarted")
            else:
                stack.stack("stop", target)
                note(f"{target} stopped")
                time.sleep(4)
                stack.stack("start", target)
                note(f"{target} started")
        done.wait()
        note(f"load finished: {len(sent)} sent")

        accepted = {s.experience_id: s for s in sent if s.status == 202 and s.experience_id}

        # Each story's state, read from moderation's database in one query per round (asking the
        # API 5,000 times would measure the harness, not the platform).
        async def read_states() -> dict[str, str]:
            client: AsyncMongoClient[Any] = AsyncMongoClient(stack.mongo_url, tz_aware=True)
            try:
                db = client[f"{env['SPPLUS_MONGO_DATABASE_PREFIX']}moderation"]
                return {d["_id"]: d["status"] async for d in db.cases.find({}, {"status": 1})}
            finally:
                await client.close()

        states: dict[str, str] = {}
        pending = list(accepted)  # not final, nor waiting for its author
        deadline = time.time() + args.settle_timeout
        while time.time() < deadline:
            states = asyncio.run(read_states())
            pending = [e for e in accepted if states.get(e) not in {*FINAL, "awaiting_author"}]
            if not pending:
                break
            note(f"settling: {len(pending)} stories not final yet")
            time.sleep(10)
        note("settled" if not pending else "settle timeout")
        # the moderators clear their queue, the agents their inbox; then some authors withdraw
        deadline = time.time() + args.settle_timeout
        while time.time() < deadline:
            held = [e for e in accepted if states.get(e) == "human_review"]
            undecided = [e for e, a in actors.decided.items() if states.get(e) == "human_review"]
            if not held and not undecided:
                break
            note(f"moderators at work: {len(held)} stories held")
            time.sleep(10)
            states = asyncio.run(read_states())
        actors_stop.set()
        acting.join(timeout=120)
        published_ids = {e for e, st in states.items() if st == "published"}
        authors = {s.body["author"]["email"].lower(): eid for eid, s in accepted.items()}
        by_story = {e: a for a, e in authors.items()}
        waiting = {e for e in accepted if states.get(e) == "awaiting_author"}
        actors.authors_decide(waiting, by_story, stack.smtp_http)
        actors.authors_withdraw(published_ids, by_story, stack.smtp_http)
        withdrawn = actors.withdrawn_by_moderator | actors.withdrawn_by_author
        note(
            f"actors done: {len(actors.decided)} decided, {len(actors.answered)} answered, "
            f"{len(withdrawn)} withdrawn"
        )
        deadline = time.time() + args.settle_timeout
        while time.time() < deadline:
            states = asyncio.run(read_states())
            if all(states.get(e) == "withdrawn" for e in withdrawn) and not any(
                st == "awaiting_author" for st in states.values()
            ):
                break
            time.sleep(5)
        published_ids = {e for e, st in states.items() if st == "published"}

        async def read_public() -> Counter[str]:
            client: AsyncMongoClient[Any] = AsyncMongoClient(stack.mongo_url, tz_aware=True)
            try:
                db = client[f"{env['SPPLUS_MONGO_DATABASE_PREFIX']}intake"]
                docs = db.public_experiences.find({}, {"_id": 1, "responses": 1})
                found = [d async for d in docs]
                answers.clear()
                answers.update({d["_id"]: len(d.get("responses") or []) for d in found})
                return Counter(d["_id"] for d in found)
            finally:
                await client.close()

        answers: dict[str, int] = {}  # experience id → answers in its public read

        def observe(api: bool = False) -> tuple[Counter[str], Counter[tuple[str, str]]]:
            """The public read and the emails received, by author and template. While waiting,
            the public read is intake's collection (one query); at the end (`api`), every page
            of the public API, as the frontend reads it."""
            public: Counter[str] = Counter()
            if api:
                page = 1
                with httpx.Client(timeout=60) as client:
                    while True:
                        r = client.get(f"{intake}/api/v1/experiences", params={"page": page})
                        items = r.json()["items"]
                        if not items:
                            break
                        public.update(i["id"] for i in items)
                        page += 1
            else:
                public = asyncio.run(read_public())
            inbox = httpx.get(
                f"{stack.smtp_http}/api/messages", params={"brief": 1}, timeout=60
            ).json()
            mails: Counter[tuple[str, str]] = Counter()
            received_keys.clear()
            for m in inbox["messages"] if isinstance(inbox, dict) else inbox:
                template = m["headers"].get("X-Spplus-Template", "")
                received_keys.add(m["headers"].get("X-Spplus-Key", ""))
                for rcpt in m.get("rcpt_tos", []):
                    mails[(rcpt.lower(), template)] += 1
            return public, mails

        received_keys: set[str] = set()  # the delivery id of every email in the mailbox
        resolved: dict[str, str] = {}  # uncertain delivery → what the administrator decided
        admin = {
            "Authorization": "Bearer "
            + TokenVerifier(AuthSettings()).issue(subject="chaos@test", name="Ops", roles=["admin"])
        }

        def due(eid: str) -> list[str]:
            final = {"published": ["published"], "rejected": ["rejected"]}
            mails = ["received", *final.get(states.get(eid, ""), [])]
            if eid in withdrawn:
                mails.append("withdrawn")
            if eid in actors.answered and eid not in withdrawn:
                mails.append("answered")
            return mails

        # Downstream (the public read, the emails) catches up after moderation: wait for it too.
        deadline = time.time() + args.settle_timeout
        while True:
            public, mails = observe()
            not_public = [e for e in published_ids if e not in public]
            not_public += [e for e in actors.answered if e in published_ids and not answers.get(e)]
            missing_mails = [
                (email, t)
                for email, eid in authors.items()
                for t in due(eid)
                if not mails[(email, t)]
            ]
            if (not not_public and not missing_mails) or time.time() > deadline:
                break
            checks.settle_uncertain(services["notifications"].url, admin, received_keys, resolved)
            note(
                f"downstream: {len(not_public)} not yet public, {len(missing_mails)} emails to come"
            )
            time.sleep(10)
        time.sleep(5)  # anything sent twice would be there by now
        note("checking: the public API page by page, the emails, the events, the DLQs, the logs")
        public, mails = observe(api=True)
        asyncio.run(read_public())  # each story's answers, as stored for the public read
        not_public = [e for e in published_ids if e not in public]
        wrong_decisions = [
            e
            for e, a in [*actors.decided.items(), *actors.author_decided.items()]
            if states.get(e) != OUTCOME[a]
        ]
        answers_not_once = [
            e for e in actors.answered if e not in withdrawn and answers.get(e) != 1
        ]
        still_public = [e for e in withdrawn if e in public or states.get(e) != "withdrawn"]
        missing_mails = [
            (email, t) for email, eid in authors.items() for t in due(eid) if not mails[(email, t)]
        ]
        duplicated_mails = {k: n for k, n in mails.items() if n > 1 and k[0] in authors}
        prefix = env["SPPLUS_MONGO_DATABASE_PREFIX"]
        while True:  # the network's own system answers each of its stories once
            assigned, drafts = asyncio.run(responder.drafts(stack.mongo_url, prefix))
            plugged = outcome(assigned, drafts)
            if not plugged["without_draft"] or time.time() > deadline:
                break
            time.sleep(5)
        responder.kill(signal.SIGTERM)
        events = asyncio.run(checks.published_event_ids(stack.kafka, set(accepted)))
        dlq = asyncio.run(checks.dlq_sizes(stack.kafka))

        # no personal data in any log line
        secrets = checks.secrets_of(
            set(authors), [s.body["description"] for s in accepted.values()]
        )
        leaks = [f"{log}: {x}" for log, x in checks.leaked(logs, secrets)]

        for s in services.values():
            s.stop()

    elapsed = time.time() - started
    by_state = Counter(states.get(e, "unknown") for e in accepted)
    lost = [e for e in accepted if states.get(e) not in FINAL]
    twice_public = [e for e, n in public.items() if n > 1]
    double_events = [e for e, ids in events.items() if len(ids) > 1]
    latencies = [s.latency_ms for s in sent if s.latency_ms is not None]
    ok = not (
        wrong_decisions
        or answers_not_once
        or still_public
        or lost
        or twice_public
        or not_public
        or double_events
        or duplicated_mails
        or missing_mails
        or any(dlq.values())
        or leaks
        or any(plugged.values())
    )
    report = [
        "# Chaos report",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {host.node()} ({host.machine()}, "
        f"{__import__('os').cpu_count()} cores), Python {host.python_version()}.",
        f"Command: `make chaos` (`python bench/chaos.py --count {args.count} --rate {args.rate}`).",
        "",
        f"**Result: {'zero lost, zero duplicated' if ok else 'FAILED'}.**",
        "",
        f"Duration: {elapsed / 60:.1f} min from the start of the stack to the end of the checks "
        f"(target: under 15 min: {'met' if elapsed < 900 else 'NOT met'}).",
        "",
        "## What was killed, when",
        "",
        "| t (s) | event |",
        "|---:|---|",
        *[f"| {t:.1f} | {what} |" for t, what in timeline],
        "",
        "## Counts",
        "",
        f"- stories sent: {len(sent)}; accepted (202): {len(accepted)}; answered otherwise (the "
        f"load generator's invalid stories, by status): "
        f"{dict(Counter(s.status for s in sent if s.status != 202)) or 'none'}; "
        f"retried at least once: "
        f"{sum(1 for s in sent if s.tries > 1)}; intake p50 {statistics.median(latencies):.0f} ms",
        f"- final states: {dict(sorted(by_state.items()))}",
        f"- not in a final state (lost): {len(lost)}",
        f"- published: {len(published_ids)}; in the public read: {len(public)}; twice in the public "
        f"read: {len(twice_public)}; published but missing from it: {len(not_public)}",
        f"- stories with more than one `published` event id: {len(double_events)}",
        f"- held stories decided by a moderator during the run: {len(actors.decided)} "
        f"({dict(Counter(actors.decided.values()))}), by their author through the link of their "
        f"email (notice or approval): {len(actors.author_decided)} "
        f"({dict(Counter(actors.author_decided.values()))}); final state other than the "
        f"decision: {len(wrong_decisions)}",
        f"- answers published by the networks' agents: {len(actors.answered)}; not exactly once "
        f"in the public read: {len(answers_not_once)}",
        f"- stories withdrawn: {len(actors.withdrawn_by_moderator)} by a moderator during the "
        f"load, {len(actors.withdrawn_by_author)} by their author after it (the link of their "
        f"email); still public or not `withdrawn`: {len(still_public)}",
        f"- clicks a kill swallowed and the actor repeated: "
        f"{dict(sorted(actors.retried.items())) or 'none'}",
        f"- stories routed to CAF: {len(assigned)}, answered by CAF's own system (the example "
        f"responder, killed once): {sum(1 for e in assigned if drafts[e])}; without its draft: "
        f"{len(plugged['without_draft'])}; with several: {len(plugged['several_drafts'])}",
        f"- emails to authors: {sum(n for k, n in mails.items() if k[0] in authors)}; duplicated "
        f"(same author and template): {len(duplicated_mails)}; missing: {len(missing_mails)}",
        f"- deliveries a kill left `uncertain` (the email may have left; settled as an "
        f"administrator does, `POST /api/v1/deliveries/{{id}}/resolve`): {len(resolved)}; found in "
        f"the mailbox and marked sent: {sum(1 for a in resolved.values() if a == 'mark_sent')}; "
        f"not there, sent again: {sum(1 for a in resolved.values() if a == 'resend')}",
        f"- dead-letter topics: {sum(dlq.values())} records ({', '.join(f'{k}: {v}' for k, v in dlq.items() if v) or 'all empty'})",
        f"- log lines holding an author's address or a phone number of the stories: {len(leaks)}",
    ]
    if not ok:
        report += checks.details(
            wrong_decisions=wrong_decisions,
            answers_not_once=answers_not_once,
            still_public=still_public,
            lost=lost,
            twice_public=twice_public,
            not_public=not_public,
            double_events=double_events,
            duplicated_mails=[list(k) for k in duplicated_mails],
            missing_mails=missing_mails,
            dlq=dlq,
            leaks=leaks,
            **plugged,
        )
    args.report.write_text("\n".join(report) + "\n")
    print("\n".join(report))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
