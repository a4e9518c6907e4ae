"""Demo case conferences: for each team, last week's conference held with minutes, and this week's agenda
prepared with a few open policy questions. Deterministic for a seed; written through the conference services."""

from __future__ import annotations

import datetime as dt
import random

from insatskollen.accounts.models import Role, Team, User
from insatskollen.conferences.agenda import monday_of
from insatskollen.conferences.models import AgendaItem, Conference, PolicyQuestion
from insatskollen.conferences.services import (
    agenda_item_minutes_record,
    conference_close,
    conference_prepare,
    policy_question_raise,
)
from insatskollen.register.models import Decision
from insatskollen.register.services import start_of_day

QUESTIONS = (
    "Ska ledsagarservice beviljas för resor till fritidsaktiviteter utanför kommunen?",
    "Hur bedömer vi behov av dubbelbemanning nattetid – ska det beviljas för hela natten eller delar av den?",
    "Kan avlösarservice beviljas när föräldern arbetar natt och behovet främst gäller tillsyn?",
    "Gäller riktlinjen om högst åtta timmar boendestöd i veckan även efter utskrivning från psykiatrin?",
    "Ska korttidsvistelse beviljas som avlastning när ett syskon redan har en egen insats?",
    "Hur ser vi på önskemål om bostad med särskild service i en annan kommun?",
)
MINUTES = {
    AgendaItem.Outcome.GRANTED: "Bifall enligt handläggarens förslag. Omfattningen ligger i linje med liknande "
                                "ärenden.",
    AgendaItem.Outcome.REJECTED: "Avslag. Behovet kan tillgodoses genom befintliga insatser; handläggaren "
                                 "kommunicerar beslutet och informerar om rätten att överklaga.",
    AgendaItem.Outcome.REFERRED_BACK: "Återremiss. Utredningen kompletteras med utförarens genomförandeplan och "
                                      "en ny behovsbedömning inför nästa ärendedragning.",
    AgendaItem.Outcome.NOTED: "Noterad. Ingen ändring av praxis; ärendet följs upp vid nästa omprövning.",
}
OUTCOME_WEIGHTS = ((AgendaItem.Outcome.GRANTED, 5), (AgendaItem.Outcome.NOTED, 3),
                   (AgendaItem.Outcome.REFERRED_BACK, 2), (AgendaItem.Outcome.REJECTED, 1))
UNREACHED_SHARE = 0.15  # items the conference did not reach ("hinns inte alla med")


def _active_decisions(team: Team, day: dt.date) -> list[Decision]:
    return list(Decision.objects.filter(client__team=team, start_date__lte=day).exclude(end_date__lt=day)
                .order_by("pk"))


def _raise(rng: random.Random, team: Team, day: dt.date, raised_by, count: int, used: set[int]) -> int:
    decisions = [d for d in _active_decisions(team, day) if d.client_id not in used]
    raised = 0
    for decision in rng.sample(decisions, min(count, len(decisions))):
        used.add(decision.client_id)
        question = policy_question_raise(client=decision.client, decision=decision, actor=raised_by,
                                         text=rng.choice(QUESTIONS))
        # Raised on a working day of that week (the demo writes history after the fact).
        PolicyQuestion.objects.filter(pk=question.pk).update(created_at=start_of_day(day) + dt.timedelta(hours=10))
        raised += 1
    return raised


def seed_conferences(*, today: dt.date, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    this_week = monday_of(today)
    last_week = this_week - dt.timedelta(weeks=1)
    head = User.objects.filter(role=Role.UNIT_HEAD, is_active=True).order_by("username").first()
    counts = {"conferences": 0, "conference_items": 0, "conference_minutes": 0, "policy_questions": 0,
              "routine_cases_left_out": 0}
    for team in Team.objects.order_by("code"):
        weeks = Conference.objects.filter(team=team, week_start__in=[last_week, this_week])
        weeks.filter(items__isnull=True).delete()  # emptied when the demo register was wiped
        if weeks.exists():
            continue  # already seeded
        caseworker = (User.objects.filter(team=team, role=Role.CASEWORKER, is_active=True).order_by("username")
                      .first())
        used: set[int] = set()
        counts["policy_questions"] += _raise(rng, team, last_week + dt.timedelta(days=1), caseworker, 1, used)
        held = conference_prepare(team=team, week=last_week, actor=None)
        for item in held.items.order_by("position"):
            if rng.random() < UNREACHED_SHARE:
                continue
            outcome = rng.choices([o for o, _ in OUTCOME_WEIGHTS], [w for _, w in OUTCOME_WEIGHTS])[0]
            agenda_item_minutes_record(item=item, actor=head, minutes=MINUTES[outcome], outcome=outcome)
            counts["conference_minutes"] += 1
        conference_close(conference=held, actor=head, held_on=min(last_week + dt.timedelta(days=1), today))

        counts["policy_questions"] += _raise(rng, team, min(this_week, today), caseworker, 2, used)
        prepared = conference_prepare(team=team, week=this_week, actor=None)
        for conference in (held, prepared):
            counts["conferences"] += 1
            counts["conference_items"] += conference.items.count()
            counts["routine_cases_left_out"] += conference.routine_count
    return counts
