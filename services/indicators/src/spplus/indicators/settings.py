"""Settings of the indicators service (env prefix `INDICATORS_`)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from spplus.runtime.settings import ServiceSettings


class IndicatorsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INDICATORS_", extra="ignore")

    http_port: int = 8006
    min_count: int = Field(default=5, ge=1)
    """Public figures hide any count below this (other than 0), and any median, p90 or rate
    computed from fewer stories: no single story can be singled out. 1 shows everything."""
    snapshot_interval_s: float = Field(default=60.0, gt=0)
    """How often `spplus.indicators.snapshot.v1` carries the figures (overall and per network)."""
    stream_interval_s: float = Field(default=5.0, gt=0)
    """How often the server-sent-events stream looks for new figures."""
    cache_s: float = Field(default=2.0, ge=0)
    """Figures are computed at most this often per question (they are read far more than they
    change)."""
