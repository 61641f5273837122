"""The moderation engine: French personal-data redaction, policy checks, edit tiers, decision."""

from .duplicates import DuplicateIndex
from .engine import Analysis, Engine, StoryInput, Thresholds

__all__ = ["Analysis", "DuplicateIndex", "Engine", "StoryInput", "Thresholds"]
