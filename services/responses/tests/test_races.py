"""Races on the real database: two agents acting on one draft at once have one effect.

Each change of a draft is claimed by an insert keyed by its next sequence number before it is
written (`ResponsesStore.apply_to_draft`): FerretDB's conditional updates are not atomic between
clients, its inserts under one `_id` are (README, « one concurrency guarantee »).
"""

from __future__ import annotations

import asyncio
import uuid

from spplus.responses.deps import ResponsesDeps
from spplus.responses.draft import Draft
from spplus.responses.drafts import actor, create_draft, edit_draft, publish_draft
from spplus.runtime import clock
from spplus.runtime.auth import Principal, Role
from spplus.runtime.domain import Conflict

from .test_publish import BODY, PUBLISHER, fixture_deps, pointers, routed_story  # noqa: F401

OTHER_PUBLISHER = Principal(
    "marc@caf", "Marc Blanc", frozenset({Role.agent}), "CAF", publisher=True
)
PUBLISHERS = [PUBLISHER, OTHER_PUBLISHER] + [
    Principal(f"agent{i}@caf", f"Agent {i}", frozenset({Role.agent}), "CAF", publisher=True)
    for i in range(4)
]
ROUNDS = 8


async def published_events(deps: ResponsesDeps) -> int:
    return sum(1 for _, kind in await pointers(deps) if kind == "response.published")


async def test_two_publishers_publish_one_draft_once(deps: ResponsesDeps) -> None:
    """Both read the draft, both publish it: the store lets one change through."""
    for _ in range(ROUNDS):
        experience_id = await routed_story(deps)
        created = await create_draft(
            experience_id, BODY.format(name="Lina"), principal=PUBLISHER, deps=deps
        )
        await pointers(deps)
        draft = Draft(created)
        now = clock.now()
        changes = [
            (draft.publish(actor(p), now, "CAF"), f"{p.subject}:published") for p in PUBLISHERS
        ]
        results = await asyncio.gather(
            *(deps.store.apply_to_draft(draft.id, c, who) for c, who in changes)
        )
        winners = [r for r in results if r is not None]
        assert len(winners) == 1, [r and r["published_by"] for r in results]
        stored = await deps.store.draft(draft.id)
        assert stored is not None and stored["status"] == "published" and stored["seq"] == 1
        assert stored["published_by"] == winners[0]["published_by"]
        assert await published_events(deps) == 1


async def test_an_edit_racing_a_publication_never_unpublishes_it(deps: ResponsesDeps) -> None:
    for _ in range(ROUNDS):
        experience_id = await routed_story(deps)
        draft = await create_draft(
            experience_id, BODY.format(name="Lina"), principal=PUBLISHER, deps=deps
        )
        draft_id = uuid.UUID(draft["_id"])
        edited = BODY.format(name="Lina").replace("ce mois-ci", "dès lundi")
        outcomes = await asyncio.gather(
            publish_draft(draft_id, principal=PUBLISHER, deps=deps),
            edit_draft(draft_id, edited, principal=OTHER_PUBLISHER, deps=deps),
            return_exceptions=True,
        )
        stored = await deps.store.draft(draft["_id"])
        assert stored is not None
        errors = [o for o in outcomes if isinstance(o, BaseException)]
        assert all(isinstance(e, Conflict) for e in errors), errors
        if stored["status"] == "published":  # the publication won: the edit was refused
            assert stored["seq"] == 1 and isinstance(outcomes[1], Conflict)
            assert stored["body"] == BODY.format(name="Lina")
        else:  # the edit won: the publisher was told, nothing was published
            assert stored["status"] == "draft" and stored["body"] == edited
            assert isinstance(outcomes[0], Conflict)
            assert await published_events(deps) == 0
        await pointers(deps)
