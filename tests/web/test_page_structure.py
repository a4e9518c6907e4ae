"""Every page has the same accessible frame: a skip link, landmarks, one h1, and a label for every input."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

PAGES = {
    "home": lambda f: [],
    "clients": lambda f: [],
    "client": lambda f: [f.client_id],
    "decision_create": lambda f: [f.client_id],
    "decision_change": lambda f: [f.pk],
    "decision_end": lambda f: [f.pk],
    "import": lambda f: [],
    "export": lambda f: [],
    "audit": lambda f: [],
}


@pytest.mark.parametrize("name", PAGES)
def test_page_frame_is_accessible(browser_for, ada, decision_a, name):
    html = browser_for(ada).get(reverse(f"web:{name}", args=PAGES[name](decision_a))).content.decode()
    assert html.count("<h1") == 1
    assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html
    assert '<header class="site-header">' in html and 'aria-label="Huvudmeny"' in html
    for field_id in re.findall(r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|submit)")[^>]*\bid="([^"]+)"', html):
        assert f'<label for="{field_id}"' in html, field_id
    for table in re.findall(r"<table>.*?</table>", html, flags=re.DOTALL):
        assert "<caption" in table and 'scope="col"' in table
