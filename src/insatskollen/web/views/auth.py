"""Login and logout: Django's views with our Swedish templates. Audit happens through the auth signals."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.utils import ErrorDict
from django.http import JsonResponse
from django.shortcuts import render

from insatskollen.accounts.lockout import lockout_message
from insatskollen.web.forms import LoginForm


class SwedishLoginView(auth_views.LoginView):
    template_name = "web/auth/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class SwedishLogoutView(auth_views.LogoutView):
    pass


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the API answers 429 with the Swedish message as JSON; the web shows the login page
    with the message (status 429), whatever the password was."""
    message = lockout_message()
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
        response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
        return response
    # An unbound form with the message as its only error: binding it would authenticate (and count) once more.
    form = LoginForm(request, initial={"username": request.POST.get("username", "")[:150]})
    form._errors = ErrorDict({NON_FIELD_ERRORS: form.error_class([message], error_class="nonfield")})
    return render(request, "web/auth/login.html", {"form": form, "next": request.POST.get("next", "")}, status=429)
