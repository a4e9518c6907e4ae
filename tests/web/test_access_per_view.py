"""Generated access tests: every view, anonymous and each role, allowed (200) or denied (403)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from insatskollen.costsharing.services import sharing_dispute_record
from insatskollen.transport.models import TransportInvoice
from insatskollen.transport.services import carrier_get_or_create

ALL = {"alice", "hanna", "carl", "ada"}
CHANGERS = {"alice", "hanna", "ada"}
ALLOCATION_CHANGERS = {"hanna", "carl", "ada"}


def _claim(f):
    from insatskollen.allocation.services import special_claim_create

    d = f["decision_a"]
    return special_claim_create(actor=None, client=d.client, intervention_type=d.intervention_type,
                                measurement_date=dt.date(2025, 9, 30), kind="whole_day", amount_claimed=Decimal(1))


def _level_request(f):
    from insatskollen.allocation.services import level_request_create

    d = f["decision_a"]
    return level_request_create(actor=None, client=d.client, intervention_type=d.intervention_type, decision=d,
                                requested_level="2", need_increased_on=dt.date(2025, 1, 1),
                                requested_on=dt.date(2025, 2, 1))

def _survey_round(f):
    from insatskollen.survey.services import survey_round_create

    d = f["decision_a"]
    return survey_round_create(actor=None, title="Hösten", provider=d.provider, opens_on=dt.date(2025, 9, 1),
                               closes_on=dt.date(2025, 12, 31))[0]


FOLLOWUP = {"hanna", "carl", "ada"}

# url name → (how to build its arguments from the fixtures, the personas allowed)
VIEWS = {
    "home": (lambda f: [], ALL),
    "clients": (lambda f: [], ALL),
    "client": (lambda f: [f["client_a"].pk], ALL),
    "decision_create": (lambda f: [f["client_a"].pk], CHANGERS),
    "decision_change": (lambda f: [f["decision_a"].pk], CHANGERS),
    "decision_end": (lambda f: [f["decision_a"].pk], CHANGERS),
    "import": (lambda f: [], {"hanna", "ada"}),
    "export": (lambda f: [], {"alice", "hanna", "ada"}),
    "audit": (lambda f: [], {"ada"}),
    "client_access_log": (lambda f: [f["client_a"].pk], {"ada"}),
    "client_access_log_download": (lambda f: [f["client_a"].pk, "csv"], {"ada"}),
    "allocation": (lambda f: [], ALL),
    "allocation_xlsx": (lambda f: [], ALL),
    "worklist_measurement": (lambda f: [], ALL),
    "allocation_claim_create": (lambda f: [], ALLOCATION_CHANGERS),
    "allocation_level_request_create": (lambda f: [], ALLOCATION_CHANGERS),
    "allocation_claim_decide": (lambda f: [_claim(f).pk], ALLOCATION_CHANGERS),
    "allocation_level_request_decide": (lambda f: [_level_request(f).pk], ALLOCATION_CHANGERS),
    "benchmarks": (lambda f: [], FOLLOWUP),
    "benchmark_export": (lambda f: [], FOLLOWUP),
    "survey_rounds": (lambda f: [], FOLLOWUP),
    "survey_round": (lambda f: [_survey_round(f).pk], FOLLOWUP),
    "transport": (lambda f: [], FOLLOWUP),
    "transport_orders": (lambda f: [], FOLLOWUP),
    "transport_ledger": (lambda f: [], FOLLOWUP),
    "transport_invoice": (lambda f: [f["invoice"].pk], FOLLOWUP),
    "transport_invoice_xlsx": (lambda f: [f["invoice"].pk], FOLLOWUP),
    "ifo_sharing": (lambda f: [], FOLLOWUP),
    "ifo_agreement_create": (lambda f: [], {"hanna", "ada"}),
    "ifo_dispute": (lambda f: [f["ifo_dispute"].pk], FOLLOWUP),
    "ifo_recharge": (lambda f: [], FOLLOWUP),
    "ifo_recharge_download": (lambda f: ["xlsx"], FOLLOWUP),
}
# Views that only take a POST (a GET by an allowed user answers 405), and who may post.
POST_ONLY = {"benchmark_import": FOLLOWUP}
# Public views: the survey answered through a single-use link; an unknown link answers 404 and shows nothing.
PUBLIC = {"survey_answer": ["okand-lank"]}
ANONYMOUS_ONLY = {"import_job": [1], "import_job_status": [1], "import_commit": [1]}
CASES = [(name, persona) for name in VIEWS for persona in sorted(ALL)]


@pytest.fixture
def objects(client_a, decision_a):
    carrier = carrier_get_or_create(name="Norra Färdtjänsten AB", actor=None)[0]
    invoice = TransportInvoice.objects.create(
        carrier=carrier, number="F-1", invoice_date=dt.date(2025, 3, 31), period=dt.date(2025, 3, 1),
        amount=Decimal(500), accepted=Decimal(0), disputed=Decimal(500))
    dispute = sharing_dispute_record(client=client_a, actor=None, reason="IFO bestrider")
    return {"client_a": client_a, "decision_a": decision_a, "invoice": invoice, "ifo_dispute": dispute}


@pytest.mark.parametrize("name", [*VIEWS, *ANONYMOUS_ONLY])
def test_anonymous_is_sent_to_login(client, objects, name):
    args = ANONYMOUS_ONLY.get(name) or VIEWS[name][0](objects)
    url = reverse(f"web:{name}", args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:login')}?next={url}"


@pytest.mark.parametrize(("name", "persona"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_role_allowed_or_denied(request, browser_for, objects, name, persona):
    user = request.getfixturevalue(persona)
    build_args, allowed = VIEWS[name]
    response = browser_for(user).get(reverse(f"web:{name}", args=build_args(objects)))
    assert response.status_code == (200 if persona in allowed else 403)


@pytest.mark.parametrize("name", POST_ONLY)
@pytest.mark.parametrize("persona", sorted(ALL))
def test_post_only_views_check_the_role(request, client, browser_for, objects, name, persona):
    url = reverse(f"web:{name}")
    assert client.post(url)["Location"] == f"{reverse('web:login')}?next={url}"
    response = browser_for(request.getfixturevalue(persona)).post(url)
    assert (response.status_code != 403) == (persona in POST_ONLY[name])


@pytest.mark.parametrize("name", PUBLIC)
def test_public_views_need_no_login_and_reveal_nothing_for_an_unknown_link(client, objects, name):
    response = client.get(reverse(f"web:{name}", args=PUBLIC[name]))
    assert response.status_code == 404
    assert "Solgläntan" not in response.content.decode()


def test_navigation_offers_only_what_the_role_may_use(browser_for, alice, carl, ada):
    def nav(user) -> str:
        html = browser_for(user).get(reverse("web:home")).content.decode()
        return html.split('aria-label="Huvudmeny"')[1].split("</nav>")[0]

    assert "Exportera" in nav(alice) and "Importera" not in nav(alice) and "Logg" not in nav(alice)
    assert "Exportera" not in nav(carl)
    assert all(label in nav(ada) for label in ("Översikt", "Klienter", "Importera", "Exportera", "Logg"))
