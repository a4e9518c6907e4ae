"""The committee report's allocation section (Table 5 of 2007): schablon, granted claims and cost per group and per
provider kind, in the HTML, the PDF and the xlsx; a mid-year report projects the later date.

2018 rates (kr/år): level 2 900 000, level 4 1 500 000. Two residents all year: level 2 at a private provider,
3 000 kr/dygn (1 095 000 in 2018); level 4 in egen regi, 4 000 kr/dygn (1 460 000), with a claim of 100 000 granted
on 1 November for 30 September.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from insatskollen.allocation.services import special_claim_create, special_claim_decide
from insatskollen.followup.render_html import render_report_html
from insatskollen.followup.render_pdf import render_report_pdf
from insatskollen.followup.render_xlsx import render_report_xlsx
from insatskollen.followup.report import build_report
from insatskollen.followup.shown import in_kronor
from insatskollen.register.models import Provider

from .helpers import import_rates, placement

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def two_residents(tmp_path, make_decision, residents, group_home):
    import_rates(tmp_path, 2018)
    own = Provider.objects.create(name="Stadens boende", kind="egen regi")
    placement(make_decision, residents[0], level="2", start=D(2017, 1, 1))
    placement(make_decision, residents[1], level="4", start=D(2017, 1, 1), price=4000, provider=own)
    claim = special_claim_create(actor=None, client=residents[1], intervention_type=group_home,
                                 measurement_date=D(2018, 9, 30), kind="whole_day", amount_claimed=Decimal(100_000))
    special_claim_decide(actor=None, claim=claim, granted=True, decided_on=D(2018, 11, 1),
                         amount_granted=Decimal(100_000))


def text(html: str) -> str:
    return html.replace("\u00a0", " ")


def test_the_december_report_shows_table_5_per_group_and_provider_kind(two_residents):
    report = in_kronor(build_report(D(2018, 12, 1)))
    html = text(render_report_html(report)).split('id="report-allocation"')[1]

    # Boende LSS: 900 000 + 1 500 000 = 2 400 000; claims 100 000; cost 1 095 000 + 1 460 000 = 2 555 000;
    # difference 2 555 000 − 2 500 000 = +55 000.
    assert "2 400 000 kr" in html and "100 000 kr" in html and "2 555 000 kr" in html and "+55 000 kr" in html
    # Per kind: privat 1 095 000 − 900 000 = +195 000; egen regi 1 460 000 − 1 600 000 = −140 000.
    assert "+195 000 kr" in html and "−140 000 kr" in html
    assert "Tabell 7" in html and "2018-03-31, 2018-09-30" in html and "prognos" not in html


def test_a_june_report_projects_september_and_leaves_out_the_later_claim(two_residents):
    report = in_kronor(build_report(D(2018, 6, 1)))
    html = text(render_report_html(report)).split('id="report-allocation"')[1]
    assert "prognos från registret per 2018-06-30 för 2018-09-30" in html
    assert "+55 000 kr" not in html and "+155 000 kr" in html  # the claim decided in November is not yet known


def test_the_pdf_and_the_xlsx_carry_the_section(two_residents):
    report = in_kronor(build_report(D(2018, 12, 1)))
    assert render_report_pdf(report).startswith(b"%PDF")
    sheet = load_workbook(io.BytesIO(render_report_xlsx(report)))["Resursfördelning"]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows["Boende LSS"] == (2_400_000, 100_000, 2_500_000, 2_555_000, 55_000)
    assert rows["Privat"] == (900_000, 0, 900_000, 1_095_000, 195_000)


def test_no_schablon_no_section(db, make_decision, client_a):
    make_decision(client_a, start_date=D(2018, 1, 1))
    assert build_report(D(2018, 12, 1)).allocation is None
