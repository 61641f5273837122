"""What kind of identifier a run of digits is: checksums (python-stdnum) say a social security,
tax, SIRET or IBAN number; the words before it say a file or a beneficiary's number."""

from __future__ import annotations

import re

from stdnum import iban as std_iban
from stdnum.fr import nif as std_nif
from stdnum.fr import nir as std_nir
from stdnum.fr import siren as std_siren
from stdnum.fr import siret as std_siret

from .patterns import _BENEFICIARY, _ID_CONTEXT, _NOT_ID_CONTEXT

__all__ = ["_classify_number", "_digits", "_valid", "std_iban"]


def _digits(s: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", s)


def _classify_number(raw: str, before: str) -> str | None:
    """The kind of identifier a run of digits is, or None when it is not personal data."""
    compact = _digits(raw)
    digits = re.sub(r"\D", "", raw)
    context = _ID_CONTEXT.search(before[-40:]) is not None
    if _NOT_ID_CONTEXT.search(before[-20:]):
        return None
    if len(compact) in (13, 15) and compact[:1] in "12" and _valid(std_nir, compact):
        return "nir"
    if len(compact) in (13, 15) and re.search(
        r"sécu|secu|nir|sociale", before[-60:], re.IGNORECASE
    ):
        return "nir"
    if (
        len(compact) == 13
        and compact.isdigit()
        and (_valid(std_nif, compact) or re.search(r"fiscal", before[-60:], re.IGNORECASE))
    ):
        return "tax_number"
    if len(compact) == 14 and _valid(std_siret, compact):
        return "siret"
    if (
        len(compact) == 9
        and compact.isdigit()
        and _valid(std_siren, compact)
        and re.search(r"siren|entreprise|société|societe", before[-60:], re.IGNORECASE)
    ):
        return "siret"
    if re.fullmatch(r"(?:19|20)\d{2}", digits) and len(compact) == 4:
        return None
    if len(digits) >= 7 or context:
        if _BENEFICIARY.search(before[-40:]):
            return "beneficiary_number"
        return "reference"
    return None


def _valid(module: object, value: str) -> bool:
    try:
        return bool(module.is_valid(value))  # type: ignore[attr-defined]
    except Exception:
        return False
