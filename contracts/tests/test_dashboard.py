"""The Grafana dashboard in deploy/ only asks for metrics the services expose."""

from __future__ import annotations

import json
import re
from pathlib import Path

DASHBOARD = Path(__file__).resolve().parents[2] / "deploy" / "grafana" / "spplus-dashboard.json"


def exposed() -> set[str]:
    """Every series the services expose, read from the code: the collectors of
    `runtime/metrics.py` (a counter's `_total`, a histogram's `_bucket`…), Litestar's request
    metrics under the `spplus` prefix (`runtime/service.py`), and Prometheus' own `up`."""
    from prometheus_client import Counter, Gauge, Histogram

    from spplus.runtime import metrics

    names = {"up", "spplus_requests_total", "spplus_request_duration_seconds_bucket"}
    for value in vars(metrics).values():
        if isinstance(value, Counter):
            names.add(f"{value._name}_total")
        elif isinstance(value, Histogram):
            names |= {f"{value._name}_{s}" for s in ("bucket", "count", "sum")}
        elif isinstance(value, Gauge):
            names.add(value._name)
    return names


def test_the_dashboard_is_valid_json_and_uses_exposed_metrics() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    assert dashboard["uid"] and dashboard["panels"]
    for panel in dashboard["panels"]:
        for target in panel["targets"]:
            names = set(re.findall(r"\b(spplus_[a-z_]+|up)\b", target["expr"]))
            assert names and names <= exposed(), (panel["title"], names - exposed())
