"""Settings of the moderation service (env prefix `MODERATION_`)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from spplus.runtime.settings import ServiceSettings


class ModerationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="MODERATION_", extra="ignore")

    http_port: int = 8002
    reject_threshold: float = Field(default=0.7, ge=0, le=1)
    """A policy flag at least this sure refuses the story automatically."""
    review_threshold: float = Field(default=0.4, ge=0, le=1)
    """A policy flag at least this sure (below the reject threshold) goes to a moderator."""
    risk_threshold: float = Field(default=1.0, gt=0)
    """Residual risk (each span that may be personal data and that no net explains weighs 1) from
    which a story that would be published goes to a moderator instead. At 1, a story published
    without a person looking has no such span."""
    duplicate_threshold: float = Field(default=0.7, ge=0, le=1)
    """Similarity (word shingles) from which a story repeats an earlier one."""
    author_window_hours: float = Field(default=72.0, gt=0)
    """Hours an author has to block (minor edits) or approve (substantial edits)."""
    publish_on_expiry: bool = True
    """Without the author's answer to substantial edits, publish at expiry (the terms of use)."""
    timer_interval_s: float = Field(default=5.0, gt=0)
    """How often stored timers (72 h windows) are checked."""
    analyze_per_minute: int = Field(default=20, ge=1)
    """Previews (`POST /analyze`, public) one client may ask for per minute (429 beyond)."""
    analyze_concurrency: int = Field(default=2, ge=1)
    """Previews computed at once, each in a worker thread off the event loop; the others wait."""
