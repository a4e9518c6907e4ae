"""The document's content as plain blocks (headings, paragraphs, tables, written sections), in Swedish.

The web page, the PDF and the DOCX all lay out these same blocks, so the three say the same thing. Amounts are
increases of the net cost: plus makes the result worse; the deviation is budget − forecast (minus is a deficit).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from insatskollen.actionplan.causes import (
    CLAIMS_RULE,
    NEW,
    OTHER,
    OUTSIDE,
    PRICE,
    REVENUE,
    SIX_MONTHS,
    VOLUME,
    Cause,
    Draft,
)
from insatskollen.core.numbers import format_number, format_sek

TITLES = {
    NEW: "Nya beslut under året",
    PRICE: "Prisförändringar",
    REVENUE: "Förändrade intäkter",
    VOLUME: "Volymförändring per insatstyp",
    OTHER: "Övriga förändringar i registret",
    OUTSIDE: "Skillnad mellan prognos/utfall och registret",
}
ALLOCATION_TITLES = {
    CLAIMS_RULE: "Särskild redovisning som inte längre ersätts (nya regler)",
    SIX_MONTHS: "Ökade behov som inte ersätts de första sex månaderna",
}
SECTION_HEADINGS = {"summary": "Kommentar", "actions": "Åtgärder", "follow_up": "Uppföljning"}
SECTION_EMPTY = {
    "summary": "Ingen kommentar skriven.",
    "actions": "Inga åtgärder beskrivna ännu.",
    "follow_up": "Ingen uppföljning beskriven ännu.",
}


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    widths: list[float]  # relative column widths (PDF, DOCX)
    numeric_from: int = 1  # columns from here are right-aligned
    footer: list[str] | None = None


@dataclass
class Block:
    kind: str  # "h1", "h2", "h3", "meta", "p", "table", "section"
    text: str = ""
    table: Table | None = None
    name: str = ""  # a written section: summary, actions or follow_up
    paragraphs: list[str] = field(default_factory=list)


def mnkr(value: Decimal) -> str:
    """18 912 345 → "18,9 mnkr"."""
    return f"{format_number(Decimal(value) / 1_000_000, 1)}\u00a0mnkr"


def signed(value: Decimal | None, money=format_sek) -> str:
    if value is None:
        return "–"
    text = money(value)
    return f"+{text}" if money(abs(value)) != money(0) and value > 0 else text


def kr(value: Decimal | None) -> str:
    return "–" if value is None else format_sek(value)


def paragraphs(text: str) -> list[str]:
    """A written text as paragraphs: split at blank lines, single line breaks kept."""
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def headline(d: Draft) -> str:
    if d.deviation < 0:
        verdict = f"ett prognostiserat underskott om {mnkr(-d.deviation)} ({format_sek(-d.deviation)})"
    elif d.deviation > 0:
        verdict = f"ett prognostiserat överskott om {mnkr(d.deviation)} ({format_sek(d.deviation)})"
    else:
        verdict = "en prognos i nivå med budget"
    return (f"Inom {d.unit_name} finns {verdict} för {d.year}, enligt prognosen per {d.as_of:%Y-%m-%d}: "
            f"nettokostnad {format_sek(d.forecast_net)} mot budget {format_sek(d.budget_net)}.")


def change_text(d: Draft) -> str:
    source = "ekonomisystemets utfall" if d.last_year_source == "ledger" else "registrets beslut"
    direction = "ökar" if d.change > 0 else "minskar"
    return (f"Nettokostnaden {direction} med {mnkr(abs(d.change))} jämfört med {d.year - 1} "
            f"({format_sek(d.last_year_net)} enligt {source}). Förändringen förklaras nedan orsak för orsak.")


def identity_text(d: Draft) -> str:
    return (f"Orsakerna summerar exakt till förändringen: prognos {d.year} − nettokostnad {d.year - 1} = "
            + " + ".join(TITLES[c.kind].lower() for c in d.causes)
            + f" ({signed(d.change)}). Plus ökar nettokostnaden, minus minskar den. Avvikelsen mot budget är "
            f"budgetens ökning mot {d.year - 1} minus förändringen: {signed(d.budget_net - d.last_year_net)} − "
            f"({signed(d.change)}) = {signed(d.deviation)}.")


def cause_lead(d: Draft, c: Cause) -> str:
    last = d.year - 1
    if c.kind == NEW:
        return (f"{format_number(c.count)} beslut börjar under {d.year}. Deras nettokostnad i år är {kr(c.amount)}. "
                f"Nedan de {len(c.cases)} med störst årskostnad (helår till dagens pris).")
    if c.kind == PRICE:
        return (f"Beslut som pågår både {last} och {d.year} och har fått nytt pris ({format_number(c.count)} st): "
                f"årets kostnad med årets pris jämfört med fjolårets pris, vid årets omfattning.")
    if c.kind == REVENUE:
        return (f"Intäkter per enhet (t.ex. ersättning från Försäkringskassan) för beslut som pågår båda åren, "
                f"{format_number(c.count)} med ändrad intäkt. Ett bortfall eller en sänkning ökar nettokostnaden; "
                f"beslut vars intäkt upphört eller minskat visas först.")
    if c.kind == VOLUME:
        return (f"Förändringen av genomsnittligt antal pågående insatser per månad jämfört med {last} (nya beslut "
                f"räknas under egen rubrik) gånger {last} års nettokostnad per insats. "
                f"{format_number(c.count)} beslut avslutades under {last} och löper inte {d.year}; de största visas.")
    if c.kind == OTHER:
        return ("Det som återstår av registrets förändring: ändrad omfattning, ändrad IFO-andel, förlängda eller "
                "förkortade beslut och sammansättningen inom varje insatstyp.")
    source = "ekonomisystemets utfall" if d.last_year_source == "ledger" else "registret"
    return (f"Prognosen ({d.forecast_method}) och {last} års nettokostnad enligt {source} jämfört med registrets "
            f"beslut ({format_sek(d.register_before)} för {last}, {format_sek(d.register_after)} för {d.year}): "
            "kostnader och intäkter utanför registret (t.ex. resor, fakturor som avviker från besluten) och utfall "
            "annat än registret visar.")


def _case_table(d: Draft, c: Cause, number: int) -> Table | None:
    if not c.cases:
        return None
    if c.kind == NEW:
        header = ["Beslut", "Personnr", "Insats", "Start", "Årskostnad", f"Kostnad {d.year}", "Netto i år"]
        rows = [[x.decision, x.client, x.intervention, x.note, kr(x.before), kr(x.after), kr(x.amount)]
                for x in c.cases]
        widths, numeric = [18, 20, 40, 17, 22, 22, 22], 4
    elif c.kind in (PRICE, REVENUE):
        what = "Pris" if c.kind == PRICE else "Intäkt/enhet"
        header = ["Beslut", "Personnr", "Insats", f"{what} {d.year - 1}", f"{what} {d.year}", "Påverkan"]
        rows = [[x.decision, x.client, x.intervention, format_sek(x.before, 2), format_sek(x.after, 2),
                 signed(x.amount)] for x in c.cases]
        widths, numeric = [18, 20, 44, 22, 22, 22], 3
    else:
        header = ["Beslut", "Personnr", "Insats", "Slutdatum", f"Netto {d.year - 1}"]
        rows = [[x.decision, x.client, x.intervention, x.note or "–", kr(-x.amount)] for x in c.cases]
        return Table(f"Tabell {number}. Exempel: de största besluten som avslutades före {d.year}.",
                     header, rows, [18, 20, 50, 20, 24], 3)
    money = kr if c.kind == NEW else signed
    if c.others_count:
        rows.append([f"Övriga {format_number(c.others_count)} beslut", *[""] * (len(header) - 2),
                     money(c.others_amount)])
    caption = {NEW: f"De nya besluten med störst årskostnad, med nettokostnaden {d.year}.",
               PRICE: "De beslut vars prisförändring påverkar mest.",
               REVENUE: "De beslut vars intäkt upphört eller minskat mest, därefter de största ökningarna."}[c.kind]
    return Table(f"Tabell {number}. {caption}", header, rows, widths, numeric,
                 ["Summa", *[""] * (len(header) - 2), money(c.amount)])


def _code_table(d: Draft, c: Cause, number: int) -> Table | None:
    if not c.codes:
        return None
    last = d.year - 1
    if c.kind == VOLUME:
        header = ["Kod", "Insats", f"Antal {last}", f"Antal {d.year}", "Förändring", f"Netto/insats {last}",
                  "Påverkan"]
        rows = [[x.code, x.name, format_number(x.before, 1), format_number(x.after, 1),
                 signed(x.after - x.before, lambda v: format_number(v, 1)), kr(x.basis), signed(x.amount)]
                for x in c.codes]
        widths = [16, 40, 16, 16, 18, 24, 24]
        caption = (f"Tabell {number}. Genomsnittligt antal pågående insatser per månad (utom nya beslut) och "
                   f"påverkan per insatstyp.")
    else:
        what = "Genomsnittligt pris" if c.kind == PRICE else "Genomsnittlig intäkt/enhet"
        header = ["Kod", "Insats", f"{what} {last}", f"{what} {d.year}", "Påverkan"]
        rows = [[x.code, x.name, format_sek(x.before, 2), format_sek(x.after, 2), signed(x.amount)]
                for x in c.codes]
        widths = [16, 48, 28, 28, 26]
        caption = f"Tabell {number}. Per insatstyp, för beslut som pågår båda åren."
    return Table(caption, header, rows, widths, 2, ["Summa", "", *[""] * (len(header) - 3), signed(c.amount)])


def allocation_lead(d: Draft, c: Cause) -> str:
    if c.kind == CLAIMS_RULE:
        return (f"Från 2018 ersätter staden dubbelbemanning genom särskild redovisning bara när den gäller hela "
                f"eller större delen av dagen. {format_number(c.count)} ärenden med dubbelbemanning del av dagen "
                f"{d.year} hade ersatts enligt de tidigare reglerna: det begärda beloppet uteblir.")
    return (f"Vid mättillfällena {d.year} räknades {format_number(c.count)} personer på en lägre nivå än deras "
            "behov: sexmånadersregeln räknar nivån sex månader före mättillfället, och en begäran om högre nivå som "
            "avslagits eller väntar ger ingen ersättning. Beloppet är skillnaden i årsschablon delad med årets "
            "antal mättillfällen, för varje tillfälle.")


def _allocation_blocks(d: Draft, table_number: int) -> list[Block]:
    total = sum((c.amount for c in d.allocation_causes), Decimal(0))
    result = [
        Block("h2", "Orsaker i resursfördelningen"),
        Block("p", f"Utöver kostnadsförändringen ovan fick enheten mindre i resursfördelningen {d.year} än "
                   f"besluten motiverar: {kr(total)} ({mnkr(total)}). Beloppen ingår inte i tabell 2."),
        Block("table", table=Table(f"Tabell {table_number}. Resursfördelning som uteblev {d.year}, per orsak.",
                                   ["Orsak", "Ärenden", "Mnkr", "Belopp"],
                                   [[ALLOCATION_TITLES[c.kind], format_number(c.count), mnkr(c.amount), kr(c.amount)]
                                    for c in d.allocation_causes], [100, 20, 20, 30],
                                   footer=["Summa", "", mnkr(total), kr(total)])),
    ]
    table_number += 1
    for c in d.allocation_causes:
        result += [Block("h3", f"{ALLOCATION_TITLES[c.kind]}: {mnkr(c.amount)}"), Block("p", allocation_lead(d, c))]
        if c.cases:
            result.append(Block("table", table=Table(
                f"Tabell {table_number}. Ärendena bakom: {ALLOCATION_TITLES[c.kind].lower()}.",
                ["Beslut", "Personnr", "Insats", "Vad", "Belopp"],
                [[x.decision, x.client, x.intervention, x.note, kr(x.amount)] for x in c.cases],
                [18, 20, 30, 60, 22], 4, ["Summa", "", "", "", kr(c.amount)])))
            table_number += 1
    return result


def blocks(d: Draft, *, title: str, texts: dict[str, str], drafted_at) -> list[Block]:
    """The whole document. `texts`: the written sections by name (summary, actions, follow_up)."""
    def section(name: str) -> Block:
        return Block("section", name=name, text=SECTION_HEADINGS[name], paragraphs=paragraphs(texts.get(name, "")))

    last = d.year - 1
    result = [
        Block("meta", d.unit_name),
        Block("h1", title),
        Block("meta", f"Prognos per {d.as_of:%Y-%m-%d} · siffrorna framtagna {drafted_at:%Y-%m-%d %H:%M} · "
                      f"personnummer maskerade"),
        Block("h2", "Sammanfattning"),
        Block("p", headline(d)),
        Block("p", change_text(d)),
        Block("table", table=Table("Tabell 1. Prognos, budget och förändring mot föregående år.",
                                   ["Nyckeltal", "Belopp"], [
            [f"Budget {d.year}, netto", kr(d.budget_net)],
            [f"Prognos {d.year}, netto ({d.forecast_method})", kr(d.forecast_net)],
            ["Avvikelse (budget − prognos; minus är underskott)", signed(d.deviation)],
            [f"Nettokostnad {last}", kr(d.last_year_net)],
            [f"Förändring mot {last}", signed(d.change)],
        ], [120, 40])),
        section("summary"),
        Block("h2", "Orsaker till avvikelsen"),
        Block("table", table=Table(f"Tabell 2. Förändring av nettokostnaden från {last} till prognosen {d.year}, "
                                   "per orsak.", ["Orsak", "Mnkr", "Belopp"],
                                   [[f"{i}. {TITLES[c.kind]}", signed(c.amount, mnkr), signed(c.amount)]
                                    for i, c in enumerate(d.causes, start=1)], [100, 25, 35],
                                   footer=[f"Förändring mot {last}", signed(d.change, mnkr), signed(d.change)])),
        Block("p", identity_text(d)),
        section("actions"),
        section("follow_up"),
        Block("h2", "Orsakerna i detalj"),
    ]
    table_number = 3
    for number, cause in enumerate(d.causes, start=1):
        result += [Block("h3", f"{number}. {TITLES[cause.kind]}: {signed(cause.amount, mnkr)}"),
                   Block("p", cause_lead(d, cause))]
        for make in (_code_table, _case_table):
            table = make(d, cause, table_number)
            if table:
                result.append(Block("table", table=table))
                table_number += 1
    if d.allocation_causes:
        result += _allocation_blocks(d, table_number)
    result += [
        Block("h2", "Så har siffrorna tagits fram"),
        Block("p", f"Varje beslut prissätts med kostnadsmotorn för {last} (beslutet som det var känt vid årsskiftet) "
                   f"och för {d.year} (som det är känt per {d.as_of:%Y-%m-%d}). Beloppen är frysta när utkastet "
                   "togs fram; de ändras bara om siffrorna uppdateras. Personnummer är maskerade eftersom dokumentet "
                   "lämnar systemet."),
    ]
    return result
