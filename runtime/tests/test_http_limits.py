"""Every service's HTTP layer: a client over its write budget gets 429 with Retry-After; an
oversized body gets 413; both in the same error format as everything else."""

from __future__ import annotations

import uuid

from litestar import post
from litestar.testing import TestClient

from spplus.runtime.http import create_service_app
from spplus.runtime.settings import KafkaSettings, MongoSettings, ServiceSettings
from spplus.runtime.testing import Stack
from spplus.runtime.wiring import bootstrap


def test_write_rate_limit_and_body_size(stack: Stack) -> None:
    @post("/api/v1/things", status_code=202, sync_to_thread=False)
    def things(data: dict[str, str]) -> dict[str, str]:
        return {"status": "ok"}

    settings = ServiceSettings(
        service_name="limits",
        write_rate_limit_per_minute=3,
        max_body_bytes=1000,
        kafka=KafkaSettings(bootstrap_servers=stack.kafka),
        mongo=MongoSettings(url=stack.mongo_url, database_prefix=f"t{uuid.uuid4().hex[:6]}_"),
    )
    app = create_service_app(bootstrap(settings), [things], title="limits")
    with TestClient(app) as client:
        codes = [client.post("/api/v1/things", json={"a": "b"}).status_code for _ in range(3)]
        assert codes == [202, 202, 202]
        refused = client.post("/api/v1/things", json={"a": "b"})
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) > 0
        assert refused.json()["code"] == "too_many_requests"
        assert client.get("/health").status_code == 200  # reads are not limited
    with TestClient(
        create_service_app(
            bootstrap(settings.model_copy(update={"write_rate_limit_per_minute": 0})),
            [things],
            title="limits",
        )
    ) as client:
        big = client.post("/api/v1/things", json={"a": "x" * 5000})
        assert big.status_code == 413
        assert big.json()["code"] == "too_large"
