"""The local broker's principals and ACLs, derived from the code (run by `stack.sh start`).

    python deploy/local/kafka_principals.py acls     # lines for deploy/local/kafka/Security.java
    python deploy/local/kafka_principals.py topics   # the networks' topics, for CreateTopics.java

One principal per service (its `ServiceSpec`, `app.py`): it reads the topics its handlers consume (and writes their
dead-letter twins, and reads them to replay them), writes the topics of the events it `produces`, and uses the consumer groups
`spplus.<service>.*`. One principal per network of the registry (`network-<CODE>`): it reads
`spplus.network.<code>.experiences.v1`, writes `spplus.network.<code>.responses.v1` and uses the
groups `spplus.network.<code>.*`; nothing else. `admin` (the tests, the tools) is the broker's
super user. Passwords are the development ones (`spplus-dev-<principal>`): production creates its
principals with its own secrets (README, "Onboarding a network").
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

from spplus.contracts import dlq_topic, network_responses_topic, network_topic
from spplus.runtime.settings import LOCAL_PRINCIPALS

REPO = Path(__file__).resolve().parents[2]
REGISTRY = (
    REPO / "services" / "routing" / "src" / "spplus" / "routing" / "registry" / "networks.json"
)


def networks() -> list[str]:
    data = json.loads(REGISTRY.read_text("utf-8"))
    listed = data["networks"] if isinstance(data, dict) else data
    return sorted(str(n["code"]) for n in listed)


def _allow(principal: str, operation: str, resource: str, pattern: str, name: str) -> str:
    return f"allow {principal} {operation} {resource} {pattern} {name}"


def acls() -> list[str]:
    lines = [f"user {name}" for name in ("admin", *LOCAL_PRINCIPALS)]
    codes = networks()
    for service in LOCAL_PRINCIPALS:
        spec = importlib.import_module(f"spplus.{service}.app").SPEC
        lines.append(_allow(service, "READ", "group", "prefixed", f"spplus.{service}."))
        for event in spec.handlers:
            if "{code}" in event.TOPIC:  # one topic per network: all of the registry's
                for code in codes:
                    topic = event.TOPIC.format(code=code.lower())
                    lines.append(_allow(service, "READ", "topic", "literal", topic))
                    lines.append(_allow(service, "WRITE", "topic", "literal", dlq_topic(topic)))
                    lines.append(_allow(service, "READ", "topic", "literal", dlq_topic(topic)))
                    lines.append(_allow(service, "CREATE", "topic", "literal", dlq_topic(topic)))
                continue
            lines.append(_allow(service, "READ", "topic", "literal", event.TOPIC))
            lines.append(_allow(service, "WRITE", "topic", "literal", dlq_topic(event.TOPIC)))
            # its own dead letters, read to replay them into its own handler
            lines.append(_allow(service, "READ", "topic", "literal", dlq_topic(event.TOPIC)))
            lines.append(_allow(service, "DESCRIBE", "topic", "literal", dlq_topic(event.TOPIC)))
        for event in spec.produces:
            if "{code}" in event.TOPIC:
                # networks added at run time get their topic on first use
                prefix = event.TOPIC.split("{code}")[0]
                lines.append(_allow(service, "WRITE", "topic", "prefixed", prefix))
                lines.append(_allow(service, "CREATE", "topic", "prefixed", prefix))
                lines.append(_allow(service, "DESCRIBE", "topic", "prefixed", prefix))
                continue
            lines.append(_allow(service, "WRITE", "topic", "literal", event.TOPIC))
    for code in codes:
        principal = f"network-{code}"
        lines.append(f"user {principal}")
        lines.append(_allow(principal, "READ", "topic", "literal", network_topic(code)))
        lines.append(_allow(principal, "WRITE", "topic", "literal", network_responses_topic(code)))
        lines.append(
            _allow(principal, "DESCRIBE", "topic", "literal", network_responses_topic(code))
        )
        lines.append(
            _allow(principal, "READ", "group", "prefixed", f"spplus.network.{code.lower()}.")
        )
    return lines


def topics() -> list[str]:
    return [
        line for code in networks() for line in (network_topic(code), network_responses_topic(code))
    ]


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "acls"
    print("\n".join(acls() if what == "acls" else topics()))
