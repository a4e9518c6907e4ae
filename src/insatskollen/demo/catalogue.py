"""What the demo unit is made of: its teams and users, the intervention codes of the 2007 report and the
providers. Pure data.

The codes, names and monthly counts are those of Table 4 of the 2007 report (`seeds/000_…txt`,
"Prestationsutveckling under 2007", January and November columns). The report's own labels; where one
code covers two groups (6410/6420, 6430/6550) the demo splits them. Where Table 4 lists three lines under
6115 the demo gives the two smaller ones their own code (6115-HVB, 6115-SH), since a code is unique.
Table 4 counts how many persons had each intervention in January and in November; the demo moves each
count from the first figure at the start of the history to the second today.

Every price is named here: `stockholm` = Stockholm stad's provider payment per level or time of day
(stockholm_lss_utforarersattning_2021_2024.csv), `fk` = Försäkringskassan's assistance rate per hour
(assistans_schablon_per_hour.csv), `assumed` = no public figure in the reference files: a demo price in 2024
kronor with the reasoning in `note`, moved to other years by prices.price_index.
"""

from __future__ import annotations

from dataclasses import dataclass

from insatskollen.core.identity import luhn_checksum_ok
from insatskollen.core.units import ExtentUnit

UNIT_NAME = "Beställarenheten för personer med funktionsnedsättning"
DEMO_PASSWORD = "demo1234"

CHILDREN, ADULTS_LSS, ADULTS_SOL = "barn-och-unga", "vuxna-lss", "vuxna-sol"
TEAMS = (
    (CHILDREN, "Barn och unga"),
    (ADULTS_LSS, "Vuxna LSS"),
    (ADULTS_SOL, "Vuxna SoL och personkrets 2–3"),
)


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str  # accounts.models.Role value
    team_code: str | None = None


CASEWORKERS = (
    DemoUser("anna.lind", "Anna", "Lind", "caseworker", CHILDREN),
    DemoUser("sofia.ek", "Sofia", "Ek", "caseworker", CHILDREN),
    DemoUser("erik.holm", "Erik", "Holm", "caseworker", CHILDREN),
    DemoUser("maja.berg", "Maja", "Berg", "caseworker", CHILDREN),
    DemoUser("johan.nyberg", "Johan", "Nyberg", "caseworker", ADULTS_LSS),
    DemoUser("karin.dahl", "Karin", "Dahl", "caseworker", ADULTS_LSS),
    DemoUser("lars.wik", "Lars", "Wik", "caseworker", ADULTS_LSS),
    DemoUser("elin.sandberg", "Elin", "Sandberg", "caseworker", ADULTS_LSS),
    DemoUser("maria.lund", "Maria", "Lund", "caseworker", ADULTS_SOL),
    DemoUser("oskar.falk", "Oskar", "Falk", "caseworker", ADULTS_SOL),
    DemoUser("linnea.strom", "Linnea", "Ström", "caseworker", ADULTS_SOL),
    DemoUser("david.sjoberg", "David", "Sjöberg", "caseworker", ADULTS_SOL),
)
STAFF = (
    DemoUser("chef", "Birgitta", "Sjöholm", "unit_head"),
    DemoUser("controller", "Per", "Ekström", "controller"),
    DemoUser("admin", "Ingrid", "Admin", "admin"),
)
USERS = CASEWORKERS + STAFF


@dataclass(frozen=True)
class Pricing:
    """How an intervention is priced. `tiers` are (level or tariff, weight); `table` the Stockholm row name."""

    source: str  # "stockholm" | "fk" | "assumed"
    note: str
    table: str = ""
    tiers: tuple[tuple[str, float], ...] = ()
    assumed_2024: tuple[float, ...] = ()  # per tier, in 2024 kronor (assumed prices)
    factor: float = 1.0  # e.g. hours per day when a daily price is built from an hourly rate
    sets_level: bool = False  # the tier is the allocation level (nivå) the decision records


