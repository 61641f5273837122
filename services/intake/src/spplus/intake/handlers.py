"""Intake's reactions to events: the public read model (published stories, answers,
improvement actions, withdrawals) and what moderation decided, for the author's page."""

from __future__ import annotations

from spplus.contracts import events

from . import domain
from .authors import sweep_retention
from .deps import IntakeDeps


async def on_published(event: events.ExperiencePublished, *, deps: IntakeDeps) -> None:
    p = event.payload
    story = p.story.model_dump(mode="json")
    await deps.store.upsert_published(
        p.experience_id,
        {
            **story,
            "status": "published",
            "published_at": p.published_at,
            "organisations": [step["organisation"] for step in story["journey"]],
            "networks": domain.networks_of(story["journey"]),
            "tokens": domain.tokens(p.story.title, p.story.description),
        },
    )


async def on_response_published(event: events.ResponsePublished, *, deps: IntakeDeps) -> None:
    """The public answer, or its edit (a later revision replaces the earlier one)."""
    p = event.payload
    await deps.store.put_revision(
        p.experience_id,
        "responses",
        {
            "id": str(p.response_id),
            "network": p.network,
            "body": p.body,
            "signature": p.signature,
            "published_at": p.published_at,
            "revision": p.revision,
            "edited_at": p.edited_at,
        },
    )


async def on_improvement_recorded(event: events.ImprovementRecorded, *, deps: IntakeDeps) -> None:
    p = event.payload
    await deps.store.add_to_list(
        p.experience_id,
        "improvement_actions",
        {
            "id": str(p.action_id),
            "title": p.title,
            "description": p.description,
            "recorded_at": p.recorded_at,
        },
    )


async def on_withdrawn(event: events.ExperienceWithdrawn, *, deps: IntakeDeps) -> None:
    """The story leaves the public read; the author's page says it is withdrawn."""
    await deps.store.set_status(event.payload.experience_id, "withdrawn", event.occurred_at)
    await deps.store.submissions.update_one(
        {"_id": str(event.payload.experience_id)}, {"$set": {"withdrawn_at": event.occurred_at}}
    )


async def on_moderated(event: events.ExperienceModerated, *, deps: IntakeDeps) -> None:
    """Keep what moderation decided, for the author's page."""
    p = event.payload
    # Only a later decision replaces the one kept: an older event delivered again (after the
    # story was published, say) must not bring back a choice the author no longer has. Nor does
    # a decision arriving after the author was forgotten bring their story's text back.
    at = event.occurred_at
    await deps.store.submissions.update_one(
        {
            "_id": str(p.experience_id),
            "erased_at": {"$exists": False},
            "$or": [
                {"moderated_at": {"$exists": False}},
                {"moderated_at": {"$lt": at}},
            ],
        },
        {
            "$set": {
                "status": p.decision.value,
                "moderation": p.model_dump(mode="json"),
                "moderated_at": at,
            }
        },
    )


# Every reaction of intake to every event it consumes.

#: The events this service writes (its Kafka principal may write their topics, nothing else).
PRODUCES = (
    events.ExperienceSubmitted,
    events.AuthorContactRecorded,
    events.AuthorDecisionMade,
    events.AuthorForgotten,
    events.VoteCast,
    events.DocumentReceived,
    events.PanelJoined,
)

#: Tasks run periodically: the settings field that holds each one's interval.
PERIODIC = {sweep_retention: "retention_sweep_interval_s"}

EVENT_HANDLERS = {
    events.ExperiencePublished: on_published,
    events.ResponsePublished: on_response_published,
    events.ImprovementRecorded: on_improvement_recorded,
    events.ExperienceWithdrawn: on_withdrawn,
    events.ExperienceModerated: on_moderated,
}

# Each handler above is idempotent by itself (no consumer inbox: it cost two database commands
# per event), a late redelivery included (an old event sent again after newer ones: a relay that
# takes over a stopped instance's queue does that). Checked handler by handler:
# - `on_published`: the same values again; never over a withdrawal (`status $ne withdrawn`);
# - `on_response_published`: an equal or older revision changes nothing (`put_revision`);
# - `on_improvement_recorded`: added once (`improvement_actions.id $ne`);
# - `on_withdrawn`: final, the same values again;
# - `on_moderated`: only a later decision replaces the one kept (`moderated_at`).
