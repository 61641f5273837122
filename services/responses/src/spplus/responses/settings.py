"""Settings of the responses service (env prefix `RESPONSES_`)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from spplus.runtime.settings import ServiceSettings


class ResponsesSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="RESPONSES_", extra="ignore")

    http_port: int = 8004
    edit_window_minutes: float = Field(default=30.0, ge=0)
    """A published answer may be corrected this long after its publication, then it is locked."""
    reminder_before_hours: float = Field(default=48.0, ge=0)
    """The network's agents are reminded this long before a story's response deadline."""
    timer_interval_s: float = Field(default=30.0, gt=0)
    timer_sweep_s: float = Field(default=300.0, gt=0)
    """How often every open story is read for a timer its schedule missed (a safety net)."""
    """How often stored timers (reminders, overdue flags) are checked."""
