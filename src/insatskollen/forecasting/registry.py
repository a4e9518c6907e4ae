"""The one registry of year-end forecast methods. Pure: no Django.

Every place that names, explains, bridges or records a method reads it here: the `forecast` and `backtest`
commands, the forecast pages and downloads, the snapshots, the bridge, the casework review and the action plan.
A method that a projection produces but that is missing here fails `tests/forecasting/test_method_registry.py`.

`reads` says what a method stands on, and so how the bridge explains it:
- "ledger": only the ledger's months (the bridge: its whole change is actuals other than expected);
- "register": the register's decisions (the bridge: the commitment's drivers, plus re-estimated expectations for
  what the method adds to the commitment);
- "combination": a weighted mean of other methods (the bridge: as a register method when the register is there,
  else as a ledger method).
`simple` marks the reference methods that need no model of the unit (their equal-weight mean is the fallback
combination when the evidence is thin).
"""

from __future__ import annotations

from dataclasses import dataclass

LEDGER, REGISTER, COMBINATION = "ledger", "register", "combination"


@dataclass(frozen=True)
class Method:
    key: str
    label: str  # Swedish, for pages, downloads and snapshots
    description: str  # Swedish, one sentence
    document_name: str  # Swedish, how the action plan's document names it
    reads: str  # LEDGER, REGISTER or COMBINATION
    simple: bool = False


REGISTRY: tuple[Method, ...] = (
    Method("run_rate", "Linjär prognos",
           "Utfall hittills / antal månader × 12, som ”teoretisk prognos” i uppföljningen 2007.",
           "linjär prognos: utfall hittills / antal månader × 12", LEDGER, simple=True),
    Method("seasonal_naive", "Säsongsnaiv prognos",
           "Förra årets återstående månader, uppräknade med årets utfall hittills mot samma månader förra året.",
           "säsongsnaiv prognos: förra årets återstående månader i årets takt", LEDGER, simple=True),
    Method("baseline", "Basprognos (ETS)",
           "Huvudbokens månader framskrivna med säsongsmönster (exponentiell utjämning, ETS).",
           "basprognos: huvudbokens månader med säsongsmönster (exponentiell utjämning)", LEDGER, simple=True),
    Method("commitment", "Åtagandeprognos",
           "Utfall hittills plus registrets kända beslut (med kända slutdatum och priser) resten av året.",
           "åtagandeprognos: utfall hittills + registrets kända beslut", REGISTER, simple=True),
    Method("expected_change", "Förväntad förändring",
           "Åtagandeprognosen plus de nya, avslutade och ändrade beslut som brukar komma, krympt mot noll när "
           "underlaget är tunt.",
           "förväntad förändring: åtagande + väntade nya och avslutade beslut", REGISTER),
    Method("combined", "Sammanvägd prognos",
           "Ett viktat medel av metoderna, med vikter efter hur väl var och en träffat tidigare år vid samma "
           "datum; när underlaget är tunt ett lika viktat medel av de enkla metoderna.",
           "sammanvägd prognos: viktat medel av metoderna efter tidigare träffsäkerhet", COMBINATION),
)
BY_KEY = {m.key: m for m in REGISTRY}
KEYS = tuple(m.key for m in REGISTRY)
COMBINED = "combined"
SINGLE = tuple(m.key for m in REGISTRY if m.reads != COMBINATION)
SIMPLE = tuple(m.key for m in REGISTRY if m.simple)
LEDGER_METHODS = tuple(m.key for m in REGISTRY if m.reads == LEDGER)
REGISTER_METHODS = tuple(m.key for m in REGISTRY if m.reads == REGISTER)


def method(key: str) -> Method:
    """The registered method; a key missing from the registry is a programming error (KeyError)."""
    return BY_KEY[key]


def method_label(key: str) -> str:
    return BY_KEY[key].label


def method_description(key: str) -> str:
    return BY_KEY[key].description
