"""Response headers for every page, download and API answer the application makes (static files are served
earlier, by WhiteNoise, and keep their own caching).

- `Cache-Control: no-store`: nothing the application answers is kept by a browser or a proxy. Pages, exports,
  reports and API answers hold personal data; the login page holds a CSRF token. Simplest rule, no exceptions.
- `Content-Security-Policy` (settings.CONTENT_SECURITY_POLICY): scripts only from our own static files, never
  inline; nothing may frame the application.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response["Cache-Control"] = "no-store"
        response["Pragma"] = "no-cache"
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response
