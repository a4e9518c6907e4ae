"""The web UI tests use the personas and `browser_for` of tests/conftest.py; the import tests share these."""

import pytest
from django.urls import reverse


@pytest.fixture
def inline_imports(settings, tmp_path):
    """Import jobs run inline (not in a thread), with uploads under the test's own directory."""
    settings.IMPORT_JOBS_INLINE = True
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    return settings.IMPORT_UPLOAD_DIR


def upload(browser, path):
    """Upload a register file on the import page, as the user does."""
    with path.open("rb") as handle:
        return browser.post(reverse("web:import"), {"file": handle, "profile": ""})
