"""Answering through single-use links: one question per screen, a link used twice cannot answer twice, nothing
personal stored, and the threshold of 5 respondents ("för få svar")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from insatskollen.survey.models import SurveyAnswer, SurveyLink, SurveyResponse
from insatskollen.survey.selectors import latest_by_provider, result_for
from insatskollen.survey.services import SurveyRefused, survey_submit

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 10, 6)


def answer_in_browser(client, token, values):
    url = reverse("web:survey_answer", args=[token])
    page = client.get(url)
    carried = {}
    for step, value in enumerate(values):
        assert f"Fråga {step + 1} av {len(values)}" in page.content.decode()
        page = client.post(url, {"steg": step, "svar": value, **carried})
        carried = {i.split('"')[0]: i.split('value="')[1].split('"')[0]
                   for i in page.content.decode().split('name="a_')[1:]}
        carried = {f"a_{k}": v for k, v in carried.items()}
    return page


@time_machine.travel(dt.datetime(2025, 10, 6, 10, tzinfo=dt.UTC))
def test_a_whole_survey_answered_one_question_per_screen(client, survey_round):
    _, tokens = survey_round
    page = answer_in_browser(client, tokens[0], ["ja", "ibland", "nej"])
    assert "Tack för dina svar!" in page.content.decode()
    response = SurveyResponse.objects.get()
    assert response.submitted_on == DAY
    assert sorted(SurveyAnswer.objects.values_list("question", "value")) == [
        ("decide", "ja"), ("like", "nej"), ("safe", "ibland")]
    assert not hasattr(response, "link") and SurveyLink.objects.get(used_on=DAY)


@time_machine.travel(dt.datetime(2025, 10, 6, 10, tzinfo=dt.UTC))
def test_a_link_used_twice_cannot_answer_twice(client, survey_round):
    _, tokens = survey_round
    survey_submit(token=tokens[0], answers={"decide": "ja"})
    with pytest.raises(SurveyRefused, match="redan använts"):
        survey_submit(token=tokens[0], answers={"decide": "nej"})
    page = client.get(reverse("web:survey_answer", args=[tokens[0]]))
    assert page.status_code == 410 and "redan använts" in page.content.decode()
    # Halfway through in another tab, the last answer is refused too.
    url = reverse("web:survey_answer", args=[tokens[0]])
    late = client.post(url, {"steg": 2, "svar": "ja", "a_decide": "ja", "a_safe": "ja"})
    assert late.status_code == 410
    assert SurveyResponse.objects.count() == 1


@time_machine.travel(dt.datetime(2025, 10, 6, 10, tzinfo=dt.UTC))
def test_four_respondents_are_too_few_five_are_shown(survey_round):
    survey, tokens = survey_round
    plan = [("ja", "ja", "ja"), ("ja", "nej", "ibland"), ("ibland", "ja", "ja"), ("nej", "ja", "ja"),
            ("ja", "ibland", "nej")]
    for token, (decide, safe, like) in zip(tokens[:4], plan):
        survey_submit(token=token, answers={"decide": decide, "safe": safe, "like": like})
    four = result_for(survey)
    assert (four.shown, four.label, four.questions) == (False, "för få svar", [])
    assert latest_by_provider()["Solgläntan AB"][1].label == "för få svar"

    survey_submit(token=tokens[4], answers=dict(zip(("decide", "safe", "like"), plan[4])))
    five = result_for(survey)
    decide = five.questions[0]
    assert five.shown and five.respondents == 5
    # decide: ja 3, ibland 1, nej 1 of 5
    assert decide.shares == {"ja": Decimal("60.0"), "ibland": Decimal("20.0"), "nej": Decimal("20.0")}
    # ja answers: decide 3, safe 3, like 3 → 9 of 15 = 60 %
    assert five.positive_pct == Decimal("60.0") and five.label == "60,0 % ja (5 svar)"


def test_an_unknown_link_reveals_nothing(client, survey_round):
    page = client.get(reverse("web:survey_answer", args=["finns-inte"]))
    assert page.status_code == 404 and "Länken finns inte" in page.content.decode()
    assert "Solgläntan" not in page.content.decode()


@time_machine.travel(dt.datetime(2025, 10, 6, 10, tzinfo=dt.UTC))
def test_the_contract_watch_shows_the_result_beside_the_price(browser_for, hanna, survey_round, client_a,
                                                                make_decision, provider):
    from insatskollen.register.models import Contract

    contract = Contract.objects.create(reference="AVT-1", provider=provider, valid_from=dt.date(2024, 1, 1),
                                       valid_to=dt.date(2025, 11, 30), is_individual=True, client=client_a)
    make_decision(client_a, contract=contract, external_id="B-C1")
    html = browser_for(hanna).get(reverse("web:worklist_contracts")).content.decode()
    assert "Brukarenkät (senaste)" in html and "<td>för få svar</td>" in html


@time_machine.travel(dt.datetime(2025, 10, 6, 10, tzinfo=dt.UTC))
def test_the_committee_report_shows_each_providers_latest_result(survey_round, decision_a):
    from insatskollen.followup.render_html import render_report_html
    from insatskollen.followup.report import build_report

    _, tokens = survey_round
    for token in tokens[:5]:
        survey_submit(token=token, answers={"decide": "ja", "safe": "ja", "like": "nej"})
    report = build_report(dt.date(2025, 10, 1))
    # 10 of 15 answers are "ja"
    assert report.survey == [("Solgläntan AB", "Daglig verksamhet hösten 2025", "66,7 % ja (5 svar)")]
    assert "Brukarenkät per utförare" in render_report_html(report)
