"""Personal data sealed for Kafka, and erased from it by deleting one key ("crypto-shredding").

Kafka cannot delete one record of a log: a story's raw text on `experience.submitted` stays
until the topic's retention drops it, an address on `author.contact` until compaction. So intake
puts them there sealed (AES-256-GCM) with a key of that story's own, kept in one place only: the
`keys` collection of the vault database (`<prefix>vault`; in production a database, or a KMS,
that only intake writes and only moderation and notifications read). Erasing a story deletes its
key: every copy on every topic, its dead-letter twin and any replica or backup of the log is then
noise, at once. A shredded key leaves a marker, so that it is never made again.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from bson import Binary
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import PyMongoError

from . import clock
from .mongo import Document, is_duplicate

PREFIX = "sealed.v1."


class Shredded(Exception):
    """This story's key was deleted: what was sealed with it cannot be opened, nor sealed again."""


class Vault:
    def __init__(self, keys: AsyncCollection[Document]) -> None:
        self._keys = keys

    @classmethod
    def beside(cls, db: AsyncDatabase[Document], database_prefix: str) -> Vault:
        """The vault of the platform whose service databases are `<prefix><service>`."""
        return cls(db.client[f"{database_prefix}vault"]["keys"])

    async def seal(self, item_id: str, data: dict[str, Any]) -> str:
        """`data` as JSON, encrypted with `item_id`'s key (made on first use) and bound to it."""
        key = await self._key(item_id, create=True)
        nonce = os.urandom(12)
        sealed = AESGCM(key).encrypt(nonce, json.dumps(data).encode(), item_id.encode())
        return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode()

    async def open(self, item_id: str, sealed: str) -> dict[str, Any]:
        """What `seal` sealed. Raises `Shredded` once the key is deleted (or was never made),
        `ValueError` for anything that was not sealed for this item."""
        key = await self._key(item_id, create=False)
        if not sealed.startswith(PREFIX):
            raise ValueError("not a sealed value")
        try:
            raw = base64.urlsafe_b64decode(sealed[len(PREFIX) :].encode())
            data = AESGCM(key).decrypt(raw[:12], raw[12:], item_id.encode())
            opened = json.loads(data)
        except (InvalidTag, ValueError) as exc:
            raise ValueError("a sealed value that does not open with this item's key") from exc
        if not isinstance(opened, dict):
            raise ValueError("a sealed value that is not an object")
        return opened

    async def shred(self, item_id: str) -> None:
        """Delete the key for good (a marker stays: it is never made again)."""
        await self._keys.replace_one(
            {"_id": item_id}, {"_id": item_id, "shredded_at": clock.now()}, upsert=True
        )

    async def _key(self, item_id: str, *, create: bool) -> bytes:
        doc = await self._keys.find_one({"_id": item_id})
        if doc is None and create:
            try:
                await self._keys.insert_one(
                    {"_id": item_id, "key": Binary(os.urandom(32)), "at": clock.now()}
                )
            except PyMongoError as exc:
                if not is_duplicate(exc):
                    raise
            doc = await self._keys.find_one({"_id": item_id})  # ours, or a concurrent writer's
        if doc is None or "key" not in doc:
            raise Shredded(item_id)
        return bytes(doc["key"])
