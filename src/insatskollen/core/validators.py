"""Django validators wrapping the pure identity checks, for model fields and forms."""

from django.core.exceptions import ValidationError

from insatskollen.core.identity import InvalidIdentity, parse_org_number, parse_personal_number


def validate_personal_number(value: str) -> None:
    try:
        parse_personal_number(value)
    except InvalidIdentity as exc:
        raise ValidationError(str(exc), code="invalid_personal_number") from None


def validate_org_number(value: str) -> None:
    if not value:
        return
    try:
        parse_org_number(value)
    except InvalidIdentity as exc:
        raise ValidationError(str(exc), code="invalid_org_number") from None
