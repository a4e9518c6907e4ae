"""The worklists hub (arbetslistor): every list that moves the unit's cost or legal quality, with what to do.

Each entry names its page, who may open it, and a short routine that teaches a new caseworker what the list is for.
The page shows only the lists the user may open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from insatskollen.accounts import access


@dataclass(frozen=True)
class Worklist:
    url_name: str
    title: str
    routine: str
    rule: Callable


def _casework(user) -> bool:
    return access.may_change_decisions(user)


def _unit_head(user) -> bool:
    return access.may_change_budget(user)


def _contracts(user) -> bool:
    return access.may_change_decisions(user) or access.may_see_followup(user)


WORKLISTS = (
    Worklist("worklist_reviews", "Omprövningar",
             "Varje beslut omprövas senast 12 månader efter beslutet eller förra omprövningen. Börja med de "
             "försenade och de dyraste; registrera utfallet så räknas kostnadseffekten fram.", _casework),
    Worklist("review_coverage", "Omprövningstäckning",
             "Hur stor del av årets beslut som har omprövats, mot målet 100 %, per handläggare och team.", _casework),
    Worklist("proposals", "Beslutsförslag",
             "Beslut utanför delegationen väntar här på sektionschefens godkännande. Se delegationsreglerna.",
             _casework),
    Worklist("conferences", "Ärendedragning",
             "Veckans dagordning: beslut utanför delegation, nya dyra beslut, omprövningar som minskar eller ökar "
             "och principfrågor. Rutinärenden tas inte upp.", _casework),
    Worklist("worklist_plans", "Genomförandeplaner",
             "Beställningar där utföraren inte har skickat genomförandeplanen, försenade först. Påminn utföraren "
             "och registrera planen när den kommer.", _casework),
    Worklist("worklist_contracts", "Individavtal som löper ut",
             "Individavtal som löper ut inom 30, 90 eller 180 dagar, dyraste och mest överprissatta först. "
             "Omförhandla i tid och registrera det nya priset.", _contracts),
    Worklist("worklist_fk", "Försäkringskassan",
             "Personlig assistans och assistansliknande hemtjänst över 20 timmar i veckan: ansök om "
             "assistansersättning hos Försäkringskassan och följ ansökningar, överklaganden och återkrav.", _casework),
    Worklist("worklist_sol_lss", "SoL till LSS",
             "SoL-beslut för klienter som kan ha rätt till samma insats enligt LSS. Pröva om LSS gäller.", _casework),
    Worklist("worklist_threshold", "Nivågränser",
             "Beslut vars timmar ligger strax under en nivågräns. Kontrollera att behovet och inte priset styrt "
             "omfattningen.", _unit_head),
    Worklist("ifo_sharing", "IFO-delning (Svarte Petter)",
             "Ärenden där IFO är involverat men inget delningsavtal finns, dyraste först. Teckna avtal med IFO "
             "(andel i procent eller kronor per månad), registrera det, och följ upp tvister.",
             access.may_see_followup),
    Worklist("caseload", "Arbetsbelastning",
             "Klienter, beslut, omprövningar och årskostnad per handläggare, och hur jämnt arbetet är fördelat.",
             _casework),
    Worklist("year_plan", "Årsplanering",
             "Årets återkommande datum: arbetsplatsträffar, mätdatum, tertialrapporter och omprövningsdagar. "
             "Finns också som kalenderfil.", lambda user: user.is_authenticated),
)


def worklists_for(user) -> list[dict]:
    return [{"url": reverse(f"web:{w.url_name}"), "title": w.title, "routine": w.routine, "url_name": w.url_name}
            for w in WORKLISTS if w.rule(user)]


@login_required
def worklists(request):
    return render(request, "web/hub/worklists.html", {"worklists": worklists_for(request.user)})
