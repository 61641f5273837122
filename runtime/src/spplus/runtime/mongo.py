"""The async PyMongo client, and waiting for the database at startup."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from pymongo import AsyncMongoClient
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError, OperationFailure, PyMongoError

from .logging import get_logger
from .metrics import DatabaseCommands
from .settings import ServiceSettings

log = get_logger(__name__)

Document = dict[str, Any]


def make_mongo(settings: ServiceSettings) -> AsyncMongoClient[Document]:
    """A client that does not connect until first used (nothing happens at construction)."""
    return AsyncMongoClient(
        settings.mongo.url,
        tz_aware=True,
        serverSelectionTimeoutMS=3000,
        appname=settings.service_name,
        uuidRepresentation="standard",
        event_listeners=[DatabaseCommands(settings.service_name)],
    )


async def wait_for_mongo(db: AsyncDatabase[Document], timeout_s: float) -> None:
    """Ping until the server answers, so a service may start before its database."""
    deadline = time.monotonic() + timeout_s
    delay = 0.5
    while True:
        try:
            await db.command("ping")
            return
        except PyMongoError as exc:
            if time.monotonic() > deadline:
                raise RuntimeError(f"database not reachable after {timeout_s:.0f}s") from exc
            log.warning("waiting for database", error=type(exc).__name__)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)


async def is_mongo_ready(db: AsyncDatabase[Document]) -> bool:
    try:
        await asyncio.wait_for(db.command("ping"), timeout=2)
        return True
    except (PyMongoError, TimeoutError):
        return False


def is_duplicate(exc: PyMongoError) -> bool:
    """A unique-index violation. MongoDB says 11000; FerretDB v1 says so on insert, but reports
    one met by an update or an upsert as code 1 ("UNIQUE constraint failed")."""
    if isinstance(exc, DuplicateKeyError):
        return True
    return isinstance(exc, OperationFailure) and "UNIQUE constraint failed" in str(exc)


async def insert_once(collection: AsyncCollection[Document], doc: Document) -> bool:
    """Insert `doc`; False (and no change) when a document with its `_id` exists already."""
    try:
        await collection.insert_one(doc)
        return True
    except DuplicateKeyError:
        return False
