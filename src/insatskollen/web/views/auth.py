"""Login and logout: Django's views with our Swedish templates. Audit happens through the auth signals."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

from insatskollen.web.forms import LoginForm


class SwedishLoginView(auth_views.LoginView):
    template_name = "web/auth/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class SwedishLogoutView(auth_views.LogoutView):
    pass
