"""The payload of every v1 event (the events, with their topics: `events.py`)."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from .values import Feeling, JourneyStep, PublicStory


class _Payload(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- payloads ---------------------------------------------------------------------------------


class ExperienceSubmittedPayload(_Payload):
    """The story as typed. Raw text: it may contain personal data (restricted topic).

    Intake seals what may identify the author (`SEALED_STORY_FIELDS`) into `sealed`, with a key
    of this story's own that erasure deletes, and leaves those fields empty here; moderation
    opens them. A payload without `sealed` carries them in clear (events written before)."""

    experience_id: uuid.UUID
    title: str
    description: str
    feeling: Feeling
    experience_date: str
    journey: list[JourneyStep]
    postal_code: str | None = None
    city: str | None = None
    pseudonym: str | None = None
    submitted_at: AwareDatetime
    sealed: str | None = Field(
        default=None,
        description="title, description, postal_code, city and pseudonym, sealed (see above)",
    )


#: The fields of a submitted story that travel sealed.
SEALED_STORY_FIELDS = ("title", "description", "postal_code", "city", "pseudonym")


class AuthorContactPayload(_Payload):
    """How to reach the author of one story (notifications only)."""

    experience_id: uuid.UUID
    email: str = Field(description="empty when `sealed` carries it")
    sealed: str | None = Field(
        default=None, description="the email, sealed with the story's key (erasure deletes it)"
    )
    ip_hash: str | None = Field(
        default=None, description="Deprecated, never sent: the client's address stays in intake."
    )


class ModerationDecision(StrEnum):
    publish = "publish"
    publish_after_notice = "publish_after_notice"
    await_author_approval = "await_author_approval"
    reject = "reject"
    human_review = "human_review"


class EditTier(StrEnum):
    none = "none"
    silent = "silent"
    minor = "minor"
    substantial = "substantial"


class ExperienceModeratedPayload(_Payload):
    experience_id: uuid.UUID
    decision: ModerationDecision
    reason_codes: list[str] = Field(default_factory=list)
    edit_tier: EditTier = EditTier.none
    redacted_title: str
    redacted_description: str
    diff_summary: list[str] = Field(default_factory=list)
    author_deadline: AwareDatetime | None = None


class ExperiencePublishedPayload(_Payload):
    experience_id: uuid.UUID
    story: PublicStory
    published_at: AwareDatetime


class ExperienceWithdrawnPayload(_Payload):
    experience_id: uuid.UUID
    reason: str
    requested_by: Literal["moderator", "author"]


class NetworkWithdrawalPayload(_Payload):
    """A story the network was given is withdrawn: drop it, and any answer in progress."""

    experience_id: uuid.UUID
    network: str
    requested_by: Literal["moderator", "author"]
    withdrawn_at: AwareDatetime


class AuthorForgottenPayload(_Payload):
    """The author asked to be forgotten: every service deletes what it holds of their personal
    data and raw text about this story (the published redacted story too, unless
    `keep_published`)."""

    experience_id: uuid.UUID
    keep_published: bool = False
    requested_at: AwareDatetime


class AuthorAction(StrEnum):
    approve = "approve"
    reject = "reject"
    block = "block"
    withdraw = "withdraw"


class AuthorDecisionPayload(_Payload):
    experience_id: uuid.UUID
    action: AuthorAction


class ExperienceRoutedPayload(_Payload):
    experience_id: uuid.UUID
    network: str
    entity: str | None = None
    due_at: AwareDatetime
    story: PublicStory
    assigned_at: AwareDatetime | None = None
    rule: str | None = Field(default=None, description="organisation, classifier or manual")
    version: int = Field(default=1, description="Grows with each reassignment; the latest wins")
    secondary: list[str] = Field(default_factory=list, description="Other networks concerned")


class ResponseSubmittedPayload(_Payload):
    """A response written in a network's own system and handed to the platform."""

    experience_id: uuid.UUID
    network: str
    external_id: str
    body: str
    agent_first_name: str
    organisation_name: str


class ResponsePublishedPayload(_Payload):
    response_id: uuid.UUID
    experience_id: uuid.UUID
    network: str
    entity: str | None = None
    body: str
    signature: str
    published_at: AwareDatetime
    revision: int = Field(
        default=1,
        ge=1,
        description="1 when published; grows with each edit in the 30 minutes after (latest wins)",
    )
    edited_at: AwareDatetime | None = None


class ImprovementRecordedPayload(_Payload):
    """What a service changed because of one or more stories: one event per linked story (keyed by
    its `experience_id`), each naming them all in `experience_ids`."""

    action_id: uuid.UUID
    experience_id: uuid.UUID
    network: str
    title: str
    description: str
    recorded_at: AwareDatetime
    experience_ids: list[uuid.UUID] = Field(
        default_factory=list, description="Every story the action is linked to"
    )


class WorkflowStep(StrEnum):
    draft_submitted = "draft_submitted"
    draft_returned = "draft_returned"
    deadline_near = "deadline_near"
    overdue = "overdue"


class ResponseWorkflowPayload(_Payload):
    """A step of an answer's life the network's agents must hear about (no personal data)."""

    experience_id: uuid.UUID
    network: str
    entity: str | None = None
    step: WorkflowStep
    due_at: AwareDatetime | None = None
    draft_id: uuid.UUID | None = None
    comment: str | None = Field(default=None, description="The validator's comment on a return")


class VoteKind(StrEnum):
    similar = "similar"
    useful = "useful"


class VoteCastPayload(_Payload):
    vote_id: uuid.UUID
    kind: VoteKind
    experience_id: uuid.UUID
    response_id: uuid.UUID | None = None
    useful: bool | None = None
    voter_hash: str = Field(description="Salted hash: never the address itself")


class DocumentReceivedPayload(_Payload):
    """A complex administrative document sent to be simplified (contact: notifications only)."""

    document_id: uuid.UUID
    email: str | None = None
    kind: Literal["file", "url"]
    unsubscribe_token: str


class PanelJoinedPayload(_Payload):
    """A tester-panel sign-up (contact: notifications only)."""

    member_id: uuid.UUID
    email: str
    category: str
    age_bracket: str
    unsubscribe_token: str


class NotificationSentPayload(_Payload):
    experience_id: uuid.UUID | None = None
    template: str
    channel: Literal["email"] = "email"
    outcome: Literal["sent", "failed", "skipped"]


class IndicatorsSnapshotPayload(_Payload):
    window_start: datetime | None = None
    window_end: AwareDatetime
    network: str | None = None
    values: dict[str, float]


class DeadLetterPayload(_Payload):
    """A message that failed every retry, kept with the error."""

    source_topic: str
    partition: int | None = None
    offset: int | None = None
    key: str | None = None
    value: str = Field(description="The original message, as text")
    error: str
    attempts: int
    failed_at: AwareDatetime
