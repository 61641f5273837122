"""Personal data in French stories: where it is, what it is, and what replaces it.

Regular expressions find candidates; python-stdnum confirms checksummed identifiers (NIR, tax
number, IBAN, SIRET/SIREN) so their kind is named right; context words decide ambiguous numbers.
"""

from __future__ import annotations

from . import ner
from .context import named_places
from .elsewhere import (
    caps_pairs,
    caps_particle_names,
    found_again,
    lives_at,
    next_to_names,
    thanked,
)
from .names import first_names
from .patterns import PLACEHOLDER, Finding
from .places import places
from .risks import Assessment, Risk, _risks
from .rules import _rules
from .shadow import Shadow
from .signatures import (
    _coordinated_names,
    _parenthesised_names,
    _public_figure,
    _role_signature,
    _same_names_elsewhere,
    _with_particles,
)
from .statistical import _statistical


def _resolve(found: list[Finding]) -> list[Finding]:
    """Keep the widest of overlapping findings (a role rewrite beats the bare name inside it)."""
    ordered = sorted(found, key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Finding] = []
    for f in ordered:
        if out and f.start < out[-1].end:
            last = out[-1]
            if f.end > last.end:  # overlapping tails: extend the first, keep its kind
                out[-1] = Finding(last.start, f.end, last.kind, last.replacement)
            continue
        out.append(f)
    return out


def redact(text: str) -> str:
    """`text` with every finding replaced by its placeholder."""
    out: list[str] = []
    cursor = 0
    for f in find(text):
        out.append(text[cursor : f.start])
        out.append(f.replacement)
        cursor = f.end
    out.append(text[cursor:])
    return "".join(out)


def assess(text: str) -> Assessment:
    """Every piece of personal data in `text` (without overlaps, in order), and the spans that
    may be and that nothing explains, both on the author's characters."""
    if not text:
        return Assessment([], [])
    view = Shadow.of(text)
    plain = view.text
    letters = sum(map(str.isalpha, plain))
    upper_story = letters > 0 and sum(map(str.isupper, plain)) / letters > 0.7
    found = _rules(plain, upper_story)
    entities = ner.net().entities(plain)

    def add(start: int, end: int, kind: str, replacement: str | None = None) -> None:
        found.append(
            Finding(start, end, kind, PLACEHOLDER[kind] if replacement is None else replacement)
        )

    _statistical(plain, entities, upper_story, add)
    _role_signature(plain, add)
    lives_at(plain, add)
    if not upper_story:  # « MERCI À SYLVIE DE L'AGENCE »: no case to end the name
        thanked(plain, add)
    if upper_story:
        caps_pairs(plain, add)
        caps_particle_names(plain, add)
    _parenthesised_names(plain, add)
    public = named_places(plain)
    kept = _with_particles(
        plain,
        [
            f
            for f in found
            if not _public_figure(plain, f)
            and not (f.kind == "person" and plain[f.start : f.end].strip().casefold() in public)
        ],
    )
    kept += _coordinated_names(plain, kept)
    kept += found_again(plain, kept)
    kept += next_to_names(plain, kept)
    resolved = _resolve(kept + _same_names_elsewhere(plain, kept))
    risks = _risks(plain, resolved, entities, upper_story)
    if view.changed:
        resolved = _resolve(
            [Finding(*view.span(f.start, f.end), f.kind, f.replacement) for f in resolved]
        )
        risks = [Risk(*view.span(r.start, r.end), r.kind, r.weight) for r in risks]
    return Assessment(resolved, risks)


def assess_fields(*texts: str) -> list[Assessment]:
    """`assess` of several fields of one story (a title and its text) in one pass of the model:
    the fields are read as one text, each keeps its own offsets."""
    joined = "\n\n".join(texts)
    whole = assess(joined)
    out: list[Assessment] = []
    start = 0
    for text in texts:
        end = start + len(text)
        findings = [
            Finding(max(f.start, start) - start, min(f.end, end) - start, f.kind, f.replacement)
            for f in whole.findings
            if f.start < end and f.end > start
        ]
        risks = [
            Risk(max(r.start, start) - start, min(r.end, end) - start, r.kind, r.weight)
            for r in whole.risks
            if r.start < end and r.end > start
        ]
        out.append(Assessment(findings, risks))
        start = end + 2
    return out


def warm_up() -> None:
    """Load the model, the vocabulary, the place and first names now (a service's start)."""
    ner.net()
    places()
    first_names()
    assess("Mme Exemple a appelé le 01 23 45 67 89.")


def find(text: str) -> list[Finding]:
    """Every piece of personal data in `text`, without overlaps, in order."""
    return assess(text).findings
