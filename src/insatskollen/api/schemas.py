"""The shapes the API reads and writes. Money and extents are returned as decimal strings ("3250.00")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict

from insatskollen.core.numbers import parse_date, parse_decimal
from insatskollen.core.units import ExtentUnit


def _read_decimal(value: Any) -> Any:
    return value if value is None else parse_decimal(value)


def _read_date(value: Any) -> Any:
    return value if value is None or isinstance(value, dt.date) else parse_date(value)


def _read_unit(value: Any) -> Any:
    return value if value is None else ExtentUnit.parse(str(value)).value


# Inputs: Swedish validators, so a bad value gets a Swedish message ("1 234,50" and 1234.5 both read).
Amount = Annotated[Decimal, BeforeValidator(_read_decimal)]
IsoDate = Annotated[dt.date, BeforeValidator(_read_date)]
UnitName = Annotated[str, BeforeValidator(_read_unit)]


MAX_PAGE = 500
# Integers the API reads are bounded, so a value beyond the database's 64-bit integers answers 422, never 500.
DB_INT_MAX = 2**63 - 1
MAX_OFFSET = 1_000_000_000
Id = Annotated[int, Field(ge=1, le=DB_INT_MAX)]
VersionNumber = Annotated[int, Field(ge=0, le=DB_INT_MAX)]
Grouping = Literal["insatskod", "handlaggare", "team", "utforare", "klient"]


class Page(Schema):
    limit: int = Field(100, ge=1, le=MAX_PAGE, description="Högst så många rader.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Hoppa över så många rader.")


class ClientFilters(Page):
    q: str = Field("", description="Sök på personnummer (helt eller början), namn eller beslut-id.")


class DecisionFilters(Page):
    client: Id | None = Field(None, description="Klientens id.")
    active_on: dt.date | None = Field(None, description="Bara beslut som gäller detta datum (ÅÅÅÅ-MM-DD).")
    code: str = Field("", description="Insatskod, t.ex. 6510.")


class CostFilters(Schema):
    year: int = Field(ge=1900, le=2200, description="Året, t.ex. 2025.")
    by: Grouping | None = Field(None, description="Gruppera även per insatskod, handläggare, team, utförare "
                                                  "eller klient.")


class Message(Schema):
    detail: str


class InvalidFields(Schema):
    detail: str
    errors: dict[str, str] = Field(description="Fält → meddelande på svenska.")


class TeamOut(Schema):
    id: int
    code: str
    name: str


class MeOut(Schema):
    username: str
    name: str
    role: str
    role_label: str
    team: TeamOut | None
    sees_whole_unit: bool
    may_change_decisions: bool
    may_see_personal_numbers: bool


class ClientRef(Schema):
    """A client as lists show it: personnummer masked."""

    id: int
    personal_number: str = Field(description="Maskerat: ÅÅÅÅMMDD-****.")

    @staticmethod
    def resolve_personal_number(obj) -> str:
        return obj.masked_personal_number


class ClientListItem(ClientRef):
    name: str
    team: TeamOut | None


class ClientPage(Schema):
    count: int
    items: list[ClientListItem]


class InterventionTypeRef(Schema):
    id: int
    code: str
    name: str
    law: str


class ProviderRef(Schema):
    id: int
    name: str


class DecisionOut(Schema):
    id: int
    external_id: str | None
    client: ClientRef
    intervention_type: InterventionTypeRef
    provider: ProviderRef
    contract_id: int | None
    caseworker: str = Field(description="Handläggarens användarnamn.")
    extent: Decimal
    unit: str
    price: Decimal
    decision_date: dt.date
    start_date: dt.date
    end_date: dt.date | None
    last_review_date: dt.date | None
    level: str
    ifo_share_pct: Decimal
    revenue_per_unit: Decimal | None
    revenue_source: str
    comment: str
    version: int = Field(description="Beslutets version. Skicka den (eller ETag i If-Match) vid ändring.")

    @staticmethod
    def resolve_caseworker(obj) -> str:
        return obj.caseworker.username


class DecisionPage(Schema):
    count: int
    items: list[DecisionOut]


class VersionOut(Schema):
    number: int
    kind: str
    source: str
    known_at: dt.datetime = Field(description="När versionen blev känd, svensk tid.")
    changed_by: str | None = Field(description="Användarnamn; null när systemet (import, kommando) ändrade.")
    changes: dict[str, Any] = Field(description="Fält → [före, efter]; villkor jämförs med dem som gällde valid_from.")
    valid_from: dt.date | None = Field(description="Dagen ändrade villkor gäller från; null när inget villkor ändrades.")
    event: str = Field(description="change, review (omprövning), renegotiation, indexation eller merged.")
    is_correction: bool = Field(description="En rättelse av en stängd månad eller av ett avslutat beslut.")
    note: str = Field(description="Omprövningens anteckning eller rättelsens skäl.")

    @staticmethod
    def resolve_known_at(obj) -> dt.datetime:
        return timezone.localtime(obj.known_at)

    @staticmethod
    def resolve_changed_by(obj) -> str | None:
        return obj.changed_by.username if obj.changed_by_id else None


class TermOut(Schema):
    """A period of the decision's terms, as the register holds it now."""

    valid_from: dt.date
    valid_to: dt.date | None = Field(description="Sista dagen (inklusive); null: tills vidare.")
    extent: Decimal
    unit: str
    price: Decimal
    provider_id: int
    contract_id: int | None
    level: str
    ifo_share_pct: Decimal
    revenue_per_unit: Decimal | None
    revenue_source: str


