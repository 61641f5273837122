"""The shared redactor: each kind found, named, and replaced by its placeholder."""

from __future__ import annotations

from spplus.redaction import PLACEHOLDER, find, redact


def test_each_kind_is_found_and_named() -> None:
    text = (
        "Mon conseiller M. DUPONT m'a donné le 06 12 34 56 78, mon NIR est 1 85 05 78 006 084 36 "
        "et mon email jeanne.doe@example.org."
    )
    kinds = {f.kind: text[f.start : f.end] for f in find(text)}
    assert kinds["phone"] == "06 12 34 56 78"
    assert kinds["nir"] == "1 85 05 78 006 084 36"
    assert kinds["email"] == "jeanne.doe@example.org"
    assert "DUPONT" in kinds["person"]


def test_redact_replaces_every_finding_and_keeps_the_rest() -> None:
    text = "Appelez le 06 12 34 56 78 pour votre dossier, merci."
    assert redact(text) == f"Appelez le {PLACEHOLDER['phone']} pour votre dossier, merci."
    clean = "Le guichet était fermé le mardi, j'ai attendu une heure."
    assert find(clean) == []
    assert redact(clean) == clean
