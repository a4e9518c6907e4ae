"""The unit's exchange file between districts as JSON (docs/benchmark-exchange.md): the same rows and figures as
the file, suppressed figures as null with `suppressed: true`."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from insatskollen.accounts import access
from insatskollen.benchmarking.exchange import FORMAT_VERSION
from insatskollen.benchmarking.selectors import own_district_name, own_month_figures

router = Router(tags=["Jämförelse"])


def _money(value) -> str | None:
    return None if value is None else f"{value:.2f}"


@router.get("/benchmark/export", summary="Enhetens nyckeltal i utbytesformatet mellan stadsdelar")
def benchmark_export(request, year: int, through: str | None = None):
    user = request.auth
    if not access.may_exchange_benchmarks(user):
        raise HttpError(403, "Du har inte behörighet att hämta jämförelsefilen.")
    if not 1990 <= year <= 2100:
        raise HttpError(422, "År ska vara mellan 1990 och 2100.")
    if through:
        try:
            month = dt.date.fromisoformat(f"{through}-01")
        except ValueError:
            raise HttpError(422, "through ska skrivas ÅÅÅÅ-MM.") from None
        last = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    else:
        today = timezone.localdate()
        last = dt.date(year, 12, 31) if year < today.year else today.replace(day=1) - dt.timedelta(days=1)
    figures = own_month_figures(year, through=last) if last.year == year else []
    return {
        "format_version": FORMAT_VERSION, "district": own_district_name(), "year": year,
        "rows": [{
            "month": f.month, "code": f.code, "name": f.name, "suppressed": f.suppressed, "persons": f.persons,
            "days": f.days, "cost": _money(f.cost), "cost_per_person": _money(f.cost_per_person),
            "cost_per_day": _money(f.cost_per_day), "schablon": _money(f.schablon),
            "allocation": _money(f.allocation),
            "private_share_pct": None if f.private_share_pct is None else f"{f.private_share_pct:.1f}",
            "budget": _money(f.budget), "transfers": _money(f.transfers), "budget_total": _money(f.budget_total),
            "transfer_reasons": f.transfer_reasons,
        } for f in figures],
    }
