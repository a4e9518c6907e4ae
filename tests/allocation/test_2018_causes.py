"""The action plan computes the two 2018 allocation causes from data, each with MSEK and the cases behind it.

2018 rates (kr/år): level 2 900 000, level 3 1 150 000, level 4 1 500 000; dates 31 March and 30 September.
- Two claims for double staffing part of the day (1 200 000 and 800 000): paid until 2017, not from 2018:
  2 000 000 lost, 2,0 mnkr. A whole-day claim is not lost.
- B-RAISED: level 2 → 3 from 1 July; on 30 September the six-month rule counts level 2:
  (1 150 000 − 900 000) / 2 = 125 000.
- B-REFUSED: level 2, need increased 1 March, request for level 4 refused 15 June; counted at level 2 on both dates:
  2 × (1 500 000 − 900 000) / 2 = 600 000.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from docx import Document

from insatskollen.actionplan.files import plan_file
from insatskollen.actionplan.services import action_plan_draft
from insatskollen.allocation.services import level_request_create, level_request_decide, special_claim_create

from .helpers import import_rates, placement

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def year_2018(tmp_path, make_decision, residents, group_home, hanna):
    with time_machine.travel(dt.datetime(2019, 1, 20, 12, 0), tick=False):
        import_rates(tmp_path, 2018)
        start = D(2016, 1, 1)
        placement(make_decision, residents[0], level="3", start=start, external_id="B-CLAIM1")
        placement(make_decision, residents[1], level="3", start=start, external_id="B-CLAIM2")
        placement(make_decision, residents[2], level="2", start=start, external_id="B-RAISED",
                  changes=((D(2018, 7, 1), "3", D(2018, 6, 20)),))
        refused = placement(make_decision, residents[3], level="2", start=start, external_id="B-REFUSED")
        for client, amount, kind in ((residents[0], 1_200_000, "part_of_day"), (residents[1], 800_000, "part_of_day"),
                                     (residents[1], 300_000, "whole_day")):
            special_claim_create(actor=None, client=client, intervention_type=group_home,
                                 measurement_date=D(2018, 3, 31), kind=kind, amount_claimed=Decimal(amount))
        request = level_request_create(actor=None, client=residents[3], intervention_type=group_home,
                                       decision=refused, current_level="2", requested_level="4",
                                       need_increased_on=D(2018, 3, 1), requested_on=D(2018, 4, 1))
        level_request_decide(actor=None, request=request, granted=False, decided_on=D(2018, 6, 15))
        yield action_plan_draft(year=2018, as_of=D(2018, 12, 31), actor=hanna)


def docx_text(plan) -> str:
    document = Document(io.BytesIO(plan_file(plan, "docx")))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(parts).replace("\u00a0", " ")


def test_the_two_causes_with_msek_and_cases(year_2018):
    causes = {c["kind"]: c for c in year_2018.content["allocation_causes"]}
    assert Decimal(causes["claims_rule"]["amount"]) == 2_000_000
    assert Decimal(causes["six_months"]["amount"]) == 725_000  # 125 000 + 600 000
    text = docx_text(year_2018)
    assert "Orsaker i resursfördelningen" in text
    assert "Särskild redovisning som inte längre ersätts (nya regler): 2,0 mnkr" in text
    assert "Ökade behov som inte ersätts de första sex månaderna: 0,7 mnkr" in text
    assert "B-CLAIM1" in text and "1 200 000 kr" in text and "B-CLAIM2" in text and "800 000 kr" in text
    assert "B-REFUSED" in text and "600 000 kr" in text and "avslogs 2018-06-15" in text
    assert "B-RAISED" in text and "125 000 kr" in text and "räknad på nivå 2 i stället för 3" in text
    assert "2 725 000 kr" in text  # the two together
