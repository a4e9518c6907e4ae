"""System checks of a production install (`insatskollen check --deploy`)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

SECRET_KEY_MISSING = Error(
    "DJANGO_SECRET_KEY is not set: the web server refuses to start without it.",
    hint="Set it to a long random string, e.g. from `python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`.",
    id="insatskollen.E001",
)


@register(Tags.security, deploy=True)
def secret_key_is_set(app_configs, **kwargs):
    return [SECRET_KEY_MISSING] if getattr(settings, "SECRET_KEY_MISSING", False) else []
