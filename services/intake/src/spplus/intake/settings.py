"""Settings of the intake service (env prefix `INTAKE_`)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from spplus.runtime.settings import ServiceSettings, secret_problem


class IntakeSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INTAKE_", extra="ignore")

    http_port: int = 8001
    ip_hash_salt: str = "local-dev-salt"
    """Key of the keyed hash (HMAC-SHA256) kept instead of a client address or a voter id (the
    vote guards). A secret: change it to rotate (votes are then counted afresh)."""
    page_size: int = 20
    """Stories per page of the public search."""
    write_rate_limit_per_minute: int = 30
    max_body_bytes: int = 6_000_000
    max_document_bytes: int = 5 * 1024 * 1024
    """Largest document (PDF, PNG, JPEG) one may send to be simplified."""
    documents_per_hour: int = Field(default=10, ge=1)
    """Documents one client (a keyed hash of its address) may send per hour (429 beyond)."""
    postal_codes_file: Path | None = None
    """JSON list of French postal codes and communes (`make install` fetches it into
    `.local/tools/codes-postaux-*/`); without it a city is not checked against the postal code."""
    voter_cookie: str = "spplus_voter"
    """Name of the vote cookie (no personal data: a random id)."""
    uses_author_links: bool = True

    def production_problems(self) -> list[str]:
        problems = super().production_problems()
        if self.production and (
            problem := secret_problem("INTAKE_IP_HASH_SALT", self.ip_hash_salt)
        ):
            problems.append(problem)
        return problems
