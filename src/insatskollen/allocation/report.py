"""The allocation as the command and the API print it (formats.md §6), with the breakdowns beside it."""

from __future__ import annotations

from insatskollen.allocation.computation import Allocation, Line
from insatskollen.register.models import Decision


def _money(line: Line) -> dict:
    return line.as_dict()


def allocation_dict(result: Allocation) -> dict:
    """The JSON object of `insatskollen allocation --json`: the keys formats.md §6 names, then the breakdowns per
    provider kind, provider and person (persons by Beslut-id and client id, never by personnummer)."""
    ids = {d for p in result.persons for d in p.decisions}
    labels = dict(Decision.objects.filter(pk__in=ids).values_list("pk", "external_id"))
    return {
        "year": result.year,
        "as_of": result.as_of.isoformat(),
        "provider_kind": result.provider_kind,
        "measurement_dates": [
            {"date": d.date.isoformat(), "projected": d.projected, "six_month_rule": d.six_month_rule,
             "amount": float(d.amount),
             "counts": [{"insatskod": code, "level": level, "persons": n} for code, level, n in d.counts()]}
            for d in result.dates
        ],
        "groups": [{"group": name, "insatskoder": result.group_codes.get(name, []), **_money(line)}
                   for name, line in result.groups.items()],
        "total": _money(result.total),
        "provider_kinds": [{"provider_kind": k, **_money(line)} for k, line in result.provider_kinds.items()],
        "providers": [{"provider": k, **_money(line)} for k, line in result.providers.items()],
        "persons": [
            {"client_id": p.person, "insatskod": p.code, "group": p.group, "provider": p.provider,
             "decisions": [labels.get(d) or str(d) for d in p.decisions],
             "levels": {day.isoformat(): level for day, level in sorted(p.levels.items())},
             "current_levels": {day.isoformat(): level for day, level in sorted(p.current_levels.items())},
             "six_month_rule": [day.isoformat() for day in p.six_month_rule_dates], **_money(p)}
            for p in result.persons
        ],
    }
