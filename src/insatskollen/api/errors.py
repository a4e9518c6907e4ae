"""Every error the API returns is JSON with a Swedish `detail`; invalid fields also get `errors` (field → message)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError

UNAUTHENTICATED = "Du är inte inloggad. Skicka en giltig API-nyckel i rubriken Authorization: Bearer <nyckel>."
INVALID_INPUT = "Förfrågan innehåller ogiltiga värden. Se fälten i errors."
NOT_FOUND = "Hittades inte, eller så saknar du behörighet att se det."
FORBIDDEN = "Du saknar behörighet för detta."

DATE_MESSAGE = "Datumet ska skrivas ÅÅÅÅ-MM-DD, t.ex. 2025-06-30."
_MESSAGES = {
    "missing": "Fältet måste anges.",
    "extra_forbidden": "Okänt fält.",
    "int_parsing": "Värdet ska vara ett heltal.",
    "int_type": "Värdet ska vara ett heltal.",
    "int_from_float": "Värdet ska vara ett heltal.",
    "decimal_parsing": "Värdet ska vara ett tal.",
    "decimal_type": "Värdet ska vara ett tal.",
    "string_type": "Värdet ska vara en text.",
    "bool_parsing": "Värdet ska vara true eller false.",
    "date_parsing": DATE_MESSAGE,
    "date_type": DATE_MESSAGE,
    "date_from_datetime_parsing": DATE_MESSAGE,
    "date_from_datetime_inexact": DATE_MESSAGE,
    "string_too_long": "Texten får vara högst {max_length} tecken.",
    "string_too_short": "Texten måste ha minst {min_length} tecken.",
    "greater_than_equal": "Värdet ska vara minst {ge}.",
    "greater_than": "Värdet ska vara större än {gt}.",
    "less_than_equal": "Värdet får vara högst {le}.",
    "less_than": "Värdet ska vara mindre än {lt}.",
    "literal_error": "Ogiltigt värde. Tillåtna värden: {expected}.",
    "enum": "Ogiltigt värde. Tillåtna värden: {expected}.",
    "model_attributes_type": "Innehållet ska vara ett JSON-objekt.",
    "dict_type": "Innehållet ska vara ett JSON-objekt.",
}
_API_NAMES = {f"{name}_id": name for name in ("intervention_type", "provider", "contract", "caseworker", "client")}
_SOURCES = {"body", "query", "path", "form", "header", "cookie", "payload", "filters"}


def swedish_message(error: dict[str, Any]) -> str:
    """One pydantic error in plain Swedish. Our own validators already raise Swedish ValueErrors."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind == "value_error" and "error" in context:
        return str(context["error"])
    template = _MESSAGES.get(kind, "Ogiltigt värde.")
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return template


def field_name(location: tuple | list) -> str:
    """("body", "payload", "end_date") → "end_date"; a whole-body error → "__all__"."""
    parts = [str(part) for part in location if part not in _SOURCES]
    return ".".join(parts) or "__all__"


def request_validation_errors(errors: list[dict[str, Any]]) -> dict[str, str]:
    result: dict[str, str] = {}
    for error in errors:
        name = field_name(error.get("loc", ()))
        result.setdefault(name, swedish_message(error))
    return result


def service_validation_errors(exc: ValidationError) -> dict[str, str]:
    """A service's ValidationError (field → message, or a plain message) as API field names → one message each."""
    if hasattr(exc, "error_dict"):
        return {_API_NAMES.get(field, field): " ".join(messages) for field, messages in exc.message_dict.items()}
    return {"__all__": " ".join(exc.messages)}


def install_error_handlers(api: NinjaAPI) -> None:
    def respond(request, status: int, detail: str, **extra):
        response = api.create_response(request, {"detail": detail, **extra}, status=status)
        if status == 401:
            response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return respond(request, 401, UNAUTHENTICATED)

    @api.exception_handler(RequestValidationError)
    def invalid_request(request, exc):
        return respond(request, 422, INVALID_INPUT, errors=request_validation_errors(exc.errors))

    @api.exception_handler(ValidationError)
    def invalid_values(request, exc):
        return respond(request, 422, INVALID_INPUT, errors=service_validation_errors(exc))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return respond(request, 403, str(exc) or FORBIDDEN)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, NOT_FOUND)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        message = str(exc)
        if exc.status_code == 400 and message.startswith("Cannot parse request body"):
            message = "Förfrågans innehåll är inte giltig JSON."
        return respond(request, exc.status_code, message)
