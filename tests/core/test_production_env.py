"""`production.env.example` names every variable a production install sets, and `check --deploy` is clean with it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "production.env.example"
SETTINGS = ROOT / "src" / "insatskollen" / "settings.py"
OWN_PREFIXES = ("DJANGO_", "INSATSKOLLEN_", "DATABASE_", "EMAIL_", "GUNICORN_", "WEB_CONCURRENCY", "SESSION_")


def example() -> dict[str, str]:
    values = {}
    for line in EXAMPLE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def test_check_deploy_is_clean_with_the_example(tmp_path):
    env = {name: value for name, value in os.environ.items() if not name.startswith(OWN_PREFIXES)}
    env.pop("PYTEST_VERSION", None)  # as in production: no test-only leniency
    env.update(example(), INSATSKOLLEN_VAR_DIR=str(tmp_path / "var"))
    checked = subprocess.run([sys.executable, "-m", "insatskollen.cli", "check", "--deploy", "--fail-level",
                              "WARNING"], env=env, capture_output=True, text=True, timeout=300, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "System check identified no issues (0 silenced)." in checked.stdout


def test_every_setting_read_from_the_environment_is_in_the_example():
    names = set(re.findall(r"""env_(?:bool|int|list)\(\s*"([A-Z_]+)"|os\.environ\.get\(\s*"([A-Z_]+)\"""",
                           SETTINGS.read_text()))
    read = {a or b for a, b in names}
    gunicorn = set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', (SETTINGS.parent / "gunicorn_config.py").read_text()))
    optional = {"INSATSKOLLEN_IMPORT_JOBS_INLINE", "PYTEST_VERSION",  # tests only
                "GUNICORN_BIND", "GUNICORN_MAX_REQUESTS", "GUNICORN_ACCESS_LOG"}  # defaults fit production
    missing = (read | gunicorn) - optional - set(example())
    assert not missing, f"not in production.env.example: {sorted(missing)}"
