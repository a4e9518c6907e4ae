from __future__ import annotations

import pytest

from insatskollen.register.services import client_get_or_create

# Synthetic personnummer (valid check digits, no real person), one per resident.
NUMBERS = ["198001105009", "198102115014", "198203125029", "198304135034", "198405145049"]


@pytest.fixture
def residents(team_a):
    """Five clients in team A."""
    return [client_get_or_create(personal_number=n, actor=None, team=team_a)[0] for n in NUMBERS]
