"""The vault on the real database: what is sealed for one story opens for it alone, and never
again once its key is shredded (nor can it be sealed again)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from pymongo import AsyncMongoClient

from spplus.runtime.mongo import Document
from spplus.runtime.testing import Stack
from spplus.runtime.vault import PREFIX, Shredded, Vault


@pytest.fixture(name="vault")
async def fixture_vault(stack: Stack) -> AsyncIterator[Vault]:
    client: AsyncMongoClient[Document] = AsyncMongoClient(stack.mongo_url, tz_aware=True)
    prefix = f"test_vault_{uuid.uuid4().hex[:8]}_"
    yield Vault.beside(client["admin"], prefix)
    await client.drop_database(f"{prefix}vault")
    await client.close()


async def test_sealed_for_one_story_opened_for_it_alone_until_shredded(vault: Vault) -> None:
    story, other = str(uuid.uuid4()), str(uuid.uuid4())
    sealed = await vault.seal(story, {"email": "secret@example.org"})
    assert sealed.startswith(PREFIX) and "secret" not in sealed
    assert await vault.open(story, sealed) == {"email": "secret@example.org"}
    assert await vault.seal(story, {"email": "secret@example.org"}) != sealed  # a fresh nonce

    await vault.seal(other, {"x": 1})
    with pytest.raises(ValueError):
        await vault.open(other, sealed)  # bound to its own story
    tampered = sealed[:-4] + ("AAAA" if not sealed.endswith("AAAA") else "BBBB")
    with pytest.raises(ValueError):
        await vault.open(story, tampered)
    with pytest.raises(ValueError):
        await vault.open(story, "not sealed at all")

    await vault.shred(story)
    with pytest.raises(Shredded):
        await vault.open(story, sealed)
    with pytest.raises(Shredded):
        await vault.seal(story, {"email": "again@example.org"})  # never made again
    with pytest.raises(Shredded):
        await vault.open(str(uuid.uuid4()), sealed)  # a story never sealed for
