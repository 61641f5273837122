"""Value types shared by events and the public API."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Feeling(StrEnum):
    positive = "positive"
    neutral = "neutral"
    negative = "negative"


class Channel(StrEnum):
    counter = "counter"
    phone = "phone"
    email = "email"
    website = "website"
    app = "app"
    mail = "mail"
    chat = "chat"
    other = "other"


class ChannelUse(BaseModel):
    """One channel the author used with an organisation, and how it felt."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    channel: Channel
    feeling: Feeling


class JourneyStep(BaseModel):
    """An organisation the author contacted, with the channels used."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    organisation: str = Field(min_length=1, max_length=120)
    channels: list[ChannelUse] = Field(default_factory=list, max_length=len(Channel))


class PublicStory(BaseModel):
    """The public version of a story: redacted text, no contact data."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    description: str
    feeling: Feeling
    experience_date: str = Field(description="ISO date (YYYY-MM-DD) the author lived it")
    journey: list[JourneyStep]
    pseudonym: str | None = None
    department: str | None = Field(default=None, description="Département code, e.g. 75, 2A, 971")
    city: str | None = None
