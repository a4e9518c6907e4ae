"""Demo renegotiations and Försäkringskassan cases on top of the demo register. Deterministic per seed.

- a few individual contracts expiring soon are renegotiated 3–8 % cheaper for two more years (the 2018 action
  plan's "Bevakning av individuella avtal");
- the largest FK candidates get cases: one application granted (with a retroactive claim for the months FK
  took to decide), one refused and appealed (the appeal pending, a retroactive claim registered as in the 2018
  report), one pending, one refused and left as a candidate;
- a few clients with LSS daily activity also hold an old SoL companion service (ledsagarservice), which the
  2007 review found ("gamla beslutade SoL-insatser som ska vara LSS-insatser"): the SoL → LSS list.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from insatskollen.contracts.selectors import contract_watch
from insatskollen.contracts.services import contract_renegotiate
from insatskollen.fk.models import FkCaseKind, FkOutcome
from insatskollen.fk.selectors import fk_candidates
from insatskollen.fk.services import fk_case_decide, fk_case_register
from insatskollen.register.models import ChangeSource, Contract, Decision, InterventionType
from insatskollen.register.services import decision_create, start_of_day

RENEGOTIATIONS = 3
SOL_TO_LSS_CASES = 3
CENT = Decimal("0.01")


def _days_ago(today: dt.date, rng: random.Random, low: int, high: int) -> dt.date:
    return today - dt.timedelta(days=rng.randint(low, high))


def _renegotiate(today: dt.date, rng: random.Random) -> int:
    items = [i for i in contract_watch(Decision.objects.all(), today) if i["decisions"] and i["days_left"] >= 0]
    done = 0
    for item in items[:RENEGOTIATIONS]:
        contract = Contract.objects.get(pk=item["contract_id"])
        price = contract.price or Decimal(str(item["decision_price"] or 0))
        if price <= 0:
            continue
        cut = Decimal(rng.randint(3, 8)) / 100
        effective_from = max(contract.valid_to + dt.timedelta(days=1), today)
        contract_renegotiate(contract=contract, actor=None, new_price=(price * (1 - cut)).quantize(CENT),
                             effective_from=effective_from, valid_to=effective_from.replace(
                                 year=effective_from.year + 2) - dt.timedelta(days=1),
                             note=f"Omförhandlat: {cut * 100:.0f} % lägre pris, två år.", source=ChangeSource.DEMO)
        done += 1
    return done


def _fk_cases(today: dt.date, rng: random.Random) -> dict[str, int]:
    counts = {"fk_applications": 0, "fk_appeals": 0, "fk_retroactive_claims": 0}
    seen: set[int] = set()
    candidates = []
    for item in fk_candidates(Decision.objects.all(), today):
        if item["client_id"] not in seen:
            seen.add(item["client_id"])
            candidates.append(item)
    plans = ("granted", "appealed", "pending", "refused")
    for plan, item in zip(plans, candidates, strict=False):
        decision = Decision.objects.select_related("client").get(pk=item["decision_id"])
        submitted = _days_ago(today, rng, 150, 300)
        case = fk_case_register(client=decision.client, actor=None, kind=FkCaseKind.APPLICATION,
                                submitted_on=submitted if plan != "pending" else _days_ago(today, rng, 10, 60),
                                decision=decision, note="Grundläggande behov enligt utredningen.")
        counts["fk_applications"] += 1
        if plan == "pending":
            continue
        decided = submitted + dt.timedelta(days=rng.randint(60, 120))
        saving = Decimal(str(item["yearly_saving"]))
        if plan == "granted":
            fk_case_decide(case=case, actor=None, outcome=FkOutcome.GRANTED, decided_on=decided,
                           hours_granted=Decimal(str(item["hours"])))
            expected = (saving * (decided - submitted).days / 365).quantize(CENT)
            claim = fk_case_register(client=decision.client, actor=None, kind=FkCaseKind.RETROACTIVE_CLAIM,
                                     submitted_on=decided + dt.timedelta(days=7), decision=decision, parent=case,
                                     expected_amount=expected, note="Retroaktivt från ansökningsdagen.")
            fk_case_decide(case=claim, actor=None, outcome=FkOutcome.GRANTED,
                           decided_on=min(today, decided + dt.timedelta(days=45)), received_amount=expected)
            counts["fk_retroactive_claims"] += 1
            continue
        fk_case_decide(case=case, actor=None, outcome=FkOutcome.REFUSED, decided_on=decided,
                       note="Försäkringskassan bedömer behoven under 20 timmar.")
        if plan == "appealed":
            fk_case_register(client=decision.client, actor=None, kind=FkCaseKind.APPEAL, parent=case,
                             decision=decision, submitted_on=decided + dt.timedelta(days=14),
                             note="Överklagat till förvaltningsrätten.")
            fk_case_register(client=decision.client, actor=None, kind=FkCaseKind.RETROACTIVE_CLAIM,
                             parent=case, decision=decision, submitted_on=decided + dt.timedelta(days=14),
                             expected_amount=(saving * (today - submitted).days / 365).quantize(CENT),
                             note="Anmält för retroaktiv ersättning vid bifall.")
            counts["fk_appeals"] += 1
            counts["fk_retroactive_claims"] += 1
    return counts


def _sol_decisions_for_lss_clients(today: dt.date, rng: random.Random) -> int:
    """SoL companion service (6165) for a few clients with LSS daily activity (6330) and no companion service."""
    sol = InterventionType.objects.filter(code="6165").first()
    model = Decision.objects.filter(intervention_type=sol).order_by("pk").first() if sol else None
    if model is None:
        return 0
    hosts = list(Decision.objects.filter(intervention_type__code="6330", start_date__lte=today)
                 .exclude(end_date__lt=today).exclude(client__decisions__intervention_type__code__in=("6160", "6165"))
                 .select_related("client", "caseworker").order_by("pk"))
    made = 0
    for host in rng.sample(hosts, min(SOL_TO_LSS_CASES, len(hosts))):
        decided = max(host.start_date, today - dt.timedelta(days=rng.randint(200, 700)))
        decision_create(actor=None, source=ChangeSource.DEMO, known_at=start_of_day(decided),
                        external_id=f"{host.external_id or host.pk}-SOL", client=host.client,
                        intervention_type=sol, extent=Decimal(rng.choice((6, 8, 10, 12))), unit=model.unit,
                        price=model.price, provider=model.provider, decision_date=decided, start_date=decided,
                        end_date=None, caseworker=host.caseworker, last_review_date=None,
                        comment="Beviljad enligt SoL; klienten har daglig verksamhet enligt LSS.")
        made += 1
    return made


def seed_contracts_fk(*, today: dt.date, seed: int) -> dict[str, int]:
    """Renegotiations and FK cases on the loaded demo register; counts for the report."""
    rng = random.Random(f"contracts-fk-{seed}")
    with transaction.atomic():
        counts = {"renegotiations": _renegotiate(today, rng)}
        counts.update(_fk_cases(today, rng))
        counts["sol_to_lss_decisions"] = _sol_decisions_for_lss_clients(today, rng)
    return counts
