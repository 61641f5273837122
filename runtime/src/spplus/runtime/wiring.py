"""Every dependency of a service, built in one place (`bootstrap`), started and stopped together:
the database, the broker, the outbox relay, the token verifier."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from faststream.kafka import KafkaBroker
from pymongo import AsyncMongoClient
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from .auth import TokenVerifier
from .kafka import RelayProducer, make_broker, start_broker
from .logging import get_logger
from .mongo import Document, make_mongo, wait_for_mongo
from .relay import OutboxRelay
from .settings import ServiceSettings

log = get_logger(__name__)

Hook = Callable[["Runtime"], Awaitable[None]]


@dataclass
class Runtime:
    """Every dependency of a service, built in one place; tests pass their own in `bootstrap`."""

    settings: ServiceSettings
    mongo: AsyncMongoClient[Document]
    db: AsyncDatabase[Document]
    broker: KafkaBroker
    relay: OutboxRelay
    verifier: TokenVerifier
    extras: dict[str, Any] = field(default_factory=dict)

    def collection(self, name: str) -> AsyncCollection[Document]:
        return self.db[name]


def bootstrap(
    settings: ServiceSettings,
    *,
    outbox_collections: Sequence[str] = (),
    mongo: AsyncMongoClient[Document] | None = None,
    broker: KafkaBroker | None = None,
) -> Runtime:
    """Build (without connecting) the dependencies of a service; any of them can be overridden."""
    mongo = mongo or make_mongo(settings)
    db = mongo[settings.database_name]
    broker = broker or make_broker(settings)
    relay = OutboxRelay(
        [db[name] for name in outbox_collections],
        RelayProducer(settings),
        interval_s=settings.outbox_interval_s,
    )
    return Runtime(
        settings=settings,
        mongo=mongo,
        db=db,
        broker=broker,
        relay=relay,
        verifier=TokenVerifier(settings.auth),
    )


async def start_runtime(rt: Runtime, on_ready: Sequence[Hook] = ()) -> None:
    s = rt.settings
    await wait_for_mongo(rt.db, s.startup_timeout_s)
    await rt.relay.ensure_indexes()
    for hook in on_ready:
        await hook(rt)
    await start_broker(rt.broker, s.startup_timeout_s)
    rt.relay.start()
    rt.relay.kick()
    log.info("service started", port=s.http_port)


async def stop_runtime(rt: Runtime) -> None:
    await rt.relay.stop()
    await rt.broker.stop()
    await rt.mongo.close()
    log.info("service stopped")
