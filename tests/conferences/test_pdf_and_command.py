"""The agenda and minutes as PDF (text checked with pdftotext), and the conference_agenda command."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.conferences.models import AgendaItem
from insatskollen.conferences.render_pdf import render_conference_pdf
from insatskollen.conferences.services import (
    agenda_item_minutes_record,
    conference_prepare,
    policy_question_raise,
)

from .conftest import WEEK

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")


@pytest.fixture
def conference(tuesday, team_a, alice, hanna, client_a, new_client, make_decision, home_help):
    make_decision(client_a, external_id="B-DYR", decision_date=WEEK, start_date=WEEK)
    flagged = make_decision(new_client(team_a), external_id="B-FRAGA", intervention_type=home_help,
                            unit="tim/vecka", extent=Decimal(12), price=Decimal(400))
    policy_question_raise(client=flagged.client, decision=flagged, actor=alice, text="Promenader som hemtjänst?")
    conference = conference_prepare(team=team_a, week=WEEK, actor=hanna)
    item = conference.items.get(decision__external_id="B-DYR")
    agenda_item_minutes_record(item=item, actor=hanna, minutes="Bifall, i nivå med liknande beslut.",
                               outcome=AgendaItem.Outcome.GRANTED)
    return conference


def pdf_text(content: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return " ".join(result.stdout.decode().replace("\xa0", " ").split())


@needs_pdftotext
def test_pdf_holds_the_items_minutes_and_masked_personal_numbers(conference, client_a):
    text = pdf_text(render_conference_pdf(conference))
    assert "Ärendedragning Team Vuxna LSS, vecka 12" in text
    assert "6115 Hemhjälp" in text and "6510 Gruppbostad" in text
    assert text.index("6115 Hemhjälp") < text.index("6510 Gruppbostad")
    assert "B-DYR" in text and "B-FRAGA" in text and "Promenader som hemtjänst?" in text
    assert "Utfall: Bifall" in text and "Bifall, i nivå med liknande beslut." in text
    assert "Utfall: Ej behandlat" in text
    assert "19870312-****" in text and "198703121239" not in text and "19870312-1239" not in text
    assert "1 186 250 kr" in text  # 3 250 kr/dygn * 365


def test_pdf_download_is_audited(browser_for, conference, alice):
    response = browser_for(alice).get(reverse("web:conference_pdf", args=[conference.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert "arendedragning-team-a-v12-2025.pdf" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action=AuditAction.DOCUMENT_EXPORTED, actor=alice).count() == 1


def test_command_prints_the_agenda_as_json(conference, team_a):
    out = io.StringIO()
    call_command("conference_agenda", "--team", team_a.code, "--week", "2025-03-19", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["week_start"] == "2025-03-17" and result["week"] == 12
    assert [g["code"] for g in result["groups"]] == ["6115", "6510"]
    dear = result["groups"][1]["items"][0]
    assert dear["decision"] == "B-DYR" and dear["outcome"] == "bifall"
    assert dear["comparison"]["case_cost"] == 3250 * 365
    assert dear["client"].endswith("-****")


def test_command_refuses_an_unknown_team_and_a_bad_date(db, team_a):
    with pytest.raises(CommandError, match="okänt team"):
        call_command("conference_agenda", "--team", "nope", "--week", "2025-03-17")
    with pytest.raises(CommandError, match="--week"):
        call_command("conference_agenda", "--team", team_a.code, "--week", "17 mars")
