"""Settings an operator sets: production refuses to start without a secret key; HSTS, the SSL redirect and the
proxy header come from the environment. Each case loads the settings in a fresh interpreter."""

from __future__ import annotations

import os
import subprocess
import sys

SHOW = ("import insatskollen.settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, getattr(s, 'SECURE_PROXY_SSL_HEADER', None))")


def load(env: dict[str, str], code: str = SHOW) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    base["DJANGO_SETTINGS_MODULE"] = "insatskollen.settings"
    return subprocess.run([sys.executable, "-c", code], env={**base, **env}, capture_output=True, text=True,
                          timeout=60)


def test_production_without_a_secret_key_refuses_to_serve_and_check_deploy_says_why():
    result = load({"DJANGO_DEBUG": "false"}, "import insatskollen.wsgi")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "DJANGO_SECRET_KEY is not set" in result.stderr
    check = load({"DJANGO_DEBUG": "false"}, "from django.core.management import execute_from_command_line; "
                                            "execute_from_command_line(['x', 'check', '--deploy'])")
    assert check.returncode != 0 and "insatskollen.E001" in check.stderr


def test_commands_run_without_a_key_on_a_random_one_of_their_own():
    code = "import insatskollen.settings as s; print(len(s.SECRET_KEY), 'development' in s.SECRET_KEY)"
    first, second = load({"DJANGO_DEBUG": "false"}, code), load({"DJANGO_DEBUG": "false"}, code)
    assert first.returncode == 0 and first.stdout.split() == ["67", "False"]
    assert first.stdout == second.stdout  # the same shape; the keys themselves differ


def test_development_may_run_without_a_key():
    assert load({"DJANGO_DEBUG": "true"}).returncode == 0


def test_https_settings_default_off_and_come_from_the_environment():
    assert load({"DJANGO_SECRET_KEY": "x" * 50}).stdout.split() == ["False", "0", "False", "None"]
    result = load({"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_SECURE_SSL_REDIRECT": "true",
                   "DJANGO_SECURE_HSTS_SECONDS": "31536000", "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
                   "DJANGO_SECURE_PROXY_SSL_HEADER": "true"})
    assert result.stdout.split() == ["True", "31536000", "True", "('HTTP_X_FORWARDED_PROTO',", "'https')"]


def test_the_hsts_header_is_sent_when_configured(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/logga-in/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"
