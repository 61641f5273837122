"""The public intake API: what the frontend sends and what it reads (its contract)."""

from __future__ import annotations

import re
import unicodedata
import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .reference import Organisation as Organisation  # part of the API contract
from .reference import is_abusive
from .values import Feeling, JourneyStep

#: A French postal code: metropolitan départements 01-95 (Corsica is 20xxx), overseas 97x/98x.
POSTAL_CODE = re.compile(r"^(?:0[1-9]|[1-8]\d|9[0-5]|97[1-8]|98[0-9])\d{2,3}$")
_PHONE_LIKE = re.compile(r"(?:\+33|0)\s*[1-9](?:[\s.-]*\d{2}){4}")


def _require_consent(v: bool) -> bool:
    if not v:
        raise PydanticCustomError(
            "consent_required", "Vous devez accepter les conditions d'utilisation."
        )
    return v


class AuthorIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    email: EmailStr
    postal_code: str | None = Field(default=None, examples=["75011"])
    city: str | None = Field(default=None, max_length=120, examples=["Paris"])
    pseudonym: str | None = Field(default=None, max_length=40)

    @field_validator("postal_code")
    @classmethod
    def _postal_code(cls, v: str | None) -> str | None:
        if v is None or v == "":
            return None
        if len(v) != 5 or not POSTAL_CODE.match(v):
            raise PydanticCustomError(
                "postal_code_invalid",
                "Le code postal doit être un code postal français à 5 chiffres.",
            )
        return v

    @field_validator("pseudonym")
    @classmethod
    def _pseudonym(cls, v: str | None) -> str | None:
        if not v:
            return None
        plain = unicodedata.normalize("NFKC", v)  # a full-width ＠ or digit is one all the same
        if "@" in plain or _PHONE_LIKE.search(plain):
            raise PydanticCustomError(
                "pseudonym_personal_data",
                "Le pseudonyme ne doit contenir ni adresse email ni numéro de téléphone.",
            )
        if is_abusive(v):
            raise PydanticCustomError(
                "pseudonym_abusive", "Ce pseudonyme n'est pas acceptable : choisissez-en un autre."
            )
        return v

    @model_validator(mode="after")
    def _where(self) -> AuthorIn:
        if not self.postal_code and not self.city:
            raise PydanticCustomError(
                "location_required", "Indiquez votre code postal ou votre ville de résidence."
            )
        return self


class SubmitExperienceRequest(BaseModel):
    """A story, as the form `je partage mon expérience` sends it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=150)
    description: str = Field(min_length=100, max_length=1000)
    feeling: Feeling
    experience_date: date
    journey: list[JourneyStep] = Field(min_length=1, max_length=20)
    author: AuthorIn
    consent: bool

    @field_validator("experience_date")
    @classmethod
    def _not_future(cls, v: date) -> date:
        if v > date.today():
            raise PydanticCustomError(
                "date_in_future", "La date de l'expérience ne peut pas être dans le futur."
            )
        return v

    _consent = field_validator("consent")(_require_consent)


class Category(StrEnum):
    """Socio-professional category (INSEE's first level)."""

    farmer = "agriculteur_exploitant"
    self_employed = "artisan_commercant_chef_entreprise"
    executive = "cadre_profession_intellectuelle_superieure"
    intermediate = "profession_intermediaire"
    employee = "employe"
    worker = "ouvrier"
    retired = "retraite"
    other = "sans_activite_professionnelle"


class AgeBracket(StrEnum):
    age_18_24 = "18-24"
    age_25_34 = "25-34"
    age_35_49 = "35-49"
    age_50_64 = "50-64"
    age_65_plus = "65+"


class PanelSignupRequest(BaseModel):
    """Sign-up to the panel of users who test simplified documents."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    email: EmailStr
    category: Category
    age_bracket: AgeBracket
    consent: bool

    _consent = field_validator("consent")(_require_consent)


_EMAIL_LIKE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LONG_NUMBER = re.compile(r"\d(?:[\s.\-/]?\d){6,}")


def has_contact_data(text: str) -> bool:
    """An email, a phone number or a long number (file, NIR, IBAN…): not for a free-text field."""
    return bool(_EMAIL_LIKE.search(text) or _PHONE_LIKE.search(text) or _LONG_NUMBER.search(text))


class Acknowledged(BaseModel):
    id: uuid.UUID
    status: str = Field(examples=["received"])


class VoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    useful: bool


class VoteCounted(BaseModel):
    counted: bool = Field(description="False when this voter had already voted on this item")
    similar_count: int | None = None
    useful_count: int | None = None
    not_useful_count: int | None = None


class SubmissionAccepted(BaseModel):
    id: uuid.UUID
    status: str = Field(examples=["received"])


class PublicResponse(BaseModel):
    id: uuid.UUID
    network: str
    body: str
    signature: str
    published_at: datetime
    edited_at: datetime | None = Field(
        default=None, description="When the agent last corrected it (possible for 30 minutes)"
    )
    useful_count: int = 0
    not_useful_count: int = 0


class PublicImprovementAction(BaseModel):
    id: uuid.UUID
    title: str
    description: str
    recorded_at: datetime


class PublicExperience(BaseModel):
    id: uuid.UUID
    title: str
    description: str
    feeling: Feeling
    experience_date: str
    journey: list[JourneyStep]
    pseudonym: str | None = None
    department: str | None = None
    city: str | None = None
    published_at: datetime
    network: str | None = None
    responses: list[PublicResponse] = Field(default_factory=list)
    improvement_actions: list[PublicImprovementAction] = Field(default_factory=list)
    similar_count: int = 0


class ExperiencePage(BaseModel):
    items: list[PublicExperience]
    page: int
    page_size: int
    total: int


class FieldError(BaseModel):
    field: str = Field(examples=["description"])
    code: str = Field(examples=["too_short"])
    message: str = Field(examples=["Ce champ doit contenir au moins 100 caractères."])


class ApiError(BaseModel):
    """Every 4xx answer: a stable code, a French message, and one entry per faulty field."""

    code: str
    message: str
    errors: list[FieldError] = Field(default_factory=list)
