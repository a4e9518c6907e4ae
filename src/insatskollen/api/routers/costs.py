"""Cost, revenue and net per month for a year, over the decisions the user may see: `costs --json` as JSON."""

from __future__ import annotations

from ninja import Query, Router

from insatskollen.api.schemas import CostFilters, CostsOut
from insatskollen.audit.services import audit_record_reads
from insatskollen.core.identity import mask_personal_number
from insatskollen.costing.selectors import Figures, year_summary
from insatskollen.register.models import Client
from insatskollen.register.selectors import decisions_visible_to

router = Router(tags=["Kostnader"])


def masked_client_keys(by: dict[str, Figures]) -> dict[str, Figures]:
    """Personnummer keys masked. Two clients born the same day keep separate rows: the second gets " (2)"."""
    result: dict[str, Figures] = {}
    for digits in sorted(by):
        key = base = mask_personal_number(digits)
        number = 1
        while key in result:
            number += 1
            key = f"{base} ({number})"
        result[key] = by[digits]
    return result


@router.get("/costs", response=CostsOut, summary="Kostnad per månad för ett år")
def costs(request, filters: Query[CostFilters]):
    user = request.auth
    year, by = filters.year, filters.by
    summary = year_summary(decisions_visible_to(user), year, by=by)
    groups = summary.by
    if by == "klient":  # personnummer are shown in full only on a client's own page
        shown = Client.objects.filter(personal_number__in=list(groups)).values_list("pk", flat=True)
        audit_record_reads(actor=user, client_ids=list(shown), summary=f"Kostnad per klient {year} via API",
                           detail={"source": "api", "endpoint": "costs", "year": year})
        groups = masked_client_keys(groups)
    return {
        "year": year,
        "months": {month: f.as_dict() for month, f in summary.months.items()},
        "total": summary.total.as_dict(),
        "by": {key: f.as_dict() for key, f in groups.items()},
    }
