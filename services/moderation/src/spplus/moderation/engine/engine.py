"""The analysis of one story: personal data redacted, policy applied, edits tiered, a decision.

Pure: no I/O. `Engine.analyze` is what the service, the CLI and the evaluation all call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from spplus.redaction import lexicon, pii, scan
from spplus.runtime import clock

from . import normalise, policy
from .duplicates import DuplicateIndex
from .text import fold

#: Reasons that only say a story lacks something; a specific reason, when there is one, wins.
GENERIC = frozenset({"INCOMPLETE", "NOT_AN_EXPERIENCE"})


#: Comments not tied to the lived experience, removed by the policy (a substantial edit).
_REMARK = (
    r"(?:je recommande à tout le monde|je conseille à tout le monde|"
    r"il y a (?:visiblement )?trop d['’]agents|tous des fainéants|ne fichent rien|"
    r"occupés à ne rien faire|allez plutôt à l['’]agence)"
)
#: A whole sentence holding an off-topic remark (with its end and the spaces after it).
REMARKS = scan.compile(rf"[^.!?\n]*{_REMARK}[^.!?\n]*[.!?]?\s*", re.IGNORECASE)
#: The remark alone: found in one linear pass. `REMARKS` tries each position of a sentence as its
#: start (quadratic in the sentence's length), so it only runs on the texts this one matches.
REMARK_WORDS = scan.compile(_REMARK, re.IGNORECASE)


@dataclass(frozen=True)
class Thresholds:
    reject: float = 0.7
    """A flag at least this sure refuses the story."""
    review: float = 0.4
    """A flag at least this sure (but below `reject`) sends the story to a moderator."""
    duplicate: float = 0.7
    """Shingle similarity from which a story repeats an earlier one."""
    risk: float = 1.0
    """Residual risk (spans that may be personal data and that no net explains) from which a
    story that would be published goes to a moderator instead."""


@dataclass(frozen=True)
class Edit:
    field: str
    start: int
    end: int
    kind: str
    tier: str
    replacement: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "span": [self.start, self.end],
            "kind": self.kind,
            "tier": self.tier,
            "replacement": self.replacement,
        }


@dataclass(frozen=True)
class RiskSpan:
    """A span a moderator should look at before publication: it may identify someone."""

    field: str
    start: int
    end: int
    kind: str
    weight: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "span": [self.start, self.end],
            "kind": self.kind,
            "weight": self.weight,
        }


@dataclass(frozen=True)
class StoryInput:
    id: str
    title: str
    description: str
    experience_date: date | None
    submitted_at: datetime
    organisms: tuple[str, ...] = ()
    pseudonym: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> StoryInput:
        exp = d.get("experience_date")
        sub = d.get("submitted_at")
        submitted = datetime.fromisoformat(sub) if sub else clock.now()
        if submitted.tzinfo is None:
            submitted = submitted.replace(tzinfo=UTC)
        return cls(
            id=str(d.get("id", "")),
            title=str(d.get("title", "")),
            description=str(d.get("description", "")),
            experience_date=date.fromisoformat(exp[:10]) if exp else None,
            submitted_at=submitted,
            organisms=tuple(d.get("organisms") or ()),
            pseudonym=d.get("pseudonym"),
        )


@dataclass
class Analysis:
    id: str
    decision: str
    reasons: list[str]
    redacted_title: str
    redacted_description: str
    edits: list[Edit]
    flags: list[policy.Flag] = field(default_factory=list)
    pseudonym: str | None = None
    risks: list[RiskSpan] = field(default_factory=list)

    @property
    def risk(self) -> float:
        return round(sum(r.weight for r in self.risks), 2)

    @property
    def tier(self) -> str:
        order = ["none", "silent", "minor", "substantial"]
        return max((e.tier for e in self.edits), key=order.index, default="none")

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "decision": self.decision,
            "reasons": self.reasons,
            "redacted_title": self.redacted_title,
            "redacted_description": self.redacted_description,
            "edits": [e.as_dict() for e in self.edits],
            "tier": self.tier,
            "flags": [{"code": f.code, "confidence": round(f.confidence, 2)} for f in self.flags],
            "risk": self.risk,
            "risks": [r.as_dict() for r in self.risks],
            "pseudonym": self.pseudonym,
        }


#: A "sentence" longer than this is a run-on story, not a remark: it stays whole.
_REMARK_MAX = 240


def _apply(
    text: str, field_name: str, assessment: pii.Assessment
) -> tuple[str, list[Edit], list[RiskSpan], str]:
    """Redact personal data, then remove off-topic remarks; edits are on the original text.
    Also returns the text redacted but with its remarks, which the policy reads."""
    edits: list[Edit] = []
    out: list[str] = []
    cursor = 0
    risks = [RiskSpan(field_name, r.start, r.end, r.kind, r.weight) for r in assessment.risks]
    for f in assessment.findings:
        out.append(text[cursor : f.start])
        out.append(f.replacement)
        edits.append(Edit(field_name, f.start, f.end, f.kind, "minor", f.replacement))
        cursor = f.end
    out.append(text[cursor:])
    redacted = "".join(out)
    whole = redacted
    if REMARK_WORDS.search(text):
        for m in REMARKS.finditer(text):
            if len(m.group()) <= _REMARK_MAX:
                edits.append(
                    Edit(field_name, m.start(), m.end(), "off_topic_remark", "substantial", "")
                )
        redacted = REMARKS.sub(
            lambda m: "" if len(m.group()) <= _REMARK_MAX else m.group(), redacted
        )
    redacted = re.sub(r"[ \t]{2,}", " ", redacted)
    redacted = re.sub(r"\s+([,.])", r"\1", redacted)
    normalised = normalise.normalise(redacted)
    if normalised != redacted:
        edits.append(Edit(field_name, 0, len(text), "normalisation", "silent", ""))
    return normalised, edits, risks, whole


#: Words French has and the detector's other languages lack (« je », « nous », « été »…).
_FRENCH_ONLY = frozenset(
    "je j nous vous les des est une pour pas avec dans mon mes ai ete qui sur au aux du ce "
    "cette ont tres elle ils etait avait suis sont leur apres depuis".split()
)

#: What replaces a signature that identifies its author and holds no first name to keep.
NEUTRAL_PSEUDONYM = "Anonyme"


#: One word and at most four digits after it: a nickname and a department or a year.
_NAME_AND_DEPARTMENT = scan.compile(r"[^\W\d_]{2,}[._-]?\d{1,4}")


def safe_pseudonym(pseudonym: str) -> str:
    """The signature to publish. A first name or a nickname stays (the terms of use ask for one);
    a full name is reduced to its first name; an email, a number, an address becomes neutral."""
    if " " not in pseudonym.strip() and not any(c.isdigit() or c in "@＠" for c in pseudonym):
        return pseudonym  # "Sophie", "maman_de_3": the signature the policy asks for
    if _NAME_AND_DEPARTMENT.fullmatch(pseudonym.strip()):
        return pseudonym  # "Nadège974", "seb_51": a word and a department, no number of anyone
    words = [w.strip(",.;") for w in pseudonym.split()]
    first = [w for w in words if w.casefold() in lexicon.FIRST_NAMES]
    wordy = not any(c.isdigit() or c in "@＠" for c in pseudonym)
    if not (wordy and first):  # a first name alone is kept whatever the rest says: no net needed
        found = pii.find(pseudonym)
        if any(f.kind != "person" for f in found):
            return NEUTRAL_PSEUDONYM
        if len(words) == 1:
            return pseudonym  # "Sophie", "maman_de_3": the signature the policy asks for
        if not first:
            return NEUTRAL_PSEUDONYM if found else pseudonym
    # "Sophie Le Bihan", "DUPONT Jean" → the first name
    return first[0].capitalize() if first[0].isupper() else first[0]


class Engine:
    """French moderation engine. Build once (the language detector loads its models)."""

    def __init__(self, thresholds: Thresholds | None = None) -> None:
        from lingua import Language, LanguageDetectorBuilder

        self.thresholds = thresholds or Thresholds()
        pii.warm_up()  # the model loads with the engine, not on the first story
        self._languages = {
            Language.FRENCH: "fr",
            Language.ENGLISH: "en",
            Language.SPANISH: "es",
            Language.GERMAN: "de",
            Language.ITALIAN: "it",
            Language.PORTUGUESE: "pt",
            Language.DUTCH: "nl",
        }
        # Stories are at least 100 characters: the low-accuracy mode (trigrams only) is as sure
        # on texts of that length and several times faster.
        self._detector = (
            LanguageDetectorBuilder.from_languages(*self._languages)
            .with_low_accuracy_mode()
            .build()
        )

    def language(self, text: str) -> tuple[str, float]:
        words = re.findall(r"[a-z]+", fold(text))
        if len(words) >= 8 and sum(w in _FRENCH_ONLY for w in words) >= 0.10 * len(words):
            # Plainly French: at least 10 % of its words exist in no other language of the list
            # (the 155 foreign stories of the corpora stay under 3 %); the detector's trigrams
            # would only say it again, at a tenth of the engine's time.
            return "fr", 1.0
        values = self._detector.compute_language_confidence_values(text)
        if not values:
            return "fr", 0.0
        top = values[0]
        return self._languages[top.language], float(top.value)

    def analyze(
        self,
        story: StoryInput,
        duplicates: DuplicateIndex | None = None,
        *,
        duplicate_of: tuple[str, float] | None = None,
    ) -> Analysis:
        """Redact, check against the policy, decide. A duplicate is found by the caller (the
        service in its database: `duplicate_of`; the CLI and the evaluation in memory:
        `duplicates`) and decided here, by the same rule as every other flag."""
        title_found, description_found = pii.assess_fields(story.title, story.description)
        title, title_edits, title_risks, title_read = _apply(story.title, "title", title_found)
        description, description_edits, description_risks, description_read = _apply(
            story.description, "description", description_found
        )
        # The policy reads the redacted text: an address "@orange.fr" or "12 ter rue…" is no
        # commercial service, a child's name no keyword. It reads the remarks too: removing one
        # must not hide an advertisement.
        flags = policy.check(
            title_read,
            description_read,
            story.organisms,
            story.experience_date,
            story.submitted_at,
            # on the author's words: a Creole word the redaction took for a name still counts
            ("créole", 0.85) if policy.in_creole(story.description) else self.language(description),
        )
        match = duplicate_of
        if match is None and duplicates is not None:
            match = duplicates.match(f"{story.title}\n{story.description}")
        if match is not None:
            flags.append(policy.Flag("DUPLICATE", min(1.0, 0.5 + match[1] / 2), match[0]))
        edits = title_edits + description_edits
        pseudonym = story.pseudonym
        if pseudonym and (safe := safe_pseudonym(pseudonym)) != pseudonym:
            edits.append(Edit("pseudonym", 0, len(pseudonym), "pseudonym", "minor", safe))
            pseudonym = safe
        risks = title_risks + description_risks
        decision, reasons = self._decide(flags, edits, sum(r.weight for r in risks))
        return Analysis(
            story.id, decision, reasons, title, description, edits, flags, pseudonym, risks
        )

    def _decide(
        self, flags: list[policy.Flag], edits: list[Edit], risk: float = 0.0
    ) -> tuple[str, list[str]]:
        t = self.thresholds
        sure = {f.code for f in flags if f.confidence >= t.reject}
        doubtful = sorted({f.code for f in flags if f.confidence >= t.review})
        if sure - GENERIC:
            sure -= GENERIC  # a specific reason says more to the author than a generic one
        elif set(doubtful) - GENERIC:
            sure = set()  # a doubt on a specific reason: a person says which one, if any
        if sure:
            return "reject", sorted(sure)
        if doubtful:
            return "human_review", doubtful
        if risk >= t.risk:
            return "human_review", []  # maybe someone's name: a person looks before publishing
        tiers = {e.tier for e in edits}
        if "substantial" in tiers:
            return "await_author_approval", []
        if "minor" in tiers:
            return "publish_after_notice", []
        return "publish", []