@dataclass(frozen=True)
class Extent:
    low: float
    mode: float
    high: float
    step: float = 1.0


@dataclass(frozen=True)
class InterventionSpec:
    code: str
    name: str
    law: str
    category: str
    unit: ExtentUnit
    team: str  # the team of a client whose main intervention this is
    count_first: float  # Table 4, January 2007: persons with the intervention, monthly average
    count_last: float  # Table 4, November 2007
    main_share: float  # share of these decisions that are the client's main (first) intervention
    hosts: tuple[str, ...]  # codes a client must have for this to be added as a further decision
    mean_years: float  # mean duration of a decision
    ages: tuple[int, int]  # age at start of a client with this as main intervention
    extent: Extent
    pricing: Pricing
    providers: tuple[tuple[str, float], ...]  # (provider name, weight)
    ifo_share: tuple[float, int, int] = (0.0, 0, 0)  # (probability, low %, high %): cost shared with IFO


# Pricing rules shared by several codes.
# The level mixes are the demo's choice, kept low so that the unit's yearly net cost stays near the 2007
# report's budget (187–226 MSEK, Tables 1–3) with today's prices.
_LEVELS_CHILDREN = (("1", 0.55), ("2", 0.28), ("3", 0.12), ("4", 0.04), ("5", 0.01))
_COMPANION = Pricing(
    "stockholm", "Stockholm's ledsagning/avlösning rate per hour by time of day (2024 kommunal 423–555 kr/h)",
    table="ledsagning_avlosning",
    tiers=(("dagtid_07_19", 0.6), ("kvall_19_22", 0.2), ("helg_fre19_man07", 0.15), ("natt_22_07", 0.05)),
)
_HOME_HELP = Pricing(
    "stockholm", "Stockholm's ledsagning/avlösning daytime rate per hour (423 kr/h 2024) as the home-help "
    "hourly price: the reference files hold no hemtjänst rate, and the two are paid alike",
    table="ledsagning_avlosning", tiers=(("dagtid_07_19", 1.0),),
)
_ASSISTANCE = Pricing("fk", "Försäkringskassan's assistance rate per hour (342.60 kr/h 2025, 347.70 kr/h 2026)",
                      tiers=(("timme", 1.0),))

