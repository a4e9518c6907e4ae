"""Brute-force protection with django-axes: after `AXES_FAILURE_LIMIT` failures the user name and the address are
locked for `AXES_COOLOFF_TIME`, for the login form (web and admin) and for API tokens alike.

Password logins count per user name and per address; a failed API token names no user, so it counts per address
only. Failed passwords and failed tokens from one address add up."""

from __future__ import annotations

from django.conf import settings

API_TOKEN = "api_token"


def lockout_parameters(request_or_attempt, credentials: dict | None = None) -> list[str]:
    """AXES_LOCKOUT_PARAMETERS: per user name and per address (the latter can be switched off behind a shared NAT
    with INSATSKOLLEN_LOCKOUT_BY_ADDRESS=false); API tokens per address."""
    by_address = getattr(settings, "INSATSKOLLEN_LOCKOUT_BY_ADDRESS", True)
    if credentials and credentials.get(API_TOKEN):
        return ["ip_address"]
    return ["username", "ip_address"] if by_address else ["username"]


def token_credentials() -> dict:
    return {API_TOKEN: True}


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (f"För många misslyckade inloggningsförsök. Inloggningen är spärrad i {minutes} minuter, även med rätt "
            "lösenord eller nyckel. Vänta och försök igen, eller kontakta en administratör.")
