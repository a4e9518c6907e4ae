"""The one registry of worklists (arbetslistor), read by the hub, the start page's "Din vecka" and the `worklist`
command.

Each entry has its key (the command's name for it), its Swedish title and routine (what the list is for, taught
on the hub), its page, who may see it (a rule from `accounts.access`, the same the page's view checks), and
optionally how to build its rows for the command and what it says in "Din vecka". A page that is a worklist and is
missing here fails `tests/casework/test_worklist_registry.py`.

A builder takes (decisions the reader may see, as_of, until, team code) and returns {"items": [...]}, optionally
with a Swedish "note". A week summary takes (user, today) and returns a `WeekTask` or None. Each list's own module
owns its rules; this table only names them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from insatskollen.accounts import access
from insatskollen.accounts.models import Role
from insatskollen.allocation.worklists import (
    level_watch_items,
    preparation_for,
    preparation_items,
)
from insatskollen.casework import selectors
from insatskollen.casework.models import Proposal
from insatskollen.casework.sol_to_lss import NOTE as SOL_LSS_NOTE
from insatskollen.casework.sol_to_lss import sol_to_lss_items
from insatskollen.contracts.selectors import contract_watch
from insatskollen.core.numbers import format_sek
from insatskollen.costsharing.selectors import worklist_items as ifo_items
from insatskollen.fk.selectors import HOURS_BASIS_NOTE as FK_HOURS_NOTE
from insatskollen.fk.selectors import fk_candidates
from insatskollen.orders.selectors import missing_plans, plan_items
from insatskollen.register.selectors import decisions_visible_to

Builder = Callable[[QuerySet, dt.date, "dt.date | None", "str | None"], dict]


@dataclass(frozen=True)
class WeekTask:
    """One line of "Din vecka": the linked, emphasised part and the rest; `quiet` when there is nothing to do.
    `items` are rows the page may show under the lines (the reviews to do first)."""

    linked: str = ""
    rest: str = ""
    quiet: str = ""
    items: tuple = ()


WeekSummary = Callable[[object, dt.date], "WeekTask | None"]


@dataclass(frozen=True)
class Worklist:
    key: str
    title: str
    routine: str
    url_name: str
    rule: Callable[[object], bool]
    build: Builder | None = None
    week: WeekSummary | None = field(default=None, compare=False)
    anchor: str = ""  # a section of the page, when the list is one part of it


# ---- builders (the command) -------------------------------------------------------------------------------------

def _reviews(qs, as_of, until, team) -> dict:
    return {"items": selectors.review_items(qs, as_of, until, team)}


def _contracts(qs, as_of, until, team) -> dict:
    return {"items": contract_watch(qs, as_of, team)}


def _fk(qs, as_of, until, team) -> dict:
    return {"items": fk_candidates(qs, as_of, team), "note": FK_HOURS_NOTE}


def _sol_lss(qs, as_of, until, team) -> dict:
    return {"items": sol_to_lss_items(qs, as_of, team), "note": SOL_LSS_NOTE}


def _plans(qs, as_of, until, team) -> dict:
    return {"items": plan_items(qs, as_of, until, team)}


def _ifo(qs, as_of, until, team) -> dict:
    return {"items": ifo_items(qs, as_of, until, team),
            "note": "IFO är involverat (markerat eller IFO-andel i registret) men inget delningsavtal gäller: "
                    "kostnaden de kommande tolv månaderna står på spel (Svarte Petter)."}


def _threshold(qs, as_of, until, team) -> dict:
    return {"items": selectors.threshold_items(qs, as_of, team)}


# ---- "Din vecka" ------------------------------------------------------------------------------------------------

def _own(user, decisions):
    return decisions.filter(caseworker=user) if user.role == Role.CASEWORKER else decisions


def _reviews_week(user, today: dt.date) -> WeekTask:
    mine = user.pk if user.role == Role.CASEWORKER else None
    due = selectors.reviews_for(decisions_visible_to(user), today, today + dt.timedelta(days=7), caseworker_id=mine)
    overdue = sum(1 for r in due if r.overdue)
    this_week = len(due) - overdue
    if not due:
        return WeekTask(quiet=_("Inga omprövningar förfaller denna vecka."), items=())
    return WeekTask(
        linked=ngettext("%(n)d försenad omprövning", "%(n)d försenade omprövningar", overdue) % {"n": overdue},
        rest=" " + _("och %(n)d som förfaller denna vecka.") % {"n": this_week}, items=tuple(due[:5]))


def _plans_week(user, today: dt.date) -> WeekTask:
    sunday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=6)
    plans = missing_plans(_own(user, decisions_visible_to(user)), today, until=sunday)
    overdue = sum(1 for p in plans if p.overdue)
    due = len(plans) - overdue
    if not plans:
        return WeekTask(quiet=_("Inga genomförandeplaner saknas."))
    rest = (", " + ngettext("%(n)d ska komma in denna vecka", "%(n)d ska komma in denna vecka", due) % {"n": due}
            if due else "") + "."
    return WeekTask(linked=ngettext("%(n)d genomförandeplan är försenad", "%(n)d genomförandeplaner är försenade",
                                    overdue) % {"n": overdue}, rest=rest)


def _proposals_week(user, today: dt.date) -> WeekTask:
    pending = selectors.proposals_visible_to(user).filter(status=Proposal.Status.PENDING)
    approves = access.may_approve_proposals(user)
    if not approves:
        pending = pending.filter(proposed_by=user)
    n = pending.count()
    if not n:
        return WeekTask(quiet=_("Inga beslutsförslag väntar."))
    if approves:
        text = ngettext("%(n)d beslutsförslag väntar på ditt godkännande",
                        "%(n)d beslutsförslag väntar på ditt godkännande", n) % {"n": n}
    else:
        text = ngettext("%(n)d av dina beslutsförslag väntar på sektionschefen",
                        "%(n)d av dina beslutsförslag väntar på sektionschefen", n) % {"n": n}
    return WeekTask(linked=text, rest=".")


def _measurement_week(user, today: dt.date) -> WeekTask | None:
    found = preparation_for(user, today)
    if found.date is None:
        return None
    day = found.date.isoformat()
    if not found.rows:
        return WeekTask(quiet=_("Inför mättillfället %(day)s: inget att åtgärda.") % {"day": day})
    n = len(found.rows)
    return WeekTask(
        linked=ngettext("Inför mättillfället %(day)s: %(n)d ärende", "Inför mättillfället %(day)s: %(n)d ärenden",
                        n) % {"day": day, "n": n},
        rest=", " + _("%(amount)s står på spel.") % {"amount": format_sek(found.at_stake)})


# ---- the registry ----------------------------------------------------------------------------------------------

REGISTRY: tuple[Worklist, ...] = (
    Worklist("measurement", "Inför mättillfället",
             "Öppnar 45 dagar före varje mättillfälle: personer utan nivå, höjda behov som måste begäras nu "
             "(sexmånadersregeln), särskilda redovisningar att förbereda och avslagna, och flyttar, starter och "
             "avslut som ändrar antalet. Varje rad visar beloppet som står på spel.",
             "worklist_measurement", access.may_see_allocation, preparation_items, _measurement_week),
    Worklist("reviews", "Omprövningar",
             "Varje beslut omprövas senast 12 månader efter beslutet eller förra omprövningen. Börja med de "
             "försenade och de dyraste; registrera utfallet så räknas kostnadseffekten fram.",
             "worklist_reviews", access.may_change_decisions, _reviews, _reviews_week),
    Worklist("coverage", "Omprövningstäckning",
             "Hur stor del av årets beslut som har omprövats, mot målet 100 %, per handläggare och team.",
             "review_coverage", access.may_change_decisions),
    Worklist("proposals", "Beslutsförslag",
             "Beslut utanför delegationen väntar här på sektionschefens godkännande. Se delegationsreglerna.",
             "proposals", access.may_change_decisions, None, _proposals_week),
    Worklist("conferences", "Ärendedragning",
             "Veckans dagordning: beslut utanför delegation, nya dyra beslut, omprövningar som minskar eller ökar "
             "och principfrågor. Rutinärenden tas inte upp.", "conferences", access.may_attend_conferences),
    Worklist("plans", "Genomförandeplaner",
             "Beställningar där utföraren inte har skickat genomförandeplanen, försenade först. Påminn utföraren "
             "och registrera planen när den kommer.", "worklist_plans", access.may_change_decisions, _plans,
             _plans_week),
    Worklist("contracts", "Individavtal som löper ut",
             "Individavtal som löper ut inom 30, 90 eller 180 dagar, dyraste och mest överprissatta först. "
             "Omförhandla i tid och registrera det nya priset.", "worklist_contracts", access.may_see_contracts,
             _contracts),
    Worklist("level_watch", "Nivåbevakning",
             "Beslut vars pris ligger klart över schablonen för sin nivå, eller i nivå med nästa nivås schablon: "
             "begär omprövning av nivån hos bedömningskansliet eller omförhandla priset.",
             "allocation", access.may_see_level_watch, level_watch_items, anchor="nivabevakning"),
    Worklist("fk", "Försäkringskassan",
             "Personlig assistans och assistansliknande hemtjänst över 20 timmar i veckan: ansök om "
             "assistansersättning hos Försäkringskassan och följ ansökningar, överklaganden och återkrav.",
             "worklist_fk", access.may_see_fk, _fk),
    Worklist("sol_lss", "SoL till LSS",
             "SoL-beslut för klienter som kan ha rätt till samma insats enligt LSS. Pröva om LSS gäller.",
             "worklist_sol_lss", access.may_change_decisions, _sol_lss),
    Worklist("threshold", "Nivågränser",
             "Beslut vars timmar ligger strax under en nivågräns. Kontrollera att behovet och inte priset styrt "
             "omfattningen.", "worklist_threshold", access.may_see_thresholds, _threshold),
    Worklist("ifo", "IFO-delning (Svarte Petter)",
             "Ärenden där IFO är involverat men inget delningsavtal finns, dyraste först. Teckna avtal med IFO "
             "(andel i procent eller kronor per månad), registrera det, och följ upp tvister.",
             "ifo_sharing", access.may_see_followup, _ifo),
    Worklist("caseload", "Arbetsbelastning",
             "Klienter, beslut, omprövningar och årskostnad per handläggare, och hur jämnt arbetet är fördelat.",
             "caseload", access.may_see_caseload),
    Worklist("year_plan", "Årsplanering",
             "Årets återkommande datum: arbetsplatsträffar, mätdatum, tertialrapporter och omprövningsdagar. "
             "Finns också som kalenderfil.", "year_plan", access.may_see_year_plan),
)

WORKLISTS: dict[str, Worklist] = {w.key: w for w in REGISTRY}


def worklist(key: str) -> Worklist:
    return WORKLISTS[key]


def visible_to(user) -> list[Worklist]:
    """The lists the user may open, in the registry's order."""
    return [w for w in REGISTRY if w.rule(user)]


def buildable() -> dict[str, Builder]:
    """The lists the `worklist` command can print, by key."""
    return {w.key: w.build for w in REGISTRY if w.build is not None}


def week_tasks(user, today: dt.date) -> list[tuple[Worklist, WeekTask]]:
    """The lines of "Din vecka" the user's lists give this week."""
    found = []
    for w in visible_to(user):
        if w.week is None:
            continue
        task = w.week(user, today)
        if task is not None:
            found.append((w, task))
    return found
