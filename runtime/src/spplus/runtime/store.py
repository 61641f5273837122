"""A service's store and what its handlers receive: collections declared once, each one that
carries events wrapped by the outbox, and the dependencies handed to every handler."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from .mongo import Document
from .outbox import outbox_collection
from .settings import ServiceSettings
from .vault import Vault

SettingsT = TypeVar("SettingsT", bound=ServiceSettings)
StoreT = TypeVar("StoreT", bound="Store")


class collection:
    """Declares one collection of a `Store`: `cases = collection("cases", outbox=True)`.

    `outbox=True` says its documents carry events to publish (see `outbox.py`): its writes that
    carry events queue a pointer for the relay first.
    """

    def __init__(self, name: str, *, outbox: bool = False) -> None:
        self.name = name
        self.outbox = outbox

    def __get__(self, store: Store, owner: type | None = None) -> AsyncCollection[Document]:
        wrapped = store._outboxes.get(self.name)
        if wrapped is None:
            wrapped = store.db[self.name]
            if self.outbox:
                wrapped = outbox_collection(wrapped, store.outbox_owner)
            store._outboxes[self.name] = wrapped
        return wrapped


class Store:
    """Base of a service's store: its collections are declared with `collection(...)`.

    `outbox_owner` names the relay that sends what this store's writes queue (the service's own);
    another relay takes over what is left too long (see `outbox.py`).
    """

    def __init__(self, db: AsyncDatabase[Document], *, outbox_owner: str = "") -> None:
        self.db = db
        self.outbox_owner = outbox_owner
        self._outboxes: dict[str, AsyncCollection[Document]] = {}

    @classmethod
    def outbox_collections(cls) -> list[str]:
        return [c.name for c in vars(cls).values() if isinstance(c, collection) and c.outbox]

    async def ensure_indexes(self) -> None:
        """Create the indexes the service's queries need (idempotent); none by default."""


@dataclass
class ServiceDeps(Generic[SettingsT, StoreT]):
    """What a service's handlers receive: its settings, its store, and ways to wake the relay
    and the periodic tasks (`kick(task)`: run it now rather than at its next tick)."""

    settings: SettingsT
    store: StoreT
    kick_relay: Callable[[], None]
    wake: dict[str, asyncio.Event] = field(default_factory=dict, repr=False)
    _last_run: dict[str, float] = field(default_factory=dict, repr=False)

    @property
    def vault(self) -> Vault:
        """The keys personal data is sealed with for Kafka (see `vault.py`)."""
        return Vault.beside(self.store.db, self.settings.mongo.database_prefix)

    def kick(self, task: Callable[..., Any] | str) -> None:
        event = self.wake.get(task if isinstance(task, str) else task.__name__)
        if event is not None:
            event.set()

    def every(self, name: str, seconds: float) -> bool:
        """True at the first call, then once `seconds` have passed since the last True (a slow
        job inside a fast periodic task, such as a sweep under a schedule)."""
        now = time.monotonic()
        last = self._last_run.get(name)
        if last is not None and now - last < seconds:
            return False
        self._last_run[name] = now
        return True
