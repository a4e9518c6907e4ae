"""`insatskollen worklist plans`: orders without an execution plan, overdue first, through the command's JSON."""

import datetime as dt
import json
from io import StringIO

from django.core.management import call_command

from insatskollen.orders.services import execution_plan_register

AS_OF = "2025-03-15"


def worklist(*extra):
    out = StringIO()
    call_command("worklist", "plans", "--as-of", AS_OF, *extra, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_overdue_first_then_by_due_date(make_decision, client_a, client_b, bob, place_order):
    waiting = place_order(make_decision(client_a, external_id="W"), "2025-03-10")      # due 03-24
    late = place_order(make_decision(client_b, external_id="L", caseworker=bob), "2025-02-20")  # due 03-06
    later = place_order(make_decision(client_a, external_id="LL"), "2025-02-01")        # due 02-15
    result = worklist()
    assert result["as_of"] == AS_OF
    assert [(i["decision"], i["order"], i["plan_due"], i["days_overdue"], i["overdue"]) for i in result["items"]] == [
        ("LL", later.pk, "2025-02-15", 28, True),   # 15 Feb → 15 Mar
        ("L", late.pk, "2025-03-06", 9, True),
        ("W", waiting.pk, "2025-03-24", 0, False),
    ]
    first = result["items"][0]
    assert first["provider"] == "Solgläntan AB" and first["caseworker"] == "alice"
    assert first["client"] == client_a.masked_personal_number
    assert "198703121239" not in json.dumps(result)


def test_received_plans_and_ended_decisions_are_left_out(make_decision, client_a, alice, place_order):
    received = place_order(make_decision(client_a, external_id="R"), "2025-02-01")
    execution_plan_register(order=received, actor=alice, received_on=dt.date(2025, 2, 10))
    place_order(make_decision(client_a, external_id="E", end_date=dt.date(2025, 3, 1)), "2025-02-01")
    place_order(make_decision(client_a, external_id="F"), "2025-03-16")  # ordered after the as-of date
    assert worklist()["items"] == []


def test_a_plan_received_after_the_date_was_missing_on_it(decision_a, alice, place_order):
    order = place_order(decision_a, "2025-02-01")
    execution_plan_register(order=order, actor=alice, received_on=dt.date(2025, 3, 20))
    assert [i["order"] for i in worklist()["items"]] == [order.pk]


def test_until_and_team(make_decision, client_a, client_b, bob, place_order):
    place_order(make_decision(client_a, external_id="A-late"), "2025-02-01")   # due 02-15
    place_order(make_decision(client_a, external_id="A-soon"), "2025-03-14")   # due 03-28
    place_order(make_decision(client_b, external_id="B-late", caseworker=bob), "2025-02-01")
    assert [i["decision"] for i in worklist("--until", "2025-03-01")["items"]] == ["A-late", "B-late"]
    assert [i["decision"] for i in worklist("--team", "team-b")["items"]] == ["B-late"]


def test_text_output_counts_the_items(decision_a, place_order):
    place_order(decision_a, "2025-02-01")
    out = StringIO()
    call_command("worklist", "plans", "--as-of", AS_OF, stdout=out)
    assert "1 poster per 2025-03-15" in out.getvalue()
