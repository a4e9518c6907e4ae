from __future__ import annotations

import datetime as dt
from itertools import count

import pytest

from insatskollen.survey.services import survey_round_create


@pytest.fixture
def survey_round(provider):
    numbers = count(1)
    survey_round, tokens = survey_round_create(
        actor=None, title="Daglig verksamhet hösten 2025", provider=provider, opens_on=dt.date(2025, 9, 1),
        closes_on=dt.date(2025, 12, 31), questions=["decide", "safe", "like"], links=7,
        make_token=lambda: f"testlank-{next(numbers):03d}")
    return survey_round, tokens
