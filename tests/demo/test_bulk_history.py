"""register.bulk writes the same history as decision_create/decision_change, checks the same rules, and
records one audit event for the whole load."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from insatskollen.accounts.models import User
from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.demo.generator import generate_demo
from insatskollen.demo.loader import load_demo
from insatskollen.register.bulk import DecisionChange, DecisionHistory, decisions_bulk_load
from insatskollen.register.models import (
    ChangeSource,
    Contract,
    Decision,
    DecisionTerm,
    DecisionVersion,
    InterventionType,
    Provider,
)
from insatskollen.register.services import start_of_day

pytestmark = pytest.mark.django_db


def group_home_fields(group_home, provider, caseworker) -> dict:
    return {"intervention_type_id": group_home.pk, "extent": 1, "unit": "dygn", "price": Decimal(3250),
            "provider_id": provider.pk, "decision_date": dt.date(2025, 1, 10), "start_date": dt.date(2025, 2, 1),
            "caseworker_id": caseworker.pk}

FK_NAMES = ("intervention_type_id", "provider_id", "contract_id", "caseworker_id")


def history_by_natural_keys() -> list[tuple]:
    """Every version, with ids replaced by codes, names and references so two loads can be compared."""
    names = {
        "intervention_type_id": dict(InterventionType.objects.values_list("id", "code")),
        "provider_id": dict(Provider.objects.values_list("id", "name")),
        "contract_id": dict(Contract.objects.values_list("id", "reference")),
        "caseworker_id": dict(User.objects.values_list("id", "username")),
    }

    def natural(field, value):
        return names[field].get(value) if field in names else value

    rows = []
    for v in DecisionVersion.objects.select_related("decision").order_by("decision__external_id", "number"):
        changes = {f: [natural(f, b), natural(f, a)] for f, (b, a) in v.changes.items()}
        state = (v.extent, v.price, v.start_date, v.end_date, v.last_review_date, v.level, v.revenue_per_unit,
                 v.ifo_share_pct, *(natural(f, getattr(v, f)) for f in FK_NAMES))
        rows.append((v.decision.external_id, v.number, v.kind, v.source, v.known_at, changes, state, v.valid_from,
                     v.affects_from, v.is_correction, v.event, v.note))
    return rows


def terms_by_natural_keys() -> list[tuple]:
    """Every term period with its valid and known time, by Beslut-id."""
    return sorted(((t.decision.external_id, t.valid_from, t.valid_to, t.known_from, t.known_to, t.extent, t.unit,
                    t.price, t.level, t.ifo_share_pct, t.revenue_per_unit)
                   for t in DecisionTerm.objects.select_related("decision")), key=repr)


@time_machine.travel(dt.datetime(2026, 12, 4, 12, tzinfo=ZoneInfo("Europe/Stockholm")), tick=False)
def test_bulk_load_writes_exactly_the_history_the_services_write():
    # A fixed day: which of the 25 clients' ends are reported late (and so correct a closed month) depends on it.
    data = generate_demo(seed=3, clients=25, years=2, today=timezone.localdate())
    load_demo(data, through_services=True)
    through_services, terms = history_by_natural_keys(), terms_by_natural_keys()
    assert AuditEvent.objects.filter(action=AuditAction.DECISION_CREATED).count() == len(data.decisions)
    assert any(row[9] for row in through_services)  # late-reported ends correct closed months

    load_demo(data, force=True)

    assert history_by_natural_keys() == through_services
    assert terms_by_natural_keys() == terms
    assert AuditEvent.objects.filter(action=AuditAction.DEMO_SEEDED).count() == 2  # the wipe and the load


def test_bulk_load_refuses_a_history_that_breaks_a_rule_and_writes_nothing(client_a, group_home, provider, alice):
    fields = group_home_fields(group_home, provider, alice)
    good = DecisionHistory(client_id=client_a.pk, known_at=start_of_day(dt.date(2025, 1, 10)), fields=fields,
                           external_id="B-1")
    ends_before_start = DecisionHistory(
        client_id=client_a.pk, known_at=start_of_day(dt.date(2025, 1, 10)), fields=fields, external_id="B-2",
        changes=[DecisionChange(known_at=start_of_day(dt.date(2025, 3, 1)), changes={"end_date": dt.date(2025, 1, 1)})])

    with pytest.raises(ValidationError) as refused:
        decisions_bulk_load(items=[good, ends_before_start], actor=None, source=ChangeSource.DEMO)

    assert "B-2" in str(refused.value.message_dict["end_date"])
    assert not Decision.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.DEMO_SEEDED).exists()


def test_bulk_load_keeps_the_caseworkers_team_rule_for_a_user(client_b, group_home, provider, alice):
    fields = group_home_fields(group_home, provider, alice)
    item = DecisionHistory(client_id=client_b.pk, known_at=start_of_day(dt.date(2025, 1, 10)), fields=fields)

    with pytest.raises(Exception, match="annat team"):
        decisions_bulk_load(items=[item], actor=alice, source=ChangeSource.UI)
    assert not Decision.objects.exists()
