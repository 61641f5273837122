"""Fakes for routing's unit tests: no Kafka, no database, no DNS.

`FakeDatabase` does the few MongoDB operations the registry uses (equality filters, `$set`,
`$unset`, upsert), enough to run the real `RoutingStore` registry code against it.
"""

from __future__ import annotations

import copy
import ipaddress
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from spplus.routing import webhooks
from spplus.routing.store import RoutingStore

Doc = dict[str, Any]


def _matches(doc: Doc, flt: Doc) -> bool:
    return all(doc.get(k) == v for k, v in flt.items())


class FakeCursor:
    def __init__(self, docs: list[Doc]) -> None:
        self._docs = docs

    def sort(self, key: str, direction: int) -> FakeCursor:
        self._docs.sort(key=lambda d: str(d.get(key)), reverse=direction < 0)
        return self

    def limit(self, n: int) -> FakeCursor:
        self._docs = self._docs[:n]
        return self

    async def __aiter__(self) -> AsyncIterator[Doc]:
        for doc in self._docs:
            yield copy.deepcopy(doc)


class FakeCollection:
    def __init__(self) -> None:
        self.docs: list[Doc] = []
        self.database: FakeDatabase | None = None

    def find(self, flt: Doc | None = None, projection: Doc | None = None) -> FakeCursor:
        return FakeCursor([d for d in self.docs if _matches(d, flt or {})])

    async def find_one(self, flt: Doc, projection: Doc | None = None) -> Doc | None:
        found = next((d for d in self.docs if _matches(d, flt)), None)
        return copy.deepcopy(found)

    async def insert_one(self, doc: Doc) -> None:
        if "_id" in doc and any(d["_id"] == doc["_id"] for d in self.docs):
            raise DuplicateKeyError("duplicate _id")
        self.docs.append(copy.deepcopy(doc))

    async def find_one_and_update(
        self,
        flt: Doc,
        update: Doc,
        upsert: bool = False,
        return_document: Any = ReturnDocument.BEFORE,
    ) -> Doc | None:
        doc = next((d for d in self.docs if _matches(d, flt)), None)
        before = copy.deepcopy(doc)
        if doc is None:
            if not upsert:
                return None
            doc = dict(flt)
            self.docs.append(doc)
        assert set(update) <= {"$set", "$unset"}, update
        doc.update(copy.deepcopy(update.get("$set", {})))
        for key in update.get("$unset", {}):
            doc.pop(key, None)
        return copy.deepcopy(doc) if return_document == ReturnDocument.AFTER else before

    async def create_index(self, *args: Any, **kwargs: Any) -> None:
        return None


class FakeDatabase:
    def __init__(self) -> None:
        self.collections: dict[str, FakeCollection] = {}

    def __getitem__(self, name: str) -> FakeCollection:
        if name not in self.collections:
            self.collections[name] = FakeCollection()
            self.collections[name].database = self  # as PyMongo's: the outbox finds its queue
        return self.collections[name]


@pytest.fixture(name="store")
def fixture_store() -> RoutingStore:
    return RoutingStore(FakeDatabase())


def make_resolver(table: dict[str, list[str]]) -> Callable[[str, int], Any]:
    """A resolver that answers from `table` (a name it does not know does not resolve)."""

    async def resolve(host: str, port: int) -> list[webhooks.IPAddress]:
        return [ipaddress.ip_address(a) for a in table.get(host, [])]

    return resolve


#: What the tests' public names resolve to (documentation prefixes are not public: these are).
PUBLIC_DNS = {
    "partner.example": ["203.0.114.7"],
    "hooks.caf.example": ["2a01:e0a:1::5", "81.2.69.160"],
    "intranet.example": ["10.1.2.3"],
    "metadata.example": ["169.254.169.254"],
    "mixed.example": ["81.2.69.160", "192.168.1.10"],
    "mapped.example": ["::ffff:127.0.0.1"],
}


@pytest.fixture(autouse=True)
def no_real_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test resolves through `PUBLIC_DNS` unless it injects a resolver of its own."""
    monkeypatch.setattr(webhooks, "system_resolve", make_resolver(PUBLIC_DNS))


@pytest.fixture(name="resolver")
def fixture_resolver() -> Callable[[dict[str, list[str]]], Callable[[str, int], Any]]:
    """`resolver({name: [addresses]})`: a resolver to inject."""
    return make_resolver


@pytest.fixture(name="public_dns")
def fixture_public_dns() -> dict[str, list[str]]:
    return PUBLIC_DNS
