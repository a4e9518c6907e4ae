"""The demo's renegotiations and FK cases: built through the services, deterministic for a seed."""

import datetime as dt
from decimal import Decimal

from insatskollen.contracts.models import Renegotiation
from insatskollen.demo.contracts_fk import seed_contracts_fk
from insatskollen.fk.models import FkCase, FkCaseKind, FkOutcome
from insatskollen.register.models import Contract
from insatskollen.register.services import client_get_or_create

TODAY = dt.date(2025, 6, 30)
PERSONAL_NUMBERS = ("198112189876", "197001011001", "196505051000", "199001011007")


def test_seed_builds_each_kind_of_case(team_a, make_decision, assistance, provider):
    contract = Contract.objects.create(reference="IA-DEMO", provider=provider, is_individual=True, price=4000,
                                       unit="dygn", valid_from=dt.date(2024, 1, 1), valid_to=dt.date(2025, 8, 31))
    for i, pnr in enumerate(PERSONAL_NUMBERS):
        client = client_get_or_create(personal_number=pnr, actor=None, team=team_a)[0]
        make_decision(client, intervention_type=assistance, extent=Decimal(30 + i), unit="tim/vecka",
                      price=Decimal(350), external_id=f"B-{i}")
    make_decision(client, contract=contract, price=Decimal(4000), external_id="B-IA")
    counts = seed_contracts_fk(today=TODAY, seed=7)
    assert counts == {"renegotiations": 1, "fk_applications": 4, "fk_appeals": 1, "fk_retroactive_claims": 2,
                      "sol_to_lss_decisions": 0}  # no daily activity in this register
    renegotiation = Renegotiation.objects.get()
    assert renegotiation.effective_from == dt.date(2025, 9, 1) and renegotiation.new_price < Decimal(4000)
    outcomes = sorted(FkCase.objects.filter(kind=FkCaseKind.APPLICATION).values_list("outcome", flat=True))
    assert outcomes == sorted([FkOutcome.GRANTED, FkOutcome.REFUSED, FkOutcome.REFUSED, FkOutcome.PENDING])
    appeal = FkCase.objects.get(kind=FkCaseKind.APPEAL)
    assert appeal.parent.outcome == FkOutcome.REFUSED and appeal.is_open
    assert all(c.submitted_on <= TODAY and (c.decided_on is None or c.decided_on <= TODAY)
               for c in FkCase.objects.all())


def test_seed_gives_lss_clients_an_old_sol_decision_for_the_sol_to_lss_list(team_a, team_b, make_decision):
    from insatskollen.casework.sol_to_lss import sol_to_lss_items
    from insatskollen.register.models import Decision, InterventionType

    daily = InterventionType.objects.create(code="6330", name="Daglig verksamhet", law="LSS", unit="månad")
    companion = InterventionType.objects.create(code="6165", name="Ledsagarservice", law="SoL", unit="tim/månad")
    lss_client = client_get_or_create(personal_number=PERSONAL_NUMBERS[0], actor=None, team=team_a)[0]
    sol_client = client_get_or_create(personal_number=PERSONAL_NUMBERS[1], actor=None, team=team_b)[0]
    make_decision(lss_client, intervention_type=daily, extent=Decimal(1), unit="månad", price=Decimal(9000),
                  external_id="B-DV")
    make_decision(sol_client, intervention_type=companion, extent=Decimal(8), unit="tim/månad", price=Decimal(420),
                  external_id="B-LEDS")
    assert seed_contracts_fk(today=TODAY, seed=3)["sol_to_lss_decisions"] == 1
    items = sol_to_lss_items(Decision.objects.all(), TODAY)
    assert [(i["client_id"], i["lss_code"]) for i in items] == [(lss_client.pk, "6160")]
