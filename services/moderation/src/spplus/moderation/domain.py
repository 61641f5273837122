"""Moderation rules (walking skeleton): publish a story unless it visibly holds contact data.

The full engine (redaction, every reason code, edit tiers) is the moderation issue's work; until
then anything that looks like an email or a phone number goes to a human instead of the public.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spplus.contracts.events import ExperienceSubmittedPayload, ModerationDecision
from spplus.contracts.reference import department_of
from spplus.contracts.values import PublicStory

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+33\s*|0)[1-9](?:[\s.-]?\d{2}){4}")


@dataclass(frozen=True)
class Analysis:
    decision: ModerationDecision
    reasons: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


def analyze(story: ExperienceSubmittedPayload) -> Analysis:
    text = f"{story.title}\n{story.description}"
    flags = []
    if _EMAIL.search(text):
        flags.append("email")
    if _PHONE.search(text):
        flags.append("phone")
    if flags:
        return Analysis(ModerationDecision.human_review, flags=flags)
    return Analysis(ModerationDecision.publish)


def public_story(story: ExperienceSubmittedPayload) -> PublicStory:
    """The public version: no postal code, no contact data, only the département."""
    return PublicStory(
        title=story.title,
        description=story.description,
        feeling=story.feeling,
        experience_date=story.experience_date,
        journey=story.journey,
        pseudonym=story.pseudonym,
        department=department_of(story.postal_code),
        city=story.city,
    )
