"""Every v1 event of the platform, each with its topic (their payloads: `payloads.py`)."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, TypeAdapter

from .envelope import Envelope
from .payloads import (  # noqa: F401  (re-exported: `events.<Payload>`)
    SEALED_STORY_FIELDS,
    AuthorAction,
    AuthorContactPayload,
    AuthorDecisionPayload,
    AuthorForgottenPayload,
    DeadLetterPayload,
    DocumentReceivedPayload,
    EditTier,
    ExperienceModeratedPayload,
    ExperiencePublishedPayload,
    ExperienceRoutedPayload,
    ExperienceSubmittedPayload,
    ExperienceWithdrawnPayload,
    ImprovementRecordedPayload,
    IndicatorsSnapshotPayload,
    ModerationDecision,
    NetworkWithdrawalPayload,
    NotificationSentPayload,
    PanelJoinedPayload,
    ResponsePublishedPayload,
    ResponseSubmittedPayload,
    ResponseWorkflowPayload,
    VoteCastPayload,
    VoteKind,
    WorkflowStep,
)
from .values import Feeling, JourneyStep, PublicStory  # noqa: F401  (as before: `events.PublicStory`)

# --- events -----------------------------------------------------------------------------------


class ExperienceSubmitted(Envelope[ExperienceSubmittedPayload]):
    TOPIC: ClassVar[str] = "spplus.experience.submitted.v1"
    event_type: Literal["experience.submitted"] = "experience.submitted"


class AuthorContactRecorded(Envelope[AuthorContactPayload]):
    TOPIC: ClassVar[str] = "spplus.author.contact.v1"
    event_type: Literal["author.contact"] = "author.contact"


class ExperienceModerated(Envelope[ExperienceModeratedPayload]):
    TOPIC: ClassVar[str] = "spplus.experience.moderated.v1"
    event_type: Literal["experience.moderated"] = "experience.moderated"


class ExperiencePublished(Envelope[ExperiencePublishedPayload]):
    TOPIC: ClassVar[str] = "spplus.experience.published.v1"
    event_type: Literal["experience.published"] = "experience.published"


class ExperienceWithdrawn(Envelope[ExperienceWithdrawnPayload]):
    TOPIC: ClassVar[str] = "spplus.experience.withdrawn.v1"
    event_type: Literal["experience.withdrawn"] = "experience.withdrawn"


class AuthorDecisionMade(Envelope[AuthorDecisionPayload]):
    TOPIC: ClassVar[str] = "spplus.author.decision.v1"
    event_type: Literal["author.decision"] = "author.decision"


class AuthorForgotten(Envelope[AuthorForgottenPayload]):
    TOPIC: ClassVar[str] = "spplus.author.forgotten.v1"
    event_type: Literal["author.forgotten"] = "author.forgotten"


class ExperienceRouted(Envelope[ExperienceRoutedPayload]):
    TOPIC: ClassVar[str] = "spplus.experience.routed.v1"
    event_type: Literal["experience.routed"] = "experience.routed"


class NetworkExperienceAssigned(Envelope[ExperienceRoutedPayload]):
    """The same assignment, on the network's own topic (see `network_topic`)."""

    TOPIC: ClassVar[str] = "spplus.network.{code}.experiences.v1"
    event_type: Literal["network.experience"] = "network.experience"


class NetworkExperienceWithdrawn(Envelope[NetworkWithdrawalPayload]):
    """On the network's own topic, after the assignment of the same story (same key): the
    story was withdrawn and may no longer be answered or shown."""

    TOPIC: ClassVar[str] = "spplus.network.{code}.experiences.v1"
    event_type: Literal["network.withdrawn"] = "network.withdrawn"


#: What a network's system reads on its topic, told apart by `event_type`.
NetworkEvent = Annotated[
    NetworkExperienceAssigned | NetworkExperienceWithdrawn, Field(discriminator="event_type")
]
NETWORK_EVENTS: TypeAdapter[NetworkExperienceAssigned | NetworkExperienceWithdrawn] = TypeAdapter(
    NetworkEvent
)


class ResponseSubmitted(Envelope[ResponseSubmittedPayload]):
    """An answer from a network's own system, on that network's own topic (see
    `network_responses_topic`): the topic names the network, whatever the payload says, and
    only that network's principal may write to it."""

    TOPIC: ClassVar[str] = "spplus.network.{code}.responses.v1"
    event_type: Literal["response.submitted"] = "response.submitted"


class ResponsePublished(Envelope[ResponsePublishedPayload]):
    TOPIC: ClassVar[str] = "spplus.response.published.v1"
    event_type: Literal["response.published"] = "response.published"


class ImprovementRecorded(Envelope[ImprovementRecordedPayload]):
    TOPIC: ClassVar[str] = "spplus.improvement.recorded.v1"
    event_type: Literal["improvement.recorded"] = "improvement.recorded"


class ResponseWorkflow(Envelope[ResponseWorkflowPayload]):
    """Drafts awaiting validation or returned, deadlines near or passed (for agents' emails)."""

    TOPIC: ClassVar[str] = "spplus.response.workflow.v1"
    event_type: Literal["response.workflow"] = "response.workflow"


class VoteCast(Envelope[VoteCastPayload]):
    TOPIC: ClassVar[str] = "spplus.vote.cast.v1"
    event_type: Literal["vote.cast"] = "vote.cast"


class DocumentReceived(Envelope[DocumentReceivedPayload]):
    TOPIC: ClassVar[str] = "spplus.document.received.v1"
    event_type: Literal["document.received"] = "document.received"


class PanelJoined(Envelope[PanelJoinedPayload]):
    TOPIC: ClassVar[str] = "spplus.panel.joined.v1"
    event_type: Literal["panel.joined"] = "panel.joined"


class NotificationSent(Envelope[NotificationSentPayload]):
    TOPIC: ClassVar[str] = "spplus.notification.sent.v1"
    event_type: Literal["notification.sent"] = "notification.sent"


class IndicatorsSnapshot(Envelope[IndicatorsSnapshotPayload]):
    TOPIC: ClassVar[str] = "spplus.indicators.snapshot.v1"
    event_type: Literal["indicators.snapshot"] = "indicators.snapshot"


class DeadLetter(Envelope[DeadLetterPayload]):
    """Published on `<source topic>.dlq`."""

    TOPIC: ClassVar[str] = "{source}.dlq"
    event_type: Literal["dead.letter"] = "dead.letter"


ALL_EVENTS: tuple[type[Envelope[Any]], ...] = (
    ExperienceSubmitted,
    AuthorContactRecorded,
    ExperienceModerated,
    ExperiencePublished,
    ExperienceWithdrawn,
    AuthorDecisionMade,
    AuthorForgotten,
    ExperienceRouted,
    NetworkExperienceAssigned,
    NetworkExperienceWithdrawn,
    ResponseSubmitted,
    ResponsePublished,
    ImprovementRecorded,
    ResponseWorkflow,
    VoteCast,
    DocumentReceived,
    PanelJoined,
    NotificationSent,
    IndicatorsSnapshot,
    DeadLetter,
)
