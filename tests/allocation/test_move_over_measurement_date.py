"""Worklist "Inför mättillfället": a move, one decision ending and the next starting around 30 September 2018.

2018 rates (kr/år): level 2 900 000, level 3 1 150 000; two measurement dates, so one person counted on one date
brings half the yearly rate. Worked by hand:
- Gunnel moves from B-OLD (level 3, last day 20 September) to B-NEW (level 3, first day 5 October): the gap of
  21 September – 4 October covers 30 September, so she is not counted. At stake 1 150 000 / 2 = 575 000 kr.
- Hassan moves from B-2OLD (level 2, last day 25 September) to B-2NEW (level 2, first day 26 September): on
  30 September B-2NEW runs, so he is counted; the row says so. At stake 900 000 / 2 = 450 000 kr.
Together 575 000 + 450 000 = 1 025 000 kr.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from .helpers import import_rates, placement

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = dt.datetime(2018, 8, 20, 9, 0)  # 41 days before 30 September: the list is open
URL = reverse("web:worklist_measurement")


@pytest.fixture
def moves(tmp_path, make_decision, residents):
    import_rates(tmp_path, 2018)
    gunnel, hassan = residents[0], residents[1]
    early, known = D(2017, 1, 1), D(2018, 8, 1)
    placement(make_decision, gunnel, level="3", start=early, end=D(2018, 9, 20), decided=known, external_id="B-OLD")
    placement(make_decision, gunnel, level="3", start=D(2018, 10, 5), decided=known, external_id="B-NEW")
    placement(make_decision, hassan, level="2", start=early, end=D(2018, 9, 25), decided=known,
              external_id="B-2OLD")
    placement(make_decision, hassan, level="2", start=D(2018, 9, 26), decided=known, external_id="B-2NEW")
    return gunnel, hassan


def text_of(html: str) -> str:
    """The page as a reader on a wide screen sees it: no tags, no column labels of the phone layout, one space
    between words."""
    html = re.sub(r'<span class="stack-label"[^>]*>[^<]*</span>', "", html)
    text = " ".join(re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " ").split())
    return re.sub(r" ([.,:;)])", r"\1", text)


def rows_of(text: str) -> str:
    """The section's rows: after its heading and its table's caption, which both name it."""
    return text.rsplit("Flyttar, starter och avslut kring mättillfället", 1)[1]


@time_machine.travel(TODAY, tick=False)
def test_a_move_with_a_gap_over_the_date_is_not_counted_and_says_so(browser_for, hanna, moves):
    text = text_of(browser_for(hanna).get(URL).content.decode())
    moved = rows_of(text)

    assert ("B-NEW Flytt: ett beslut slutar 2018-09-20 och nästa börjar 2018-10-05. Glappet täcker "
            "mättillfället: personen räknas inte – se över datumen. 575 000 kr") in moved
    assert ("B-2NEW Flytt: ett beslut slutar 2018-09-25 och nästa börjar 2018-09-26. Räknas på mättillfället. "
            "450 000 kr") in moved
    assert moved.index("575 000 kr") < moved.index("450 000 kr")  # the larger amount first
    assert "(2 ärenden, 1 025 000 kr på spel)" in text
    assert "Totalt på spel: 1 025 000 kr" in text


@time_machine.travel(TODAY, tick=False)
def test_the_allocation_page_counts_the_move_the_same_way(browser_for, hanna, moves):
    # On 31 March both are counted (level 3 and level 2); on 30 September only Hassan: 900 000 for the date.
    html = browser_for(hanna).get(reverse("web:allocation"), {"year": 2018, "per": "2018-08-20"}).content.decode()
    counts = text_of(html.split('id="counts"')[1].split("</section>")[0])
    assert "6510 nivå 3 1 0 (−1)" in counts
    assert "6510 nivå 2 1 1" in counts
    assert "Årsschablon för de räknade 2 050 000 kr 900 000 kr" in counts
