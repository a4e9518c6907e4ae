"""SoL → LSS: SoL decisions that may belong under LSS, to review (the 2007 report: "En genomgång av gamla
beslutade SoL-insatser som ska vara LSS-insatser").

A SoL decision is listed when (1) its intervention has an LSS twin (`LSS_TWIN`, the codes of the 2007 report's
Table 4 as the demo catalogue uses them) and (2) the client shows personkrets evidence. The register has no
personkrets field, so the evidence is any LSS (or LASS) decision for the same client, current or past: only a
person in personkrets 1–3 can be granted one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from insatskollen.core.numbers import to_ore
from insatskollen.costing.engine import monthly_costs
from insatskollen.costing.selectors import ENGINE_FIELDS, arrays_from_values
from insatskollen.register.models import Decision, InterventionType, Law

# SoL code → the LSS intervention that gives the same support as a right.
LSS_TWIN = {
    "6135": "6220",  # hemhjälp i assistansliknande form → personlig assistans
    "6115": "6220",  # hemhjälp (personlig omvårdnad) → personlig assistans
    "6145": "6140",  # avlösarservice
    "6165": "6160",  # ledsagarservice
    "6175": "6170",  # kontaktperson
    "6345": "6340",  # korttidstillsyn för skolungdom över 12 år
    "6435": "6430",  # korttidshem/kontaktfamilj → korttidsvistelse (barn)
    "6555": "6550",  # korttidsboende → korttidsvistelse (vuxna)
    "6315": "6330",  # dagverksamhet → daglig verksamhet
    "6525": "6510",  # särskilt boende → bostad med särskild service för vuxna
    "6545": "6510",  # familjehem, vuxna → bostad med särskild service för vuxna
    "6425": "6420",  # familjehem, barn → familjehem eller bostad med särskild service för barn
}
EVIDENCE_LAWS = (Law.LSS, Law.LASS)
NOTE = ("Registret saknar uppgift om personkrets. Som tecken på personkrets räknas att klienten har eller har haft "
        "ett beslut enligt LSS (eller LASS).")


@dataclass(frozen=True)
class Evidence:
    label: str
    code: str
    active: bool


def lss_twin(law: str, code: str) -> str | None:
    """The LSS code of a SoL intervention's twin; None when it has none (or is not SoL)."""
    return LSS_TWIN.get(code) if law == Law.SOL else None


def is_candidate(law: str, code: str, evidence: list[Evidence]) -> bool:
    return lss_twin(law, code) is not None and bool(evidence)


def _year_cost(decision: Decision, year: int) -> Decimal:
    row = {f: getattr(decision, f) for f in ENGINE_FIELDS}
    return to_ore(float(monthly_costs(arrays_from_values([row]), dt.date(year, 1, 1), 12).cost.sum()))


def sol_to_lss_items(qs: QuerySet[Decision], as_of: dt.date, team: str | None = None) -> list[dict]:
    """Active SoL decisions with an LSS twin for clients with an LSS or LASS decision, dearest first."""
    qs = qs.select_related("client__team", "intervention_type", "caseworker")
    if team:
        qs = qs.filter(client__team__code=team)
    sol = [d for d in qs.filter(intervention_type__law=Law.SOL, intervention_type__code__in=LSS_TWIN,
                                start_date__lte=as_of).exclude(end_date__lt=as_of)]
    evidence: dict[int, list[Evidence]] = {}
    lss = (Decision.objects.filter(client_id__in={d.client_id for d in sol},
                                   intervention_type__law__in=EVIDENCE_LAWS, start_date__lte=as_of)
           .select_related("intervention_type").order_by("start_date", "id"))
    for d in lss:
        evidence.setdefault(d.client_id, []).append(Evidence(d.label, d.intervention_type.code, d.is_active_on(as_of)))
    names = dict(InterventionType.objects.filter(code__in=set(LSS_TWIN.values())).values_list("code", "name"))
    items = []
    for decision in sol:
        itype = decision.intervention_type
        found = evidence.get(decision.client_id, [])
        if not is_candidate(itype.law, itype.code, found):
            continue
        twin = lss_twin(itype.law, itype.code)
        team_obj = decision.client.team
        items.append({
            "decision": decision.label, "decision_id": decision.pk,
            "client": decision.client.masked_personal_number, "client_id": decision.client_id,
            "code": itype.code, "name": itype.name, "lss_code": twin, "lss_name": names.get(twin, ""),
            "caseworker": decision.caseworker.username if decision.caseworker_id else "",
            "team": team_obj.code if team_obj else "",
            "evidence": [f"{e.label} ({e.code}{', pågående' if e.active else ''})" for e in found],
            "annual_cost": float(_year_cost(decision, as_of.year)),
        })
    items.sort(key=lambda i: (-i["annual_cost"], i["decision"]))
    return items
