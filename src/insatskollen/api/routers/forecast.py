"""The year-end forecast as the forecast page shows it: `forecast --json` (formats.md §4) plus the interval, the
evidence per method and the bridge since the previous month end. Same access rule as the page (follow-up roles),
and every read is written to the audit trail like the page's downloads."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from insatskollen.accounts import access
from insatskollen.api.schemas import InvalidFields, IsoDate, Message
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.forecasting.reading import default_as_of, read_forecast
from insatskollen.forecasting.registry import KEYS

router = Router(tags=["Prognos"])


class ForecastFilters(Schema):
    year: int = Field(ge=1990, le=2100, description="Året prognosen gäller, t.ex. 2025.")
    as_of: IsoDate | None = Field(None, description="Prognos per datum (ÅÅÅÅ-MM-DD), inom året. Utan: senaste "
                                                    "månadsskiftet, som prognossidan.")
    bridge_method: Literal[KEYS] | None = Field(  # type: ignore[valid-type]
        None, description="Metoden vars förändring bryggan förklarar. Utan: den rekommenderade. En metod som bara "
                          "läser huvudboken (run_rate, seasonal_naive, baseline) har bara utfallet som orsak.")


class YearFiguresOut(Schema):
    cost: float
    revenue: float
    net: float


class MethodFiguresOut(YearFiguresOut):
    deviation: float = Field(description="budget_net − net; negativt är underskott.")


class IntervalOut(Schema):
    level: float = Field(description="Sannolikheten, t.ex. 0.8.")
    low: float
    high: float
    method: str


class CaseOut(Schema):
    decision: str = Field(description="Beslut-id, eller #id när beslutet saknar ett.")
    client: str = Field(description="Maskerat personnummer: ÅÅÅÅMMDD-****.")
    amount: float


class DriverOut(Schema):
    driver: str
    label: str = Field(description="Orsaken på svenska, som på sidan.")
    amount: float
    cases: list[CaseOut] = Field(description="De (högst 20) beslut med störst belopp.")
    months: dict[str, float] | None = Field(None, description="Huvudbokens netto per månad (utfall annat än väntat).")
    parts: dict[str, float] | None = Field(None, description="Omräknade förväntningar per del.")


class BridgeOut(Schema):
    from_: str = Field(alias="from", description="Förra månadsskiftet, ÅÅÅÅ-MM-DD.")
    to: str
    method: str
    net_from: float
    net_to: float
    change: float
    drivers: list[DriverOut]
    budget_from: float | None = None
    budget_to: float | None = None
    budget_change: float | None = None


class ForecastOut(Schema):
    year: int
    as_of: str = Field(description="ÅÅÅÅ-MM-DD.")
    budget_net: float
    actual_to_date: YearFiguresOut
    forecasts: dict[str, MethodFiguresOut] = Field(description="Metod → helårets siffror.")
    recommended: str = Field(description="Den rekommenderade metoden: en nyckel i forecasts.")
    interval: IntervalOut | None = Field(description="Intervallet kring den rekommenderade metodens netto.")
    evidence: dict[str, float | None] = Field(description="Metod → fel förr (MAPE, %); null utan underlag.")
    evidence_errors: dict[str, list[float]] = Field(description="Metod → felen förr (%) som MAPE är medel av.")
    evidence_basis: str = Field(description="Vad felen mättes på, i ord.")
    components: dict[str, float] = Field(description="Den förväntade förändringen i delar.")
    actual_months: int = Field(description="Hur många månader från januari som räknas som utfall (de som är slut).")
    missing_months: list[str] = Field(description="Månader (ÅÅÅÅ-MM) som är slut men saknar bokningar i huvudboken; "
                                                  "de räknas inte som noll.")
    bridge: BridgeOut | None = Field(description="Varför prognosen ändrats sedan förra månadsskiftet; null i januari.")


@router.get("/forecast", response={200: ForecastOut, 403: Message, 422: InvalidFields}, by_alias=True,
            summary="Helårsprognosen med metoder, träffsäkerhet, intervall och brygga")
def forecast(request, filters: Query[ForecastFilters]):
    """Samma siffror som prognossidan. Varje läsning skrivs i loggen."""
    user = request.auth
    if not access.may_see_followup(user):
        raise PermissionDenied
    year = filters.year
    as_of = filters.as_of or default_as_of(year, timezone.localdate())
    if as_of.year != year:
        raise ValidationError({"as_of": f"Datumet måste ligga i år {year}."})
    reading = read_forecast(year, as_of, bridge_method=filters.bridge_method)
    result = reading.forecast
    audit_record(actor=user, action=AuditAction.DOCUMENT_EXPORTED, object_type="forecast",
                 object_id=as_of.isoformat(), summary=f"Prognos {year} per {as_of.isoformat()} läst via API",
                 detail={"format": "json", "source": "api", "year": year, "as_of": as_of.isoformat()})
    return {
        **result.as_dict(details=True),
        "evidence_errors": {name: [float(e) for e in errors] for name, errors in reading.errors.items()},
        "bridge": reading.bridge.as_dict() if reading.bridge is not None else None,
    }

