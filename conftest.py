"""Fixtures shared by every test of the workspace: the real servers, and the running platform."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from spplus.runtime.testing import (
    REPO,
    SERVICE_PORTS,
    ServiceProcess,
    Stack,
    real_stack,
    service_env,
)

# The redactor knows the communes from INSEE's list (`make install` fetches it), as every service
# does in production: tests that run the engine in-process read the same list.
_POSTAL_CODES = sorted((REPO / ".local" / "tools").glob("codes-postaux-*/codes-postaux.json"))
if _POSTAL_CODES:
    os.environ.setdefault("SPPLUS_POSTAL_CODES_FILE", str(_POSTAL_CODES[-1]))


@pytest.fixture(scope="session", name="stack")
def fixture_stack() -> Iterator[Stack]:
    with real_stack() as stack:
        yield stack


@pytest.fixture(scope="session", name="platform")
def fixture_platform(stack: Stack) -> Iterator[dict[str, ServiceProcess]]:
    """The six services, each its own process, on the test stack, with databases of their own."""
    env = service_env(stack, database_prefix=f"e2e_{uuid.uuid4().hex[:8]}_")
    services = {
        name: ServiceProcess(name, port, env, REPO / ".local" / "test" / "logs")
        for name, port in SERVICE_PORTS.items()
    }
    for service in services.values():
        service.start()
    try:
        for service in services.values():
            service.wait_ready()
        yield services
    finally:
        for service in services.values():
            service.stop()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that needs the real servers (directly or through the platform) is marked `servers`,
    so that `make unit` can leave it out and run with no Kafka and no database."""
    for item in items:
        if {"stack", "platform"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.servers)
