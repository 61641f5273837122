"""Errors as the frontend wants them: a stable code, a French message, one entry per field."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from spplus.contracts.api import ApiError, FieldError

from .domain import DomainError, TooMany
from .logging import get_logger

log = get_logger(__name__)

_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("required", "Ce champ est obligatoire."),
    "string_too_short": ("too_short", "Ce champ doit contenir au moins {min_length} caractères."),
    "string_too_long": ("too_long", "Ce champ doit contenir au plus {max_length} caractères."),
    "too_short": ("too_few_items", "Indiquez au moins {min_length} élément(s)."),
    "too_long": ("too_many_items", "Indiquez au plus {max_length} élément(s)."),
    "enum": ("invalid_choice", "Valeur non autorisée ; valeurs possibles : {expected}."),
    "literal_error": ("invalid_choice", "Valeur non autorisée ; valeurs possibles : {expected}."),
    "date_parsing": ("invalid_date", "La date doit être au format AAAA-MM-JJ."),
    "date_from_datetime_parsing": ("invalid_date", "La date doit être au format AAAA-MM-JJ."),
    "date_from_datetime_inexact": ("invalid_date", "La date doit être au format AAAA-MM-JJ."),
    "date_type": ("invalid_date", "La date doit être au format AAAA-MM-JJ."),
    "bool_parsing": ("invalid_boolean", "Ce champ doit valoir true ou false."),
    "bool_type": ("invalid_boolean", "Ce champ doit valoir true ou false."),
    "string_type": ("invalid_type", "Ce champ doit être un texte."),
    "int_parsing": ("invalid_type", "Ce champ doit être un nombre entier."),
    "int_type": ("invalid_type", "Ce champ doit être un nombre entier."),
    "list_type": ("invalid_type", "Ce champ doit être une liste."),
    "model_type": ("invalid_type", "Ce champ doit être un objet."),
    "dict_type": ("invalid_type", "Ce champ doit être un objet."),
    "model_attributes_type": ("invalid_type", "Ce champ doit être un objet."),
    "extra_forbidden": ("unknown_field", "Ce champ n'est pas attendu."),
    "uuid_parsing": ("invalid_id", "Identifiant invalide."),
    "json_invalid": ("invalid_json", "Le corps de la requête n'est pas du JSON valide."),
    "greater_than_equal": ("too_small", "La valeur doit être supérieure ou égale à {ge}."),
    "less_than_equal": ("too_large", "La valeur doit être inférieure ou égale à {le}."),
}


def _field(loc: tuple[int | str, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "data")]
    return ".".join(parts) or "body"


def field_errors(errors: list[ErrorDetails]) -> list[FieldError]:
    """Pydantic errors in French with stable codes; custom errors already carry both."""
    out: list[FieldError] = []
    for err in errors:
        kind = err["type"]
        field = _field(tuple(err["loc"]))
        ctx: dict[str, Any] = dict(err.get("ctx") or {})
        if kind in _MESSAGES:
            code, template = _MESSAGES[kind]
            try:
                message = template.format(**ctx)
            except (KeyError, IndexError):
                message = template
        elif kind == "value_error" and field.endswith("email"):
            code, message = "invalid_email", "L'adresse email n'est pas valide."
        elif kind in ("value_error", "assertion_error"):
            code, message = "invalid", "Valeur invalide."
        else:  # a PydanticCustomError of ours: its type is the code, its message is French
            code, message = kind, err["msg"]
        out.append(FieldError(field=field, code=code, message=message))
    return out


def _pydantic_cause(exc: BaseException) -> ValidationError | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ValidationError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def error_response(
    status: int,
    code: str,
    message: str,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[Any]:
    body = ApiError(code=code, message=message, errors=errors or [])
    return Response(body.model_dump(), status_code=status, headers=headers)


def on_validation_error(_: Request[Any, Any, Any], exc: ValidationException) -> Response[Any]:
    cause = _pydantic_cause(exc)
    if cause is not None:
        errors = field_errors(cause.errors(include_url=False))
    else:
        errors = [
            FieldError(
                field=str(e.get("key") or "body"),
                code="invalid",
                message=f"Valeur invalide ({e.get('message', '')}).",
            )
            for e in (exc.extra if isinstance(exc.extra, list) else [])
        ]
    return error_response(
        422,
        "validation_failed",
        "La demande contient des erreurs : corrigez les champs indiqués.",
        errors,
    )


_HTTP_CODES = {
    400: ("bad_request", "La demande est mal formée."),
    401: ("unauthenticated", "Authentification requise."),
    403: ("forbidden", "Accès refusé."),
    404: ("not_found", "Ressource introuvable."),
    405: ("method_not_allowed", "Méthode non autorisée."),
    409: ("conflict", "La demande est en conflit avec l'état actuel."),
    413: ("too_large", "La demande est trop volumineuse."),
    415: ("unsupported_media_type", "Type de contenu non pris en charge."),
    429: ("too_many_requests", "Trop de demandes ; réessayez plus tard."),
    503: ("unavailable", "Service momentanément indisponible."),
}


class ApiProblem(HTTPException):
    """Raised by handlers: an HTTP error with our stable code and French message."""

    def __init__(
        self, status: int, code: str, message: str, errors: list[FieldError] | None = None
    ) -> None:
        super().__init__(detail=message, status_code=status)
        self.code = code
        self.message = message
        self.errors = errors or []


def on_http_error(_: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    if isinstance(exc, ApiProblem):
        return error_response(exc.status_code, exc.code, exc.message, exc.errors)
    code, message = _HTTP_CODES.get(exc.status_code, ("error", "Erreur."))
    if exc.status_code >= 500:
        log.error("http error", status=exc.status_code, detail=str(exc.detail)[:200])
    headers = dict(exc.headers or {})
    if exc.status_code == 429:
        headers.setdefault("Retry-After", str(headers.get("RateLimit-Reset", 60)))
    return error_response(exc.status_code, code, message, headers=headers or None)


def on_domain_error(_: Request[Any, Any, Any], exc: DomainError) -> Response[Any]:
    """A rule of a service said no: each kind of domain error has its HTTP status, here only."""
    headers = {"Retry-After": "60"} if isinstance(exc, TooMany) else None
    return error_response(exc.status, exc.code, exc.message, exc.errors, headers=headers)


def on_unexpected_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    log.exception("unexpected error", path=request.url.path, error=repr(exc)[:300])
    return error_response(500, "internal_error", "Erreur interne ; rien n'a été perdu, réessayez.")


def on_undecodable(_: Request[Any, Any, Any], exc: UnicodeDecodeError) -> Response[Any]:
    """A text field sent as bytes that are not UTF-8 (a binary in a form field): the client's."""
    return error_response(
        400, "invalid_encoding", "Un champ texte contient des octets qui ne sont pas de l'UTF-8."
    )


def on_too_deep(_: Request[Any, Any, Any], exc: RecursionError) -> Response[Any]:
    """A body nested deeper than the decoder goes ("[[[[…"): the client's, not a crash."""
    return error_response(
        400, "too_deep", "Le corps de la requête est imbriqué trop profondément pour être lu."
    )


EXCEPTION_HANDLERS: dict[Any, Any] = {
    UnicodeDecodeError: on_undecodable,
    RecursionError: on_too_deep,
    ValidationException: on_validation_error,
    HTTPException: on_http_error,
    DomainError: on_domain_error,
    Exception: on_unexpected_error,
}
