"""Headers an auditor checks: no-store on every page, download and API answer with personal data; a
Content-Security-Policy with no inline script; the templates hold no inline script."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

import insatskollen

TEMPLATES = sorted(Path(insatskollen.__file__).parent.rglob("templates/**/*.html"))


@pytest.mark.parametrize("name, args", [("client", "client"), ("clients", None), ("export", None),
                                        ("audit", None), ("client_access_log", "client")])
def test_pages_and_exports_with_personal_data_are_never_stored(browser_for, ada, client_a, name, args):
    response = browser_for(ada).get(reverse(f"web:{name}", args=[client_a.pk] if args else []))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_a_download_is_never_stored(browser_for, ada, client_a):
    response = browser_for(ada).get(reverse("web:client_access_log_download", args=[client_a.pk, "xlsx"]))
    assert response["Cache-Control"] == "no-store"


def test_the_policy_allows_no_inline_script(client, db):
    policy = client.get(reverse("web:login"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe-eval" not in policy


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p).split("templates/")[-1])
def test_no_template_has_an_inline_script_or_handler(template):
    text = template.read_text()
    for tag in re.findall(r"<script\b[^>]*>", text):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\son[a-z]+\s*=", text)
    assert "javascript:" not in text
