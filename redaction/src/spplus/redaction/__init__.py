"""Personal data in French text: where it is, what kind, what replaces it.

Moderation redacts stories with it; responses refuses an answer that holds any.
"""

from .pii import (
    PLACEHOLDER,
    Assessment,
    Finding,
    Risk,
    assess,
    assess_fields,
    find,
    redact,
    warm_up,
)

__all__ = [
    "PLACEHOLDER",
    "Assessment",
    "Finding",
    "Risk",
    "assess",
    "assess_fields",
    "find",
    "redact",
    "warm_up",
]
