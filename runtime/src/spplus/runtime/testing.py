"""Test support: the real servers a test needs, and services run as real processes.

Servers come, in this order, from environment variables (`SPPLUS_TEST_KAFKA`, `SPPLUS_TEST_MONGO`,
`SPPLUS_TEST_SMTP` as host:port, `SPPLUS_TEST_SMTP_HTTP` as a URL), from testcontainers when a
Docker engine answers, or from the project's local stack (`deploy/local/stack.sh`) started on
ports of its own so that it never touches the stack of `make up`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[4]
STACK_SH = REPO / "deploy" / "local" / "stack.sh"

#: Ports of the test stack (the `make up` stack uses DESIGN.md's).
TEST_PORTS = {
    "SPPLUS_KAFKA_PORT": 19092,
    "SPPLUS_KAFKA_CONTROLLER_PORT": 19093,
    "SPPLUS_MONGO_PORT": 37017,
    "SPPLUS_SMTP_PORT": 11025,
    "SPPLUS_SMTP_HTTP_PORT": 18025,
}


@dataclass
class Stack:
    kafka: str
    mongo_url: str
    smtp_host: str
    smtp_port: int
    smtp_http: str
    #: Environment for `stack.sh` when the stack is ours (so a test can stop and start Kafka).
    stack_env: dict[str, str] | None = None

    def stack(self, *args: str) -> None:
        if self.stack_env is None:
            raise RuntimeError("this stack is not managed by the tests")
        subprocess.run(
            ["bash", str(STACK_SH), *args],
            env=self.stack_env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def _docker_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=3).ping()
        return True
    except Exception:
        return False


@contextlib.contextmanager
def _containers(data_dir: Path) -> Iterator[Stack]:
    from testcontainers.kafka import KafkaContainer
    from testcontainers.mongodb import MongoDbContainer

    env = {
        **os.environ,
        "SPPLUS_DATA_DIR": str(data_dir),
        **{k: str(v) for k, v in TEST_PORTS.items()},
    }
    # A container's broker asks for no identity: the clients of this process and of the
    # services it starts speak plain Kafka to it.
    os.environ["SPPLUS_KAFKA_SECURITY_PROTOCOL"] = "PLAINTEXT"
    with KafkaContainer().with_kraft() as kafka, MongoDbContainer() as mongo:
        subprocess.run(["bash", str(STACK_SH), "start", "smtp"], env=env, check=True)
        try:
            yield Stack(
                kafka=kafka.get_bootstrap_server(),
                mongo_url=mongo.get_connection_url(),
                smtp_host="127.0.0.1",
                smtp_port=TEST_PORTS["SPPLUS_SMTP_PORT"],
                smtp_http=f"http://127.0.0.1:{TEST_PORTS['SPPLUS_SMTP_HTTP_PORT']}",
            )
        finally:
            subprocess.run(["bash", str(STACK_SH), "stop"], env=env, check=False)


@contextlib.contextmanager
def _local_processes(data_dir: Path) -> Iterator[Stack]:
    env = {
        **os.environ,
        "SPPLUS_DATA_DIR": str(data_dir),
        "SPPLUS_PYTHON": sys.executable,
        **{k: str(v) for k, v in TEST_PORTS.items()},
    }
    subprocess.run(["bash", str(STACK_SH), "reset"], env=env, check=True)
    try:
        subprocess.run(["bash", str(STACK_SH), "start"], env=env, check=True)
        yield Stack(
            kafka=f"127.0.0.1:{TEST_PORTS['SPPLUS_KAFKA_PORT']}",
            mongo_url=f"mongodb://127.0.0.1:{TEST_PORTS['SPPLUS_MONGO_PORT']}/",
            smtp_host="127.0.0.1",
            smtp_port=TEST_PORTS["SPPLUS_SMTP_PORT"],
            smtp_http=f"http://127.0.0.1:{TEST_PORTS['SPPLUS_SMTP_HTTP_PORT']}",
            stack_env=env,
        )
    finally:
        subprocess.run(["bash", str(STACK_SH), "stop"], env=env, check=False)


@contextlib.contextmanager
def real_stack() -> Iterator[Stack]:
    """Kafka, a MongoDB-wire database and an SMTP sink, real ones, for the duration of a session."""
    if os.environ.get("SPPLUS_TEST_KAFKA"):
        smtp = os.environ.get("SPPLUS_TEST_SMTP", "127.0.0.1:1025")
        host, _, port = smtp.rpartition(":")
        yield Stack(
            kafka=os.environ["SPPLUS_TEST_KAFKA"],
            mongo_url=os.environ.get("SPPLUS_TEST_MONGO", "mongodb://127.0.0.1:27017/"),
            smtp_host=host,
            smtp_port=int(port),
            smtp_http=os.environ.get("SPPLUS_TEST_SMTP_HTTP", "http://127.0.0.1:8025"),
        )
        return
    data_dir = REPO / ".local" / "test"
    if _docker_answers():
        with _containers(data_dir) as stack:
            yield stack
        return
    with _local_processes(data_dir) as stack:
        yield stack


@dataclass
class ServiceProcess:
    """One service run as its own process (`python -m spplus.<name>`), as in production."""

    name: str
    port: int
    env: dict[str, str]
    log_dir: Path
    proc: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    #: Fault points to arm, each with the exit code that ends the process there (tests only:
    #: the service is started through `tests/faults/launch.py`).
    faults: dict[str, int] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = (self.log_dir / f"{self.name}.log").open("ab")
        command = [sys.executable, "-m", f"spplus.{self.name}"]
        if self.faults:
            command = [
                sys.executable,
                str(REPO / "tests" / "faults" / "launch.py"),
                self.name,
                *(f"{point}={code}" for point, code in self.faults.items()),
            ]
        self.proc = subprocess.Popen(
            command,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited: see {self.log_dir / self.name}.log")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/ready", timeout=2).status_code == 200:
                    return
            time.sleep(0.3)
        raise TimeoutError(f"{self.name} not ready after {timeout:.0f}s")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:  # stuck in its shutdown: stop it for good
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=30)
        self.proc = None

    def stop(self) -> None:
        self.kill(signal.SIGTERM)


SERVICE_PORTS = {
    "intake": 18001,
    "moderation": 18002,
    "routing": 18003,
    "responses": 18004,
    "notifications": 18005,
    "indicators": 18006,
}


def service_env(stack: Stack, database_prefix: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(tuple(f"{n.upper()}_" for n in SERVICE_PORTS))
    }
    env.update(
        {
            "SPPLUS_KAFKA_BOOTSTRAP_SERVERS": stack.kafka,
            "SPPLUS_KAFKA_RETRY_BACKOFF_S": "0.2",
            "SPPLUS_MONGO_URL": stack.mongo_url,
            "SPPLUS_MONGO_DATABASE_PREFIX": database_prefix,
            "NOTIFICATIONS_SMTP_HOST": stack.smtp_host,
            "NOTIFICATIONS_SMTP_PORT": str(stack.smtp_port),
            "PYTHONUNBUFFERED": "1",
        }
    )
    for name, port in SERVICE_PORTS.items():
        env[f"{name.upper()}_HTTP_PORT"] = str(port)
        env[f"{name.upper()}_PUBLIC_BASE_URL"] = f"http://127.0.0.1:{SERVICE_PORTS['intake']}"
        env[f"{name.upper()}_OUTBOX_INTERVAL_S"] = "0.5"
    # Short 72 h windows, so the tests see them close.
    env["MODERATION_AUTHOR_WINDOW_HOURS"] = str(12 / 3600)
    env["MODERATION_TIMER_INTERVAL_S"] = "1"
    env["RESPONSES_TIMER_INTERVAL_S"] = "0.5"
    env["NOTIFICATIONS_DELIVERY_INTERVAL_S"] = "0.5"
    env["INDICATORS_MIN_COUNT"] = "1"
    env["ROUTING_WEBHOOK_PRIVATE_NETWORKS"] = '["127.0.0.1/32"]'  # the tests' local receivers
    env["MODERATION_ANALYZE_PER_MINUTE"] = "1000"  # every test calls from 127.0.0.1
    env["INTAKE_DOCUMENTS_PER_HOUR"] = "1000"
    for name in SERVICE_PORTS:
        env[f"{name.upper()}_METRICS_INTERVAL_S"] = "2"
    env["INDICATORS_SNAPSHOT_INTERVAL_S"] = "2"
    env["INDICATORS_STREAM_INTERVAL_S"] = "0.5"
    env["NOTIFICATIONS_DELIVERY_LEASE_S"] = "6"
    env["NOTIFICATIONS_RETRY_BASE_S"] = "1"
    env["NOTIFICATIONS_RETRY_MAX_S"] = "4"
    env["NOTIFICATIONS_WORKSPACE_URL"] = "http://127.0.0.1:18004/api/v1"
    env["RESPONSES_REMINDER_BEFORE_HOURS"] = str(4 / 3600)
    env["RESPONSES_EDIT_WINDOW_MINUTES"] = str(8 / 60)
    env["ROUTING_WEBHOOK_INTERVAL_S"] = "0.5"
    env["ROUTING_WEBHOOK_BACKOFF_S"] = "0.5"
    env["INTAKE_WRITE_RATE_LIMIT_PER_MINUTE"] = "1000000"  # the fuzz run sends thousands
    postal_codes = sorted((REPO / ".local" / "tools").glob("codes-postaux-*/codes-postaux.json"))
    if postal_codes:
        env["INTAKE_POSTAL_CODES_FILE"] = str(postal_codes[-1])
        env["SPPLUS_POSTAL_CODES_FILE"] = str(postal_codes[-1])  # place names for the redactor
    return env


def follows_table(machine: Any, state: Any, action: Any, attempt: Callable[[], Any]) -> Any:
    """Run `attempt` (the transition that carries out `action` from `state`) and check it against
    `machine`'s table: allowed, it returns the change the table says (its target, from the
    states the table lists); refused, it raises a 409 (`Conflict`). Returns the change, or the
    error raised, for the caller's own checks."""
    from .domain import Conflict

    if machine.allows(state, action):
        change = attempt()
        assert change.status == machine.target(action), (action, state, change.status)
        assert change.sources == machine.sources(action), (action, state)
        return change
    try:
        attempt()
    except Conflict as refused:
        assert refused.status == 409
        return refused
    raise AssertionError(f"{action} from {state} should be refused")
