"""Groups of interventions as the committee report shows them: intervention code → group. Pure."""

from __future__ import annotations

OTHER = "Övrigt"

# In the order the report lists them; OTHER last.
GROUPS: dict[str, tuple[str, ...]] = {
    "Boende LSS": ("6510", "6410", "6420"),
    "Daglig verksamhet": ("6330", "6315"),
    "Korttid": ("6430", "6550", "6435", "6555", "6340", "6345"),
    "Personlig assistans": ("LASS", "6220", "6135"),
    "Hemtjänst och boendestöd": ("6115", "6185"),
    "Övriga stödinsatser": ("6140", "6145", "6160", "6165", "6170", "6175"),
    "Familjehem och särskilt boende": ("6425", "6545", "6525"),
    "Resor": ("TBR",),
}

_GROUP_OF = {code: group for group, codes in GROUPS.items() for code in codes}


def group_of(code: str | None) -> str:
    """The group an intervention code belongs to; unknown codes (and bookings without one) are "Övrigt"."""
    return _GROUP_OF.get((code or "").strip().upper(), OTHER)


def group_names() -> list[str]:
    return [*GROUPS, OTHER]
