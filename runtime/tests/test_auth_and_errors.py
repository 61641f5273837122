"""Tokens, roles and the French error bodies every service returns."""

from __future__ import annotations

from pathlib import Path

import pytest
from litestar.exceptions import NotAuthorizedException
from pydantic import BaseModel, Field, ValidationError

from spplus.runtime.auth import Role, TokenVerifier, token_cli
from spplus.runtime.errors import field_errors
from spplus.runtime.settings import AuthSettings


def test_a_minted_token_carries_roles_and_network() -> None:
    verifier = TokenVerifier(AuthSettings())
    token = verifier.issue(subject="jean", name="Jean", roles=["agent"], network="CAF")
    principal = verifier.verify(token)
    assert principal.roles == {Role.agent}
    assert principal.network == "CAF"
    assert principal.name == "Jean"


def test_a_token_signed_with_another_key_or_expired_is_refused(tmp_path: Path) -> None:
    other = TokenVerifier(AuthSettings(dev_issuer_dir=tmp_path / "another-issuer"))
    token = other.issue(subject="x", name="X", roles=["admin"])
    with pytest.raises(NotAuthorizedException):
        TokenVerifier(AuthSettings()).verify(token)
    expired = TokenVerifier(AuthSettings()).issue(subject="x", name="X", roles=["admin"], ttl_s=-60)
    with pytest.raises(NotAuthorizedException):
        TokenVerifier(AuthSettings()).verify(expired)


def test_spplus_token_prints_a_usable_token(capsys: pytest.CaptureFixture[str]) -> None:
    assert token_cli(["--role", "agent", "--network", "CAF", "--name", "Jean"]) == 0
    principal = TokenVerifier(AuthSettings()).verify(capsys.readouterr().out.strip())
    assert principal.network == "CAF" and principal.has_any(Role.agent)


def test_validation_errors_become_french_messages_with_stable_codes() -> None:
    class Form(BaseModel):
        title: str
        description: str = Field(min_length=100)

    with pytest.raises(ValidationError) as info:
        Form.model_validate({"description": "court"})
    errors = {e.field: e for e in field_errors(info.value.errors())}
    assert errors["title"].code == "required"
    assert errors["title"].message == "Ce champ est obligatoire."
    assert errors["description"].code == "too_short"
    assert "100 caractères" in errors["description"].message
