"""Brute-force protection with django-axes: after `AXES_FAILURE_LIMIT` failures the user name and the address are
locked for `AXES_COOLOFF_TIME`, for the login form (web and admin) and for API tokens alike.

Password logins count per user name and per address; a failed API token names no user, so it counts per address
only. Failed passwords and failed tokens from one address add up."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.conf import settings

API_TOKEN = "api_token"


class LockoutBackend(AxesStandaloneBackend):
    """django-axes's check before the password backend. Every login over HTTP (the login form, admin) passes its
    request and is counted; a programmatic `authenticate()` without one (commands, the demo's checks) has no
    address to count and is left to the password backend instead of failing."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


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
