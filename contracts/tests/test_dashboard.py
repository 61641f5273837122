"""The Grafana dashboard in deploy/ only asks for metrics the services expose."""

from __future__ import annotations

import json
import re
from pathlib import Path

DASHBOARD = Path(__file__).resolve().parents[2] / "deploy" / "grafana" / "spplus-dashboard.json"
EXPOSED = {
    "spplus_consumer_lag",
    "spplus_dlq_size",
    "spplus_events_handled_total",
    "spplus_dead_letters_total",
    "spplus_event_handling_seconds_bucket",
    "spplus_requests_total",
    "spplus_request_duration_seconds_bucket",
    "up",
}


def test_the_dashboard_is_valid_json_and_uses_exposed_metrics() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    assert dashboard["uid"] and dashboard["panels"]
    for panel in dashboard["panels"]:
        for target in panel["targets"]:
            names = set(re.findall(r"\b(spplus_[a-z_]+|up)\b", target["expr"]))
            assert names and names <= EXPOSED, (panel["title"], names - EXPOSED)
