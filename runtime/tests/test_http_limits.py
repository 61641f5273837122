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


def test_security_headers_on_every_answer_and_docs_restricted_when_asked(stack: Stack) -> None:
    """The review's low finding: HTML and JSON answers carry no-sniff, no-framing and
    no-referrer headers; with `public_docs` off, `/schema` is gone and `/metrics` needs an admin."""
    from litestar import MediaType, get

    from spplus.runtime.auth import TokenVerifier
    from spplus.runtime.http import SECURITY_HEADERS

    @get("/page", media_type=MediaType.HTML, sync_to_thread=False)
    def page() -> str:
        return "<p>bonjour</p>"

    settings = ServiceSettings(
        service_name="headers",
        kafka=KafkaSettings(bootstrap_servers=stack.kafka),
        mongo=MongoSettings(url=stack.mongo_url, database_prefix=f"t{uuid.uuid4().hex[:6]}_"),
    )
    with TestClient(create_service_app(bootstrap(settings), [page], title="h")) as client:
        for path in ("/page", "/health", "/metrics", "/schema/swagger"):
            answer = client.get(path)
            assert answer.status_code == 200, path
            for name, value in SECURITY_HEADERS.items():
                assert answer.headers[name] == value, (path, name)
        assert client.get("/nowhere").headers["X-Frame-Options"] == "DENY"  # errors too
    closed = settings.model_copy(update={"public_docs": False})
    with TestClient(create_service_app(bootstrap(closed), [page], title="h")) as client:
        assert client.get("/schema/swagger").status_code == 404
        assert client.get("/metrics").status_code == 401
        verifier = TokenVerifier(closed.auth)
        agent = verifier.issue(subject="a", name="A", roles=["agent"], network="CAF")
        admin = verifier.issue(subject="b", name="B", roles=["admin"])
        assert (
            client.get("/metrics", headers={"Authorization": f"Bearer {agent}"}).status_code == 403
        )
        scraped = client.get("/metrics", headers={"Authorization": f"Bearer {admin}"})
        assert scraped.status_code == 200
        assert "spplus" in scraped.text