class DecisionDetail(DecisionOut):
    versions: list[VersionOut]
    terms: list[TermOut] = Field(description="Villkoren över tid: en period per ändring, äldst först.")

    @staticmethod
    def resolve_versions(obj) -> list:
        return list(obj.versions.all())

    @staticmethod
    def resolve_terms(obj) -> list:
        return [t for t in obj.terms.all() if t.known_to is None]


class ClientDetail(Schema):
    """One client: personnummer in full unless the role may not see it."""

    id: int
    personal_number: str
    is_coordination_number: bool
    name: str
    team: TeamOut | None
    decisions: list[DecisionOut]


class _Input(Schema):
    model_config = ConfigDict(extra="forbid")


class DecisionFields(_Input):
    """Fields a decision can be created or changed with. References are ids, the caseworker a username."""

    intervention_type: Id | None = Field(None, description="Insatstypens id.")
    provider: Id | None = Field(None, description="Utförarens id.")
    contract: Id | None = Field(None, description="Avtalets id (valfritt).")
    caseworker: str | None = Field(None, description="Handläggarens användarnamn.")
    extent: Amount | None = Field(None, description="Omfattning i enhetens mått, t.ex. 12.5 eller \"12,5\".")
    unit: UnitName | None = Field(None, description="En av: " + ", ".join(u.value for u in ExtentUnit) + ".")
    price: Amount | None = Field(None, description="Pris i kronor per basenhet.")
    decision_date: IsoDate | None = None
    start_date: IsoDate | None = None
    end_date: IsoDate | None = Field(None, description="Sista dagen (inklusive). null: pågående.")
    last_review_date: IsoDate | None = None
    level: str | None = Field(None, max_length=20)
    ifo_share_pct: Amount | None = Field(None, description="IFO-andel i procent, 0–100.")
    revenue_per_unit: Amount | None = None
    revenue_source: str | None = Field(None, max_length=40)
    comment: str | None = None


class DecisionCreateIn(DecisionFields):
    """A new decision. `caseworker` defaults to the token's user, `unit` to the intervention type's unit."""

    client: Id = Field(description="Klientens id.")
    intervention_type: Id = Field(description="Insatstypens id.")
    provider: Id = Field(description="Utförarens id.")
    extent: Amount = Field(description="Omfattning i enhetens mått, t.ex. 12.5 eller \"12,5\".")
    price: Amount = Field(description="Pris i kronor per basenhet.")
    decision_date: IsoDate = Field(description="Beslutsdatum, ÅÅÅÅ-MM-DD.")
    start_date: IsoDate = Field(description="Första dagen, ÅÅÅÅ-MM-DD.")
    external_id: str | None = Field(None, max_length=64, description="Beslut-id i verksamhetssystemet.")
    reason: str | None = Field(None, max_length=1000, description="Skälet, när beslutet börjar i en stängd månad.")


class WriteOptions(_Input):
    """What a write carries besides the decision's fields."""

    version: VersionNumber | None = Field(None, description=(
        "Versionen du läste (eller skicka ETag i rubriken If-Match). En äldre version ger 409 och inget ändras."))
    reason: str | None = Field(None, max_length=1000, description=(
        "Skälet, när ändringen är en rättelse (påverkar en stängd månad eller ett avslutat beslut). Bara "
        "sektionschef och administratör får rätta."))


class DecisionChangeIn(DecisionFields, WriteOptions):
    """Any subset of the fields; fields left out are unchanged. `end_date: null` reopens an ended decision.
    Changed terms (extent, unit, price, provider, contract, level, IFO share, revenue) take effect from `valid_from`
    and hold from then on; the days before keep their terms."""

    valid_from: IsoDate | None = Field(None, description="Dagen ändrade villkor gäller från. Standard: i dag.")


class DecisionEndIn(WriteOptions):
    end_date: IsoDate = Field(description="Sista dagen (inklusive).")


class FiguresOut(Schema):
    cost: float
    revenue: float
    net: float


class CostsOut(Schema):
    """The shape of `insatskollen costs --json`."""

    year: int
    months: dict[str, FiguresOut]
    total: FiguresOut
    by: dict[str, FiguresOut]
