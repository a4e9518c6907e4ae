"""Level watch: decisions whose yearly price exceeds their level's schablon by more than the configured share, or
reaches the next level's, with the yearly amount; on the Resursfördelning page and in the worklist command.

2018 rates (kr/år): level 2 900 000, level 3 1 150 000, level 4 1 500 000 (the highest). Prices are kr/dygn over
the 365 days of 2018.
"""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from .helpers import import_rates, placement

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def priced(tmp_path, make_decision, residents):
    import_rates(tmp_path, 2018)
    start = D(2017, 1, 1)
    placement(make_decision, residents[0], level="2", start=start, price=2700, external_id="B-A")  # 985 500: +9.5 %
    placement(make_decision, residents[1], level="2", start=start, price=2800, external_id="B-B")  # 1 022 000
    placement(make_decision, residents[2], level="2", start=start, price=3200, external_id="B-C")  # 1 168 000
    placement(make_decision, residents[3], level="4", start=start, price=4200, external_id="B-D")  # 1 533 000


def page(browser) -> str:
    html = browser.get(reverse("web:allocation"), {"year": 2018, "per": "2018-06-30"}).content.decode()
    return html.replace("\u00a0", " ").split('id="nivabevakning"')[1].split("</section>")[0]


def test_the_page_lists_prices_above_their_level_largest_first(browser_for, hanna, priced):
    html = page(browser_for(hanna))

    # B-C: 3 200 × 365 = 1 168 000 against 900 000: +268 000 (29,78 %), and above level 3's 1 150 000.
    # B-B: 2 800 × 365 = 1 022 000: +122 000 (13,56 %). B-A (+9.5 %) and B-D (+2.2 %, highest level) stay off.
    # A share that is not whole shows one decimal, with a decimal comma.
    assert "+268 000 kr" in html and "Priset är 29,8 % över" in html and "minst nivå 3" in html
    assert "+122 000 kr" in html and "Priset är 13,6 % över" in html
    assert html.index("B-C") < html.index("B-B")
    assert "B-A" not in html and "B-D" not in html
    assert "+390 000 kr" in html  # the sum


def test_the_share_is_a_setting(browser_for, hanna, priced, settings):
    settings.ALLOCATION_LEVEL_WATCH_SHARE = "0.05"
    html = page(browser_for(hanna))
    assert "B-A" in html and "+85 500 kr" in html  # 2 700 × 365 − 900 000
    assert "mer än 5 %" in html


def test_a_share_just_above_the_limit_shows_its_decimal(browser_for, hanna, tmp_path, make_decision, residents):
    # 2 724 × 365 = 994 260 against 900 000: +94 260, 10,473 % – "10 %" would read as not above 10 %.
    import_rates(tmp_path, 2018)
    placement(make_decision, residents[0], level="2", start=D(2017, 1, 1), price=2724, external_id="B-E")
    html = page(browser_for(hanna))
    assert "+94 260 kr" in html and "Priset är 10,5 % över schablonen för nivå 2." in html
    assert "mer än 10 %" in html


def test_a_caseworker_of_another_team_sees_none_of_them(browser_for, bob, priced):
    assert "Inga beslut ligger över schablonen" in page(browser_for(bob))


def test_the_worklist_command(priced):
    out = StringIO()
    call_command("worklist", "level_watch", "--as-of", "2018-06-30", "--json", stdout=out)
    result = json.loads(out.getvalue())
    items = result["items"]
    assert result["note"] == "Pris över schablonen för nivån med mer än 10\u00a0%, eller i nivå med nästa nivå."
    assert [(i["decision"], i["yearly_saving"], i["schablon"]) for i in items] == [
        ("B-C", 268_000, 900_000), ("B-B", 122_000, 900_000)]