# (code, name, law, category, unit, team, Table 4 Jan, Nov, main share, hosts, mean years, ages, extent,
#  pricing, providers, IFO share)
INTERVENTIONS: tuple[InterventionSpec, ...] = (
    InterventionSpec(
        "6510", "Gruppbostad", "LSS", "Boende", ExtentUnit.DAYS, ADULTS_LSS, 103, 102, 1.0, (), 14.0, (19, 60),
        Extent(1, 1, 1), Pricing(
            "stockholm", "Stockholm's gruppbostad payment per level (2024 kommunal regi level 1–7 = 1 493–5 119 "
            "kr/dygn); about half the places are service flats at Stockholm's servicebostad payment per level "
            "(2024 kommunal regi level 1–4 = 964–2 552 kr/dygn)", table="gruppbostad", sets_level=True,
            tiers=(("servicebostad:1", 0.28), ("servicebostad:2", 0.19), ("servicebostad:3", 0.07),
                   ("servicebostad:4", 0.02), ("1", 0.26), ("2", 0.12), ("3", 0.04), ("4", 0.015), ("5", 0.004),
                   ("6", 0.0008), ("7", 0.0002))),
        (("Egen regi Gruppbostäder Västra", 0.65), ("Björkhagen Vård AB", 0.07), ("Nordlys Stöd & Boende AB", 0.05),
         ("Stadsdelsförvaltning Söder, gruppbostäder", 0.23))),
    InterventionSpec(
        "6410", "Barnboende, under 12 år", "LSS", "Boende", ExtentUnit.DAYS, CHILDREN, 3, 3, 1.0, (), 4.0, (4, 11),
        Extent(1, 1, 1), Pricing("stockholm", "Stockholm's barnboende under 12 years payment (2023 kommunal "
                                 "regi 5 190 kr/dygn)", table="barnboende_under_12", tiers=(("ersattning", 1.0),)),
        (("Egen regi Barnboendet Ekorren", 0.8), ("Nordlys Stöd & Boende AB", 0.2))),
    InterventionSpec(
        "6420", "Barnboende, över 12 år", "LSS", "Boende", ExtentUnit.DAYS, CHILDREN, 17, 17, 1.0, (), 4.0, (12, 17),
        Extent(1, 1, 1), Pricing("stockholm", "Stockholm's barnboende over 12 years payment per level (2024 "
                                 "kommunal regi level 1–5 = 1 575–4 084 kr/dygn)", table="barnboende_over_12",
                                 tiers=_LEVELS_CHILDREN, sets_level=True),
        (("Egen regi Barnboendet Ekorren", 0.7), ("Nordlys Stöd & Boende AB", 0.3))),
    InterventionSpec(
        "6430", "Korttidshem, barn", "LSS", "Korttid", ExtentUnit.DAYS_PER_MONTH, CHILDREN, 62, 67, 0.85, (), 3.5,
        (3, 17), Extent(2, 3, 10), Pricing(
            "stockholm", "Stockholm's gruppbostad payment per level (levels 1–4) per day of stay: the files hold "
            "no korttidsvistelse rate; a short stay is staffed like a group home", table="gruppbostad",
            tiers=(("1", 0.55), ("2", 0.3), ("3", 0.12), ("4", 0.03)), sets_level=True),
        (("Egen regi Korttidshemmet Lärkan", 0.75), ("Havsbrisens Korttidsboende AB", 0.25))),
    InterventionSpec(
        "6550", "Korttidsvistelse, vuxna", "LSS", "Korttid", ExtentUnit.DAYS_PER_MONTH, ADULTS_LSS, 20, 23, 0.6,
        ("6330",), 3.0, (18, 40), Extent(2, 4, 10), Pricing(
            "stockholm", "As 6430: Stockholm's gruppbostad payment per level per day of stay", table="gruppbostad",
            tiers=(("1", 0.55), ("2", 0.3), ("3", 0.15)), sets_level=True),
        (("Egen regi Korttidshemmet Lärkan", 0.5), ("Havsbrisens Korttidsboende AB", 0.5))),
    InterventionSpec(
        "6330", "Daglig verksamhet", "LSS", "Daglig verksamhet", ExtentUnit.MONTH, ADULTS_LSS, 160, 167, 0.45,
        ("6510",), 10.0, (19, 55), Extent(1, 1, 1), Pricing(
            "assumed", "Assumed monthly price per level, 2024 kronor: the reference files hold no daglig "
            "verksamhet rate; 5 000–16 500 kr/month keeps the unit's cost in the range of the report's budget",
            tiers=(("1", 0.35), ("2", 0.3), ("3", 0.2), ("4", 0.1), ("5", 0.05)),
            assumed_2024=(5000, 7000, 9500, 12500, 16500), sets_level=True),
        (("Egen regi Daglig verksamhet Ängen", 0.45), ("Ankaret Daglig Verksamhet AB", 0.25),
         ("Kreativa Verkstaden i Norr AB", 0.2), ("Stadsdelsförvaltning Söder, gruppbostäder", 0.1))),
    InterventionSpec(
        "LASS", "Personlig assistans enligt LASS (SFB)", "LASS", "Personlig assistans", ExtentUnit.HOURS_PER_WEEK,
        ADULTS_LSS, 98, 98, 1.0, (), 9.0, (18, 60), Extent(25, 55, 120, 0.5), Pricing(
            "fk", "Försäkringskassan's assistance rate per hour; FK pays the hours above 20 a week (51 kap. 3 § "
            "SFB). Mean about 63 h/week: the report's ~50 MSEK FK revenue 2007 over 98 persons at 2007-08 rates "
            "is ~43 h/week above 20", tiers=(("timme", 1.0),)),
        (("Egen regi Personlig assistans", 0.45), ("Trygga Händer Assistans AB", 0.35),
         ("Assistansgruppen Mälaren AB", 0.2))),
    InterventionSpec(
        "6115", "Hemhjälp", "SoL", "Stöd i ordinärt boende", ExtentUnit.HOURS_PER_WEEK, ADULTS_SOL, 95, 128, 0.95,
        ("6185", "6135"), 3.0, (20, 64), Extent(1, 2, 10, 0.5), _HOME_HELP,
        (("Egen regi Hemtjänst", 0.4), ("Vardagsstöd Hemtjänst AB", 0.35), ("Omtanke Hemtjänst i Väst AB", 0.25))),
    InterventionSpec(
        "6115-HVB", "Hemvårdsbidrag", "SoL", "Stöd i ordinärt boende", ExtentUnit.MONTH, ADULTS_SOL, 35, 42, 0.5,
        ("6115", "6135"), 4.0, (20, 64), Extent(1, 1, 1), Pricing(
            "assumed", "Assumed monthly allowance to a relative, 2024 kronor, three steps: no public figure",
            tiers=(("låg", 0.4), ("mellan", 0.4), ("hög", 0.2)), assumed_2024=(2500, 4200, 6300)),
        (("Egen regi Hemtjänst", 1.0),)),
    InterventionSpec(
        "6115-SH", "Lägenhet och hemvårdsinsats i servicehus", "SoL", "Boende", ExtentUnit.DAYS, ADULTS_SOL, 2, 2,
        1.0, (), 5.0, (40, 64), Extent(1, 1, 1), Pricing(
            "stockholm", "Stockholm's servicebostad payment at level 2 (2024 kommunal regi 1 307 kr/dygn), the "
            "nearest published rate for a service flat with care", table="servicebostad", tiers=(("2", 1.0),)),
        (("Egen regi Hemtjänst", 1.0),)),
    InterventionSpec(
        "6135", "Hemhjälp i assistansliknande form", "SoL", "Personlig assistans", ExtentUnit.HOURS_PER_WEEK,
        ADULTS_SOL, 20, 34, 1.0, (), 3.0, (20, 64), Extent(6, 9, 26, 0.5), _ASSISTANCE,
        (("Egen regi Personlig assistans", 0.6), ("Trygga Händer Assistans AB", 0.4))),
    InterventionSpec(
        "6140", "Avlösarservice", "LSS", "Ledsagning och avlösning", ExtentUnit.HOURS_PER_MONTH, CHILDREN, 39, 43,
        0.3, ("6430", "6340", "6420"), 3.0, (3, 17), Extent(4, 10, 30), _COMPANION,
        (("Enheten för personligt stöd", 0.7), ("Ledsagarna i Stockholm AB", 0.3))),
    InterventionSpec(
        "6145", "Avlösarservice", "SoL", "Ledsagning och avlösning", ExtentUnit.HOURS_PER_MONTH, CHILDREN, 11, 14,
        0.5, ("6345", "6435", "6315"), 2.5, (3, 17), Extent(4, 8, 20), _COMPANION,
        (("Enheten för personligt stöd", 1.0),)),
    InterventionSpec(
        "6160", "Ledsagarservice", "LSS", "Ledsagning och avlösning", ExtentUnit.HOURS_PER_MONTH, ADULTS_LSS, 40, 49,
        0.2, ("6510", "6330", "LASS"), 3.0, (18, 60), Extent(4, 10, 30), _COMPANION,
        (("Enheten för personligt stöd", 0.6), ("Ledsagarna i Stockholm AB", 0.4))),
    InterventionSpec(
        "6165", "Ledsagarservice", "SoL", "Ledsagning och avlösning", ExtentUnit.HOURS_PER_MONTH, ADULTS_SOL, 21, 30,
        0.3, ("6115", "6185", "6525"), 2.5, (20, 64), Extent(4, 8, 20), _COMPANION,
        (("Enheten för personligt stöd", 0.6), ("Ledsagarna i Stockholm AB", 0.4))),
    InterventionSpec(
        "6170", "Kontaktperson", "LSS", "Kontaktperson", ExtentUnit.MONTH, ADULTS_LSS, 90, 80, 0.3,
        ("6510", "6330", "6430", "6340"), 3.5, (16, 60), Extent(1, 1, 1), Pricing(
            "assumed", "Assumed monthly fee (arvode) and expenses for a contact person, 2024 kronor, by "
            "frequency of meetings: no public figure", tiers=(("1", 0.5), ("2", 0.35), ("3", 0.15)),
            assumed_2024=(1900, 2800, 4200)),
        (("Enheten för personligt stöd", 1.0),)),
    InterventionSpec(
        "6175", "Kontaktperson", "SoL", "Kontaktperson", ExtentUnit.MONTH, ADULTS_SOL, 10, 9, 0.5, ("6115", "6185"),
        3.0, (20, 64), Extent(1, 1, 1), Pricing(
            "assumed", "As 6170: assumed monthly fee and expenses for a contact person, 2024 kronor",
            tiers=(("1", 0.6), ("2", 0.4)), assumed_2024=(1900, 2800)),
        (("Enheten för personligt stöd", 1.0),)),
    InterventionSpec(
        "6185", "Boendestöd", "SoL", "Stöd i ordinärt boende", ExtentUnit.HOURS_PER_WEEK, ADULTS_SOL, 4, 20, 0.7,
        ("6115",), 2.0, (20, 50), Extent(1, 3, 8, 0.5), _HOME_HELP,
        (("Egen regi Hemtjänst", 0.5), ("Vardagsstöd Hemtjänst AB", 0.5))),
    InterventionSpec(
        "6220", "Personlig assistans", "LSS", "Personlig assistans", ExtentUnit.HOURS_PER_WEEK, ADULTS_LSS, 31, 37,
        0.9, ("6330",), 4.0, (18, 60), Extent(4, 10, 20, 0.5), _ASSISTANCE,
        (("Egen regi Personlig assistans", 0.5), ("Trygga Händer Assistans AB", 0.3),
         ("Assistansgruppen Mälaren AB", 0.2))),
    InterventionSpec(
        "6315", "Dagverksamhet", "SoL", "Daglig verksamhet", ExtentUnit.MONTH, CHILDREN, 9, 18, 0.6, ("6345", "6435"),
        2.5, (10, 17), Extent(1, 1, 1), Pricing(
            "assumed", "Assumed monthly price, 2024 kronor: no public figure. The report notes the cost is often "
            "shared with IFO", tiers=(("1", 0.6), ("2", 0.4)), assumed_2024=(12500, 19000)),
        (("Mälardalens Behandlingshem AB", 0.6), ("Egen regi Daglig verksamhet Ängen", 0.4)), (0.5, 25, 50)),
    InterventionSpec(
        "6340", "Korttidstillsyn för skolungdom över 12 år", "LSS", "Korttid", ExtentUnit.DAYS_PER_MONTH, CHILDREN,
        41, 52, 0.3, ("6430", "6420"), 3.0, (12, 17), Extent(6, 8, 20), Pricing(
            "stockholm", "Two hours a day at Stockholm's ledsagning/avlösning daytime rate (423 kr/h 2024): "
            "the files hold no korttidstillsyn rate", table="ledsagning_avlosning",
            tiers=(("dagtid_07_19", 1.0),), factor=2.0),
        (("Enheten för personligt stöd", 0.8), ("Havsbrisens Korttidsboende AB", 0.2))),
    InterventionSpec(
        "6345", "Korttidstillsyn för skolungdom över 12 år", "SoL", "Korttid", ExtentUnit.DAYS_PER_MONTH, CHILDREN,
        4, 3, 1.0, (), 2.0, (12, 17), Extent(6, 10, 16), Pricing(
            "stockholm", "As 6340: two hours a day at Stockholm's daytime ledsagning/avlösning rate",
            table="ledsagning_avlosning", tiers=(("dagtid_07_19", 1.0),), factor=2.0),
        (("Enheten för personligt stöd", 1.0),)),
    InterventionSpec(
        "6425", "Familjehem, barn", "SoL", "Familjehem", ExtentUnit.MONTH, CHILDREN, 2, 2, 1.0, (), 5.0, (4, 15),
        Extent(1, 1, 1), Pricing("assumed", "Assumed monthly fee and expenses for a family home, 2024 kronor: "
                                 "no public figure", tiers=(("1", 1.0),), assumed_2024=(24000,)),
        (("Stiftelsen Familjehemsresursen", 1.0),), (0.5, 50, 50)),
    InterventionSpec(
        "6435", "Korttidshem/kontaktfamilj", "SoL", "Korttid", ExtentUnit.DAYS_PER_MONTH, CHILDREN, 5, 7, 0.6,
        ("6315",), 2.5, (3, 15), Extent(2, 4, 8), Pricing(
            "assumed", "Assumed fee per day with a short-term family, 2024 kronor: no public figure",
            tiers=(("1", 1.0),), assumed_2024=(1150,)),
        (("Stiftelsen Familjehemsresursen", 1.0),)),
    InterventionSpec(
        "6525", "Särskilt boende", "SoL", "Boende", ExtentUnit.DAYS, ADULTS_SOL, 16, 18, 1.0, (), 5.0, (30, 64),
        Extent(1, 1, 1), Pricing("stockholm", "Stockholm's servicebostad payment per level (levels 1–4; 2024 "
                                 "kommunal regi 964–2 552 kr/dygn), the nearest published rate for SoL "
                                 "housing", table="servicebostad",
                                 tiers=(("1", 0.6), ("2", 0.28), ("3", 0.1), ("4", 0.02))),
        (("Havsbrisens Korttidsboende AB", 0.4), ("Mälardalens Behandlingshem AB", 0.6))),
    InterventionSpec(
        "6545", "Familjehem, vuxna", "SoL", "Familjehem", ExtentUnit.MONTH, ADULTS_SOL, 2, 2, 1.0, (), 6.0, (20, 64),
        Extent(1, 1, 1), Pricing("assumed", "As 6425: assumed monthly fee and expenses for a family home",
                                 tiers=(("1", 1.0),), assumed_2024=(22000,)),
        (("Stiftelsen Familjehemsresursen", 1.0),)),
    InterventionSpec(
        "6555", "Korttidsboende", "SoL", "Korttid", ExtentUnit.DAYS_PER_MONTH, ADULTS_SOL, 1, 1, 1.0, (), 0.8,
        (20, 64), Extent(3, 6, 12), Pricing(
            "stockholm", "Stockholm's servicebostad payment at level 3 (2024 kommunal regi 1 837 kr/dygn) per "
            "day of stay", table="servicebostad", tiers=(("3", 1.0),)),
        (("Havsbrisens Korttidsboende AB", 1.0),)),
    InterventionSpec(
        "TBR", "Turbundna resor till daglig verksamhet", "LSS", "Resor", ExtentUnit.TRIPS_PER_MONTH, ADULTS_LSS,
        36, 40, 0.0, ("6330",), 5.0, (19, 60), Extent(16, 32, 44, 2), Pricing(
            "assumed", "Assumed price per trip, 2024 kronor, by distance: the 2018 plan reports only that the "
            "cost rose over 150 % 2016→2017", tiers=(("kort", 0.5), ("mellan", 0.35), ("lång", 0.15)),
            assumed_2024=(180, 250, 340)),
        (("Norra Färdtjänsten AB", 1.0),)),
)
BY_CODE = {spec.code: spec for spec in INTERVENTIONS}


