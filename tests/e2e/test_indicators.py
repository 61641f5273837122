"""Indicators on the running platform: a rebuild from offset zero gives the live figures exactly;
the live stream, the Kafka snapshots and the public page carry them."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from spplus.contracts import events
from spplus.runtime.testing import REPO, ServiceProcess, Stack
from tests.e2e.helpers import eventually, published, story, topic_events

pytestmark = pytest.mark.e2e


def live(platform: dict[str, ServiceProcess], as_of: str, path: str = "") -> dict[str, Any]:
    r = httpx.get(
        f"{platform['indicators'].url}/api/v1/indicators{path}", params={"as_of": as_of}, timeout=10
    )
    r.raise_for_status()
    values: dict[str, Any] = r.json()["buckets"][0]["values"]
    return values


def rebuilt(platform: dict[str, ServiceProcess], as_of: str, database: str) -> dict[str, Any]:
    run = subprocess.run(
        [
            str(Path(sys.executable).parent / "spplus-indicators"),
            "rebuild",
            "--database",
            database,
            "--as-of",
            as_of,
            "--print",
        ],
        env=platform["indicators"].env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    out: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["counts"]["facts"] > 0
    values: dict[str, Any] = out["figures"]["buckets"][0]["values"]
    return values


def test_a_rebuild_from_offset_zero_gives_the_live_figures(
    platform: dict[str, ServiceProcess],
) -> None:
    intake = platform["intake"].url
    ids = [httpx.post(f"{intake}/api/v1/experiences", json=story(), timeout=10).json()["id"]]
    eventually(lambda: published(intake, ids[0]), timeout=60)
    as_of = datetime.now(UTC).isoformat()
    database = f"{platform['indicators'].env['SPPLUS_MONGO_DATABASE_PREFIX']}indicators_rebuild"

    def same() -> dict[str, Any] | None:
        before = live(platform, as_of)
        again = rebuilt(platform, as_of, database)
        after = live(platform, as_of)
        return before if before == again == after else None

    figures = eventually(same, timeout=120, every=2)
    assert figures["published"] >= 1 and figures["submitted"] >= 1


def test_the_stream_and_the_snapshots_carry_the_figures(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    url = f"{platform['indicators'].url}/api/v1/indicators/stream"
    with httpx.stream("GET", url, timeout=10) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        lines = []
        for line in r.iter_lines():
            lines.append(line)
            if line.startswith("data:"):
                break
    assert "event: figures" in lines
    first = json.loads(lines[-1].removeprefix("data:").strip())
    assert {"published", "response_rate", "within_deadline"} <= set(first)

    snapshots = eventually(
        lambda: topic_events(
            stack.kafka, events.IndicatorsSnapshot.TOPIC, lambda e: e["payload"]["network"] is None
        ),
        timeout=30,
    )
    values = snapshots[-1]["payload"]["values"]
    assert "published" in values and "response_rate.rate" in values


def test_unknown_network_and_bad_period_are_clear_errors(
    platform: dict[str, ServiceProcess],
) -> None:
    base = f"{platform['indicators'].url}/api/v1/indicators"
    unknown = httpx.get(f"{base}/networks/NOPE", timeout=5)
    assert unknown.status_code == 404 and unknown.json()["code"] == "network_not_found"
    assert httpx.get(base, params={"period": "year"}, timeout=5).status_code in (400, 422)
    months = httpx.get(base, params={"period": "month", "last": 3}, timeout=5).json()
    assert 1 <= len(months["buckets"]) <= 3


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("chromium")
    assert binary, "chromium is missing: `bash deploy/local/install_chromium.sh` (make install)"
    return subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_the_public_page_shows_the_charts_with_the_live_figures_on_a_phone(
    platform: dict[str, ServiceProcess], tmp_path: Path
) -> None:
    intake = platform["intake"].url
    experience_id = httpx.post(f"{intake}/api/v1/experiences", json=story(), timeout=10).json()[
        "id"
    ]
    eventually(lambda: published(intake, experience_id), timeout=60)
    page = f"{platform['indicators'].url}/indicateurs"
    values = eventually(
        lambda: (v := live(platform, datetime.now(UTC).isoformat()))["published"] >= 1 and v,
        timeout=30,
    )

    # Stories of earlier tests may still be reaching `published` on this shared stack, so the
    # page must show a figure between the live figure read just before and just after it.
    before = live(platform, datetime.now(UTC).isoformat())["published"]
    dom = chromium(tmp_path, "--window-size=412,915", "--dump-dom", page).stdout
    after = live(platform, datetime.now(UTC).isoformat())["published"]
    shown = dict(re.findall(r'data-figure="([^"]+)">([^<]+)<', dom))
    assert before <= int(shown["expériences publiées"].replace("\u202f", "")) <= after
    assert values["published"] <= before
    for chart in ("chart-months", "chart-feelings", "chart-channels", "chart-networks"):
        assert f'id="{chart}"' in dom, chart
    months = dom.split('id="chart-months"')[1].split("</svg>")[0]
    assert "<rect" in months and "publiées" in months  # bars, with their numbers written

    shot = REPO / ".local" / "test" / "indicators-phone.png"
    chromium(tmp_path, "--window-size=412,915", f"--screenshot={shot}", page)
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (412, 915)
    assert len(png) > 20_000  # text and charts, not a blank page


def test_every_service_exposes_consumer_metrics(platform: dict[str, ServiceProcess]) -> None:
    intake = platform["intake"].url
    experience_id = httpx.post(f"{intake}/api/v1/experiences", json=story(), timeout=10).json()[
        "id"
    ]
    eventually(lambda: published(intake, experience_id), timeout=60)

    def metrics(name: str) -> str:
        return httpx.get(f"{platform[name].url}/metrics", timeout=5).text

    for name in platform:
        text = eventually(
            lambda n=name: t if "spplus_consumer_lag{" in (t := metrics(n)) else None, timeout=30
        )
        assert f'service="{name}"' in text
        assert "spplus_dlq_size{" in text and "spplus_dlq_oldest_age_seconds{" in text, name
        lags = re.findall(r"^spplus_consumer_lag\{[^}]*\} (\S+)$", text, re.MULTILINE)
        assert lags and all(float(v) >= 0 for v in lags), name
    moderation = metrics("moderation")
    handled = re.search(
        r'spplus_events_handled_total\{[^}]*handler="on_submitted"[^}]*outcome="ok"[^}]*\} (\S+)',
        moderation,
    )
    assert handled and float(handled.group(1)) >= 1, moderation[:2000]
    assert re.search(
        r'spplus_event_handling_seconds_count\{[^}]*handler="on_submitted"', moderation
    )
