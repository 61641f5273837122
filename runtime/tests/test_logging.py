"""Logs never carry personal data."""

from __future__ import annotations

from spplus.runtime.logging import scrub_personal_data


def test_personal_keys_and_values_are_masked() -> None:
    line = scrub_personal_data(
        None,
        "info",
        {
            "event": "sent to jean.dupont@example.org",
            "email": "jean.dupont@example.org",
            "detail": {"phone": "0612345678", "note": "rappeler au 06 12 34 56 78"},
            "experience_id": "11111111-1111-4111-8111-111111111111",
        },
    )
    text = str(line)
    assert "jean.dupont" not in text
    assert "06 12 34 56 78" not in text and "0612345678" not in text
    assert line["experience_id"] == "11111111-1111-4111-8111-111111111111"