def with_check_digit(nine_digits: str) -> str:
    """An organisation number NNNNNN-NNNN whose last digit is the Luhn check digit of the first nine."""
    digit = next(d for d in "0123456789" if luhn_checksum_ok(nine_digits + d))
    return f"{nine_digits[:6]}-{nine_digits[6:]}{digit}"


@dataclass(frozen=True)
class ProviderSpec:
    name: str
    org_number: str
    kind: str  # register.models.ProviderKind value


# Fictional providers. The municipality's own units (egen regi) share its (fictional) organisation number.
MUNICIPALITY_ORG = with_check_digit("212000990")
PROVIDERS: tuple[ProviderSpec, ...] = (
    ProviderSpec("Egen regi Gruppbostäder Västra", MUNICIPALITY_ORG, "egen regi"),
    ProviderSpec("Egen regi Barnboendet Ekorren", MUNICIPALITY_ORG, "egen regi"),
    ProviderSpec("Egen regi Korttidshemmet Lärkan", MUNICIPALITY_ORG, "egen regi"),
    ProviderSpec("Egen regi Daglig verksamhet Ängen", MUNICIPALITY_ORG, "egen regi"),
    ProviderSpec("Egen regi Personlig assistans", MUNICIPALITY_ORG, "egen regi"),
    ProviderSpec("Egen regi Hemtjänst", MUNICIPALITY_ORG, "egen regi"),
    ProviderSpec("Enheten för personligt stöd", MUNICIPALITY_ORG, "egen regi"),
    ProviderSpec("Stadsdelsförvaltning Söder, gruppbostäder", with_check_digit("212000991"), "annan kommun/SDN"),
    ProviderSpec("Björkhagen Vård AB", with_check_digit("559901234"), "privat"),
    ProviderSpec("Nordlys Stöd & Boende AB", with_check_digit("559902345"), "privat"),
    ProviderSpec("Havsbrisens Korttidsboende AB", with_check_digit("559903456"), "privat"),
    ProviderSpec("Mälardalens Behandlingshem AB", with_check_digit("559904567"), "privat"),
    ProviderSpec("Ankaret Daglig Verksamhet AB", with_check_digit("559905678"), "LOV"),
    ProviderSpec("Kreativa Verkstaden i Norr AB", with_check_digit("559906789"), "LOV"),
    ProviderSpec("Trygga Händer Assistans AB", with_check_digit("559907890"), "LOV"),
    ProviderSpec("Assistansgruppen Mälaren AB", with_check_digit("559908901"), "LOV"),
    ProviderSpec("Vardagsstöd Hemtjänst AB", with_check_digit("559909012"), "LOV"),
    ProviderSpec("Omtanke Hemtjänst i Väst AB", with_check_digit("559910123"), "LOV"),
    ProviderSpec("Ledsagarna i Stockholm AB", with_check_digit("559911234"), "LOV"),
    ProviderSpec("Stiftelsen Familjehemsresursen", with_check_digit("802501234"), "privat"),
    ProviderSpec("Norra Färdtjänsten AB", with_check_digit("559912345"), "privat"),
)
PROVIDER_BY_NAME = {p.name: p for p in PROVIDERS}

# Private placements in housing and treatment are bought on individual contracts outside LOV, at a premium
# over the list price: Table 5 of the 2007 report shows private LSS housing 29 % above the schablon.
INDIVIDUAL_CONTRACT_CODES = ("6510", "6420", "6525", "6315", "6550")
INDIVIDUAL_PREMIUM = (1.05, 1.35)
