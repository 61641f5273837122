"""No registry content can make routing fail for other networks' stories; a network always keeps
its code; a deleted network is not routed to."""

from __future__ import annotations

from typing import Any

import pytest

from spplus.contracts.values import PublicStory
from spplus.routing import domain
from spplus.routing import store as store_module
from spplus.routing.store import RoutingStore

SHIPPED = domain.Registry.from_file()


def story(*orgs: str, text: str = "Mon expérience.") -> PublicStory:
    return PublicStory(
        title="Mon expérience",
        description=text,
        feeling="neutral",
        experience_date="2026-10-01",
        journey=[{"organisation": o, "channels": []} for o in orgs],
        department="33",
    )


def good(code: str, **extra: Any) -> dict[str, Any]:
    return {
        "code": code,
        "organisations": [code],
        "entities": [{"code": f"{code}-33", "departments": ["33"]}],
        **extra,
    }


BAD = [
    ({"organisations": ["CAF"]}, "code"),  # the document: no code
    ({"code": None, "organisations": ["CAF"]}, "code"),
    ({"code": "bad code", "organisations": ["CAF"]}, "code"),
    ({"code": 12, "organisations": ["CAF"]}, "code"),
    (good("AAA", organisations="CAF"), "organisations"),
    (good("AAB", organisations=["CAF", 3]), "organisations"),
    (good("AAC", keywords=[None]), "keywords"),
    (good("AAD", entities={"code": "X"}), "entities"),
    (good("AAE", entities=[{"label": "no code"}]), "entities.code"),
    (good("AAF", entities=["AAF-33"]), "entities.code"),
    (good("AAG", entities=[{"code": "AAG-1", "departments": "33"}]), "entities.departments"),
    (good("AAH", deadline_days="15"), "deadline_days"),
    (good("AAI", deadline_days=True), "deadline_days"),
    (good("AAJ", deadline_days=0), "deadline_days"),
    (good("AAK", webhook=["https://x.example"]), "webhook"),
    (good("AAL", webhook_secret=42), "webhook_secret"),
    ("not a document", "document"),
]


@pytest.mark.parametrize(("entry", "problem"), BAD)
def test_each_bad_entry_is_named_and_left_out(entry: Any, problem: str) -> None:
    assert domain.network_problem(entry) == problem
    registry, skipped = domain.Registry.build("v", [*SHIPPED.networks.values(), entry])
    assert [p for _, p in skipped] == [problem]
    assert set(registry.networks) == set(SHIPPED.networks)


def test_bad_entries_do_not_stop_the_routing_of_other_networks() -> None:
    entries = [entry for entry, _ in BAD]
    registry, skipped = domain.Registry.build("v", [*entries, *SHIPPED.networks.values()])
    assert len(skipped) == len(BAD)
    caf = domain.assign(story("CAF"), registry)
    assert (caf.network, caf.entity, caf.rule) == ("CAF", "CAF-33", "organisation")
    text = "Mon aide au logement a baissé et ma prime d'activité aussi : je suis allocataire."
    assert domain.assign(story(text=text), registry).network == "CAF"
    assert domain.assign(story("Inconnue"), registry).rule == "triage"


def test_optional_fields_may_be_absent_or_null() -> None:
    entry = {
        "code": "MIN",
        "organisations": None,
        "entities": None,
        "keywords": None,
        "deadline_days": None,
        "webhook": None,
    }
    registry, skipped = domain.Registry.build("v", [entry])
    assert skipped == [] and registry.deadline_days("MIN") == domain.DEFAULT_DEADLINE_DAYS
    assert registry.entity_for("MIN", "33") is None
    assert domain.assign(story(text="aide au logement, allocataire"), registry).rule == "triage"


def test_a_deleted_network_is_not_routed_to() -> None:
    caf = {**SHIPPED.networks["CAF"], "deleted": True}
    others = [n for c, n in SHIPPED.networks.items() if c != "CAF"]
    registry, skipped = domain.Registry.build("v", [caf, *others])
    assert skipped == [] and "CAF" not in registry.networks
    assert domain.assign(story("CAF"), registry).network != "CAF"
    assert domain.assign(story("CAF", "CPAM"), registry).network == "CPAM"


def test_the_shipped_registry_is_valid() -> None:
    _, skipped = domain.Registry.build("v", list(SHIPPED.networks.values()))
    assert skipped == []


class _Log:
    def __init__(self) -> None:
        self.warnings: list[tuple[str, dict[str, Any]]] = []

    def warning(self, event: str, **kw: Any) -> None:
        self.warnings.append((event, kw))

    def info(self, event: str, **kw: Any) -> None:
        pass


async def test_the_live_registry_skips_bad_documents_with_a_warning(
    store: RoutingStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _Log()
    monkeypatch.setattr(store_module, "log", log)
    for code, network in SHIPPED.networks.items():  # as `ensure_indexes` seeds them
        await store.networks.insert_one({"_id": code, **network})
    await store.networks.insert_one({"_id": "BROKEN", "organisations": "CAF", "entities": 3})
    await store.networks.insert_one({"_id": "NOCODE", "organisations": ["X"], "entities": []})
    registry = await store.registry()
    assert "BROKEN" not in registry.networks and "NOCODE" in registry.networks
    assert registry.networks["NOCODE"]["code"] == "NOCODE"  # the `_id` is the code
    assert log.warnings == [
        ("registry entry skipped", {"network": "BROKEN", "field": "organisations"})
    ]
    assert domain.assign(story("CAF"), registry).network == "CAF"


async def test_put_network_always_stores_its_code_and_is_audited(store: RoutingStore) -> None:
    doc = await store.put_network("NEW", {"organisations": ["NEW"]}, by="admin@test")
    assert doc["_id"] == doc["code"] == "NEW"
    stored = await store.network("NEW")
    assert stored is not None and stored["code"] == "NEW"
    [audit] = store.registry_audit.docs
    assert (audit["network"], audit["by"], audit["action"]) == ("NEW", "admin@test", "changed")


async def test_delete_is_soft_audited_and_a_put_restores(store: RoutingStore) -> None:
    await store.put_network("DEL", good("DEL"), by="admin@test", action="created")
    deleted = await store.delete_network("DEL", by="boss@test")
    assert deleted is not None and deleted["deleted"] is True
    assert deleted["deleted_by"] == "boss@test" and deleted["deleted_at"] is not None
    assert await store.network("DEL") is not None  # soft: the document stays
    assert "DEL" not in (await store.registry()).networks
    audit = store.registry_audit.docs
    assert [(a["action"], a["by"]) for a in audit] == [
        ("created", "admin@test"),
        ("deleted", "boss@test"),
    ]
    assert await store.delete_network("NOPE", by="boss@test") is None
    restored = await store.put_network("DEL", {"label": "Back"}, by="admin@test")
    assert "deleted" not in restored and "DEL" in (await store.registry()).networks
