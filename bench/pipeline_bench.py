"""The pipeline measured end to end, and the Kafka it runs on measured bare (same run).

- end-to-end latency from POST to `experience.published` and to `experience.routed`, at a steady
  offered load (`--steady-rate` stories/s for `--steady-seconds`);
- the highest offered load sustained: steps of rising rates; a step is sustained when every story
  of it is published within `--grace` seconds of the step's end (the backlog does not grow);
- raw produce and consume rates of the same broker with aiokafka (idempotent producer, acks=all,
  messages the size of a story event), the ceiling the pipeline's rate is compared with.

Prints one JSON document (used by `bench/report.py`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from loadgen import drive  # type: ignore[import-not-found]
from prometheus_client.parser import text_string_to_metric_families

from spplus.contracts.events import ExperienceModerated, ExperiencePublished, ExperienceRouted
from spplus.runtime.settings import KafkaSettings
from spplus.runtime.testing import REPO, SERVICE_PORTS, ServiceProcess, real_stack, service_env


class Arrivals:
    """When each story's `published` and `routed` events reached the broker's readers."""

    def __init__(self, bootstrap: str) -> None:
        self.bootstrap = bootstrap
        self.seen: dict[str, dict[str, float]] = {}
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    async def _run(self) -> None:
        consumer = AIOKafkaConsumer(
            ExperiencePublished.TOPIC,
            ExperienceRouted.TOPIC,
            ExperienceModerated.TOPIC,
            bootstrap_servers=self.bootstrap,
            **KafkaSettings().client_options(),
            auto_offset_reset="latest",
            group_id=f"bench-{uuid.uuid4().hex[:6]}",
        )
        await consumer.start()
        await consumer.getmany(timeout_ms=2000)  # joined, at the end of the topics
        self._ready.set()
        try:
            while not self._stop.is_set():
                batch = await consumer.getmany(timeout_ms=500)
                now = time.time()
                for records in batch.values():
                    for r in records:
                        e = json.loads(r.value)
                        kind = {
                            ExperiencePublished.TOPIC: "published",
                            ExperienceRouted.TOPIC: "routed",
                        }.get(r.topic, "moderated")
                        self.seen.setdefault(e["payload"]["experience_id"], {}).setdefault(
                            kind, now
                        )
        finally:
            await consumer.stop()

    def start(self) -> None:
        self._thread.start()
        self._ready.wait(60)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)


def pct(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def latencies(sent: list[Any], arrivals: Arrivals, kind: str) -> list[float]:
    out = []
    for s in sent:
        at = arrivals.seen.get(s.experience_id or "", {}).get(kind)
        if at is not None:
            out.append((at - s.posted_at) * 1000)
    return out


async def raw_kafka(bootstrap: str, count: int, size: int) -> dict[str, float]:
    topic = f"bench.raw.{uuid.uuid4().hex[:6]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **KafkaSettings().client_options())
    await admin.start()
    await admin.create_topics([NewTopic(topic, num_partitions=3, replication_factor=1)])
    await admin.close()
    payload = b"x" * size
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap,
        **KafkaSettings().client_options(),
        acks="all",
        enable_idempotence=True,
    )
    await producer.start()
    start = time.perf_counter()
    batch = []
    for i in range(count):
        batch.append(await producer.send(topic, payload, key=str(i % 997).encode()))
        if len(batch) >= 500:
            await asyncio.gather(*batch)
            batch = []
    await asyncio.gather(*batch)
    produce_s = time.perf_counter() - start
    await producer.stop()
    # one message at a time, awaited, as a handler-less consumer of the pipeline would commit
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap,
        **KafkaSettings().client_options(),
        acks="all",
        enable_idempotence=True,
    )
    await producer.start()
    start = time.perf_counter()
    for i in range(min(count, 2000)):
        await producer.send_and_wait(topic, payload, key=str(i).encode())
    one_by_one_s = time.perf_counter() - start
    await producer.stop()
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        **KafkaSettings().client_options(),
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    got = 0
    start = time.perf_counter()
    total = count + min(count, 2000)
    while got < total:
        batch_in = await consumer.getmany(timeout_ms=2000, max_records=5000)
        if not batch_in:
            break
        got += sum(len(v) for v in batch_in.values())
    consume_s = time.perf_counter() - start
    await consumer.stop()
    return {
        "produce_per_s": count / produce_s,
        "produce_awaited_each_per_s": min(count, 2000) / one_by_one_s,
        "consume_per_s": got / consume_s,
        "message_bytes": size,
        "messages": count,
    }


_PROCESS_NAMES = (
    (re.compile(r"spplus[.-](intake|moderation|routing|responses|notifications|indicators)"), None),
    (re.compile(r"kafka\.Kafka|kafka-server|kafka\.tools|KafkaRaftServer"), "kafka"),
    (re.compile(r"spplus-ferretdb"), "ferretdb"),
    (re.compile(r"smtp_sink"), "smtp sink"),
)


def cpu_seconds() -> dict[str, float]:
    """CPU time (user + system) used so far by each server and service of the stack, by name."""
    out: dict[str, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        for pattern, name in _PROCESS_NAMES:
            if found := pattern.search(cmd):
                key = name or found.group(1)
                out[key] = out.get(key, 0.0) + (int(fields[11]) + int(fields[12])) / tick
                break
    return out


def resident_memory() -> dict[str, dict[str, float]]:
    """Resident memory of each service process, now and at its peak (VmRSS, VmHWM), in MiB."""
    out: dict[str, dict[str, float]] = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        found = _PROCESS_NAMES[0][0].search(cmd)
        if not found:
            continue
        fields = dict(
            line.split(":", 1)
            for line in status.splitlines()
            if line.startswith(("VmRSS", "VmHWM"))
        )
        row = out.setdefault(found.group(1), {"rss": 0.0, "peak": 0.0})
        row["rss"] = max(row["rss"], int(fields["VmRSS"].split()[0]) / 1024)
        row["peak"] = max(row["peak"], int(fields["VmHWM"].split()[0]) / 1024)
    return out


def db_commands(services: dict[str, ServiceProcess]) -> list[dict[str, Any]]:
    """Database commands each service sent during the run, by command and collection, with the
    time they took (from `spplus_db_commands_total` and `spplus_db_command_seconds`)."""
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    seconds: dict[tuple[str, str], float] = {}
    for name, service in services.items():
        text = httpx.get(f"{service.url}/metrics", timeout=10).text
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                labels = sample.labels
                if sample.name == "spplus_db_commands_total":
                    key = (name, labels["command"], labels["collection"])
                    row = rows.setdefault(
                        key,
                        {"service": name, "command": key[1], "collection": key[2], "count": 0},
                    )
                    row["count"] += int(sample.value)
                elif sample.name == "spplus_db_command_seconds_sum":
                    seconds[(name, labels["command"])] = sample.value
    counts: dict[tuple[str, str], int] = {}
    for (svc, command, _), row in rows.items():
        counts[(svc, command)] = counts.get((svc, command), 0) + row["count"]
    for (svc, command, _), row in rows.items():  # the command's time, shared by its count
        total = counts[(svc, command)] or 1
        row["seconds"] = seconds.get((svc, command), 0.0) * row["count"] / total
    return sorted(rows.values(), key=lambda r: -r["seconds"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steady-rate", type=float, default=1.0)
    parser.add_argument("--steady-seconds", type=float, default=40.0)
    parser.add_argument("--steps", default="1,2,4,8,12")
    parser.add_argument("--step-seconds", type=float, default=40.0)
    parser.add_argument("--grace", type=float, default=20.0)
    parser.add_argument("--raw-count", type=int, default=20000)
    args = parser.parse_args()

    logs = REPO / ".local" / "bench" / "logs"
    out: dict[str, Any] = {}
    with real_stack() as stack:
        env = service_env(stack, database_prefix=f"bench_{uuid.uuid4().hex[:6]}_")
        # Production's snapshot interval (the tests' 2 s re-reads every fact that often).
        env["INDICATORS_SNAPSHOT_INTERVAL_S"] = "60"
        services = {n: ServiceProcess(n, p, env, logs) for n, p in SERVICE_PORTS.items()}
        for s in services.values():
            s.start()
        try:
            for s in services.values():
                s.wait_ready()
            intake = services["intake"].url
            arrivals = Arrivals(stack.kafka)
            arrivals.start()
            warm = asyncio.run(drive(intake, 5, 20, seed=99))  # warm-up
            accepted_total = sum(1 for s in warm if s.status == 202)
            count = int(args.steady_rate * args.steady_seconds)
            sent = asyncio.run(drive(intake, args.steady_rate, count, seed=1))
            accepted_total += sum(1 for s in sent if s.status == 202)
            time.sleep(args.grace)
            # Stories with personal data wait for their author's 72 h window (12 s in tests):
            # latency is measured on the stories published at once.
            ok = [s for s in sent if s.status == 202 and s.expect == "publish"]
            pub = latencies(ok, arrivals, "published")
            routed = latencies(ok, arrivals, "routed")
            out["steady"] = {
                "rate": args.steady_rate,
                "stories": len(ok),
                "published": len(pub),
                "published_p50_ms": pct(pub, 50),
                "published_p99_ms": pct(pub, 99),
                "routed": len(routed),
                "routed_p50_ms": pct(routed, 50),
                "routed_p99_ms": pct(routed, 99),
            }
            steps = []
            cpu_before, cpu_started = cpu_seconds(), time.time()
            for rate in [float(r) for r in args.steps.split(",")]:
                count = int(rate * args.step_seconds)
                begun = time.time()
                sent = asyncio.run(drive(intake, rate, count, seed=int(rate * 1000)))
                accepted_total += sum(1 for s in sent if s.status == 202)
                offered_s = time.time() - begun
                ok = [s for s in sent if s.status == 202]
                # Sustained: 98 % of the accepted stories have their moderation decision within
                # the grace period after the step (the backlog does not grow). Latency: the
                # stories published at once.
                expected = ok

                def decided(items: list[Any]) -> int:
                    return sum(
                        1
                        for s in items
                        if "moderated" in arrivals.seen.get(s.experience_id or "", {})
                    )

                deadline = time.time() + args.grace
                while time.time() < deadline and decided(expected) < len(expected) * 0.98:
                    time.sleep(0.5)
                done = decided(expected)
                pub = latencies([s for s in ok if s.expect == "publish"], arrivals, "published")
                steps.append(
                    {
                        "offered_rate": rate,
                        "achieved_offer_rate": len(sent) / offered_s,
                        "accepted": len(ok),
                        "expected_published": len(expected),
                        "published_in_grace": done,
                        "published_p50_ms": pct(pub, 50) if pub else None,
                        "published_p99_ms": pct(pub, 99) if pub else None,
                        "sustained": done >= len(expected) * 0.98,
                    }
                )
                print(json.dumps(steps[-1]), flush=True)
                if not steps[-1]["sustained"]:
                    break
                time.sleep(5)
            out["steps"] = steps
            sustained = [s["offered_rate"] for s in steps if s["sustained"]]
            out["highest_sustained_rate"] = max(sustained) if sustained else 0
            arrivals.stop()
            cpu_after, cpu_span = cpu_seconds(), time.time() - cpu_started
            out["cpu_share"] = {  # of one core, over the rising loads
                k: (cpu_after[k] - cpu_before.get(k, 0.0)) / cpu_span for k in cpu_after
            }
            out["db"] = db_commands(services)
            out["memory_mib"] = resident_memory()  # after the rising loads, models loaded
            out["stories_accepted"] = accepted_total  # what the database commands are shared by
        finally:
            for s in services.values():
                s.stop()
        out["raw_kafka"] = asyncio.run(raw_kafka(stack.kafka, args.raw_count, 1500))
    print(json.dumps(out, default=float))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
