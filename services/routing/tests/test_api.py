"""The registry API: webhooks that cannot be turned inward are refused with the service's 422,
a secret is generated when none is given (shown once), a network needs an organisation and an
entity, keeps its code, and can be deleted. And the delivery log keeps a coarse outcome.

The routes run in a Litestar app of their own (no Kafka, no database: `FakeDatabase`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from litestar import Litestar
from litestar.di import Provide
from litestar.testing import AsyncTestClient
from litestar.types import ASGIApp, Receive, Scope, Send

from spplus.routing import domain, handlers, webhooks
from spplus.routing.api import RoutingController
from spplus.routing.settings import RoutingSettings
from spplus.routing.store import RoutingStore
from spplus.runtime.auth import Principal, Role, provide_principal
from spplus.runtime.errors import EXCEPTION_HANDLERS

# The routes' existing style (inferred `deps`, `data`): not this test's business.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ADMIN = Principal(subject="admin@test", name="Admin", roles=frozenset({Role.admin}))
NETWORK = {
    "label": "Réseau de test",
    "organisations": ["TEST"],
    "entities": [{"code": "TEST-33", "label": "Gironde", "departments": ["33"]}],
}


async def _app(
    store: RoutingStore, settings: RoutingSettings, caller: dict[str, Principal]
) -> Litestar:
    """The routes over `store`, the registry loaded; `caller["who"]` stands for the bearer token
    (auth is tested elsewhere) and may change between requests."""
    for code, network in domain.Registry.from_file().networks.items():
        await store.networks.insert_one({"_id": code, **network})

    def as_caller(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            scope.setdefault("state", {})["principal"] = caller["who"]
            await app(scope, receive, send)

        return middleware

    deps = handlers.RoutingDeps(settings=settings, store=store, kick_relay=lambda: None)
    return Litestar(
        route_handlers=[RoutingController],
        exception_handlers=EXCEPTION_HANDLERS,
        middleware=[as_caller],
        dependencies={
            "principal": Provide(provide_principal),
            "deps": Provide(lambda: deps, sync_to_thread=False),
        },
    )


@pytest.fixture(name="settings")
def fixture_settings() -> RoutingSettings:
    return RoutingSettings()


@pytest.fixture(name="client")
async def fixture_client(
    store: RoutingStore, settings: RoutingSettings
) -> AsyncIterator[AsyncTestClient[Litestar]]:
    app = await _app(store, settings, {"who": ADMIN})
    async with AsyncTestClient(app=app) as client:
        yield client


URL = "/api/v1/networks"


@pytest.mark.parametrize(
    "webhook",
    [
        "http://127.0.0.1:9/none",
        "https://127.0.0.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.5/hook",
        "https://192.168.1.1/hook",
        "https://[::1]/hook",
        "https://[::ffff:169.254.169.254]/hook",
        "https://intranet.example/hook",  # a name that resolves to a private address
        "https://metadata.example/hook",
        "https://mixed.example/hook",
        "https://localhost/hook",
    ],
)
async def test_an_inward_webhook_is_refused_at_registration(
    client: AsyncTestClient[Litestar], store: RoutingStore, webhook: str
) -> None:
    r = await client.put(f"{URL}/MSA", json={"webhook": webhook, "webhook_secret": "s" * 20})
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["code"] == webhooks.ADDRESS_REFUSED and body["message"]
    assert body["errors"] == [
        {"field": "webhook", "code": webhooks.ADDRESS_REFUSED, "message": body["message"]}
    ]
    stored = await store.network("MSA")
    assert stored is not None and "webhook" not in stored


@pytest.mark.parametrize(
    ("webhook", "code"),
    [
        ("https://user:pw@partner.example/hook", "webhook_userinfo"),
        ("ftp://partner.example/hook", "webhook_https_required"),
        ("https:///hook", "webhook_no_host"),
        ("https://127.1/hook", "webhook_invalid_host"),
    ],
)
async def test_a_malformed_webhook_is_refused_with_a_clear_code(
    client: AsyncTestClient[Litestar], webhook: str, code: str
) -> None:
    r = await client.put(f"{URL}/MSA", json={"webhook": webhook})
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == code


async def test_http_webhooks_only_in_development(
    client: AsyncTestClient[Litestar], settings: RoutingSettings
) -> None:
    assert settings.allow_http_webhooks is True  # the development default
    r = await client.put(f"{URL}/MSA", json={"webhook": "http://partner.example/hook"})
    assert r.status_code == 200, r.text
    settings.allow_http_webhooks = False
    r = await client.put(f"{URL}/MSA", json={"webhook": "http://partner.example/h2"})
    assert r.status_code == 422 and r.json()["code"] == "webhook_https_required"


async def test_a_webhook_without_secret_gets_one_shown_once(
    client: AsyncTestClient[Litestar], store: RoutingStore
) -> None:
    r = await client.put(f"{URL}/MSA", json={"webhook": "https://partner.example/hook"})
    assert r.status_code == 200, r.text
    secret = r.json()["webhook_secret"]
    assert len(secret) >= 43 and r.json()["has_webhook_secret"] is True
    stored = await store.network("MSA")
    assert stored is not None and stored["webhook_secret"] == secret
    again = await client.get(f"{URL}/MSA")
    assert "webhook_secret" not in again.json() and secret not in again.text
    assert secret not in (await client.get(URL)).text
    # Changing the URL keeps the secret (the receiver has it), and does not show it.
    r = await client.put(f"{URL}/MSA", json={"webhook": "https://hooks.caf.example/msa"})
    assert r.status_code == 200 and "webhook_secret" not in r.json()
    stored = await store.network("MSA")
    assert stored is not None and stored["webhook_secret"] == secret


async def test_a_given_secret_is_kept_and_never_shown(client: AsyncTestClient[Litestar]) -> None:
    secret = "a-long-shared-secret-for-msa-0123"
    r = await client.put(
        f"{URL}/MSA", json={"webhook": "https://partner.example/h", "webhook_secret": secret}
    )
    assert r.status_code == 200 and secret not in r.text and "webhook_secret" not in r.json()


async def test_an_empty_webhook_removes_it(
    client: AsyncTestClient[Litestar], store: RoutingStore
) -> None:
    await client.put(f"{URL}/MSA", json={"webhook": "https://partner.example/hook"})
    r = await client.put(f"{URL}/MSA", json={"webhook": ""})
    assert r.status_code == 200 and not r.json().get("webhook")
    assert "webhook" not in (await store.registry()).networks["MSA"]


async def test_a_new_network_keeps_its_code(
    client: AsyncTestClient[Litestar], store: RoutingStore
) -> None:
    r = await client.put(f"{URL}/test", json=NETWORK)
    assert r.status_code == 200 and r.json()["code"] == "TEST"
    stored = await store.network("TEST")
    assert stored is not None and stored["code"] == "TEST"
    registry = await store.registry()
    assert registry.network_of_organisation("TEST") == "TEST"  # and routing still works
    assert registry.network_of_organisation("CAF") == "CAF"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"label": "Sans rien"}, ["organisations", "entities"]),
        ({"organisations": ["TEST"]}, ["entities"]),
        ({"entities": NETWORK["entities"]}, ["organisations"]),
    ],
)
async def test_a_network_without_organisation_or_entity_is_refused(
    client: AsyncTestClient[Litestar], store: RoutingStore, body: dict[str, Any], fields: list[str]
) -> None:
    r = await client.put(f"{URL}/TEST", json=body)
    assert r.status_code == 422 and r.json()["code"] == "incomplete_network"
    assert [e["field"] for e in r.json()["errors"]] == fields
    assert await store.network("TEST") is None


@pytest.mark.parametrize(
    "body",
    [
        {**NETWORK, "organisations": []},
        {**NETWORK, "entities": []},
        {**NETWORK, "entities": [{"label": "sans code"}]},
        {**NETWORK, "entities": [{"code": "T-1", "departments": "33"}]},
        {**NETWORK, "entities": [{"code": "T-1", "evil": {"$where": "1"}}]},
        {**NETWORK, "deadline_days": "quinze"},
    ],
)
async def test_bad_registry_input_is_refused(
    client: AsyncTestClient[Litestar], store: RoutingStore, body: dict[str, Any]
) -> None:
    r = await client.put(f"{URL}/TEST", json=body)
    assert r.status_code == 422 and r.json()["errors"], r.text
    assert await store.network("TEST") is None


async def test_a_broken_stored_network_must_be_fixed_by_the_next_put(
    client: AsyncTestClient[Litestar], store: RoutingStore
) -> None:
    await store.networks.insert_one({"_id": "OLD", **NETWORK, "keywords": "pas une liste"})
    r = await client.put(f"{URL}/OLD", json={"label": "Renommé"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "keywords"
    r = await client.put(f"{URL}/OLD", json={"keywords": ["aide"]})
    assert r.status_code == 200 and "OLD" in (await store.registry()).networks


async def test_a_bad_network_code_is_refused(client: AsyncTestClient[Litestar]) -> None:
    r = await client.put(f"{URL}/A.B", json=NETWORK)
    assert r.status_code == 422 and r.json()["code"] == "invalid_network_code"
    assert r.json()["errors"][0]["field"] == "code"


async def test_a_network_can_be_deleted_softly(
    client: AsyncTestClient[Litestar], store: RoutingStore
) -> None:
    assert (await client.put(f"{URL}/TEST", json=NETWORK)).status_code == 200
    r = await client.delete(f"{URL}/test")
    assert r.status_code == 200, r.text
    assert r.json()["deleted"] is True and r.json()["deleted_by"] == "admin@test"
    assert (await client.get(f"{URL}/TEST")).json()["deleted"] is True
    assert "TEST" not in (await store.registry()).networks
    assert (await client.delete(f"{URL}/TEST")).status_code == 200  # again: nothing changes
    audit = store.registry_audit.docs
    assert [a["action"] for a in audit] == ["created", "deleted"]
    assert (await client.delete(f"{URL}/NOPE")).status_code == 404
    # A PUT brings it back.
    assert (await client.put(f"{URL}/TEST", json={"label": "De retour"})).status_code == 200
    assert "TEST" in (await store.registry()).networks
    assert [a["action"] for a in store.registry_audit.docs][-1] == "restored"


# The delivery loop, on a fake store: what it records of each attempt.


class _Schedule:
    def __init__(self) -> None:
        self.hints: dict[str, datetime] = {}

    async def at(self, key: str, when: datetime, **_: Any) -> None:
        self.hints[key] = when

    async def due(self, now: datetime, limit: int = 100) -> list[dict[str, Any]]:
        return [{"_id": k} for k, when in self.hints.items() if when <= now]

    async def drop(self, hint: dict[str, Any]) -> None:
        self.hints.pop(hint["_id"], None)


class _Assignments:
    def __init__(self, docs: dict[str, dict[str, Any]]) -> None:
        self.docs = docs

    async def find_one(self, flt: dict[str, Any], projection: Any = None) -> dict[str, Any] | None:
        doc = self.docs.get(flt["_id"])
        return {"_id": flt["_id"], **doc} if doc is not None else None


class _DeliveryStore:
    def __init__(self, registry: domain.Registry, docs: dict[str, dict[str, Any]]) -> None:
        self._registry = registry
        self.assignments = _Assignments(docs)
        self.schedule = _Schedule()
        self.log: list[dict[str, Any]] = []

    async def due_webhooks(self, now: datetime) -> list[dict[str, Any]]:
        return [{"_id": k} for k, d in self.assignments.docs.items()]

    async def registry(self) -> domain.Registry:
        return self._registry

    async def settle_webhook(
        self, experience_id: str, delivery_id: str, fields: dict[str, Any], log: dict[str, Any]
    ) -> None:
        self.log.append(log)
        self.assignments.docs[experience_id]["webhook"]["status"] = fields["webhook.status"]


def _pending(network: str, url: str) -> dict[str, Any]:
    return {
        "network": network,
        "webhook": {
            "id": f"d-{network}",
            "url": url,
            "status": "pending",
            "attempts": 0,
            "next_at": datetime.now(UTC) - timedelta(seconds=1),
            "event_type": "network.experience",
            "body": "{}",
        },
    }


async def test_the_delivery_log_keeps_a_coarse_outcome(settings: RoutingSettings) -> None:
    registry, _ = domain.Registry.build(
        "v",
        [
            {"code": "INWARD", "webhook_secret": "s" * 20},
            {"code": "NOSECRET"},
            {"code": "GONE", "deleted": True, "webhook_secret": "s" * 20},
        ],
    )
    store = _DeliveryStore(
        registry,
        {
            "e1": _pending("INWARD", "http://127.0.0.1:9/none"),
            "e2": _pending("NOSECRET", "https://partner.example/hook"),
            "e3": _pending("GONE", "https://partner.example/hook"),
        },
    )
    deps = handlers.RoutingDeps(settings=settings, store=store, kick_relay=lambda: None)
    assert await handlers.deliver_webhooks(deps=deps) == 0
    outcomes = {e["network"]: (e["outcome"], e["delivered"]) for e in store.log}
    assert outcomes == {
        "INWARD": ("refused_address", False),
        "NOSECRET": ("missing_secret", False),
        "GONE": ("network_unavailable", False),
    }


async def test_an_agent_of_one_entity_reads_and_moves_only_its_entitys_stories(
    store: RoutingStore, settings: RoutingSettings
) -> None:
    """The review's finding: an agent scoped to CAF-75 read other entities' assignments."""
    caller: dict[str, Principal] = {}
    app = await _app(store, settings, caller)
    story = "6f1c2b9e-0000-4000-8000-000000000069"
    await store.assignments.insert_one(
        {
            "_id": story,
            "network": "CAF",
            "entity": "CAF-69",
            "status": "assigned",
            "version": 1,
            "rule": "organisation",
            "story": {"title": "Un récit", "department": "69"},
        }
    )

    def agent(entity: str | None, network: str = "CAF") -> Principal:
        return Principal(
            subject="a@test",
            name="A",
            roles=frozenset({Role.agent}),
            network=network,
            entity=entity,
        )

    async with AsyncTestClient(app=app) as client:
        seen = {}
        for label, who in {
            "paris": agent("CAF-75"),
            "lyon": agent("CAF-69"),
            "caf": agent(None),
            "urssaf": agent(None, "URSSAF"),
        }.items():
            caller["who"] = who
            seen[label] = (await client.get(f"/api/v1/experiences/{story}/assignment")).status_code
        assert seen == {"paris": 403, "lyon": 200, "caf": 200, "urssaf": 403}
        caller["who"] = agent("CAF-75")
        moved = await client.post(
            f"/api/v1/experiences/{story}/reassign",
            json={"network": "CAF", "entity": "CAF-75", "reason": "Je le prends."},
        )
        assert moved.status_code == 403, moved.text
        assert (await store.assignment(story))["entity"] == "CAF-69"
