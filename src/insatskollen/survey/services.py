"""Writes of the user survey, each with its audit event: a round opened with its single-use links, more links,
and a survey answered through a link (the link used once; the answers stored without any tie to it)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.register.models import Provider
from insatskollen.survey.library import ANSWER_VALUES, BY_KEY, DEFAULT_QUESTIONS
from insatskollen.survey.models import SurveyAnswer, SurveyLink, SurveyResponse, SurveyRound

MAX_LINKS = 500


class SurveyRefused(Exception):
    """The link cannot answer (unknown, used, or the round is not open); the message is plain Swedish."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check(actor) -> None:
    if getattr(actor, "is_authenticated", False) and not access.may_manage_surveys(actor):
        raise PermissionDenied


def survey_links_add(*, actor, survey_round: SurveyRound, count: int,
                     make_token: Callable[[], str] = lambda: secrets.token_urlsafe(18)) -> list[str]:
    """`count` new single-use links; returns their tokens, shown once (only their hashes are stored)."""
    _check(actor)
    if not 1 <= count <= MAX_LINKS:
        raise ValueError(f"Antal länkar ska vara mellan 1 och {MAX_LINKS}.")
    tokens = [make_token() for _ in range(count)]
    with transaction.atomic():
        SurveyLink.objects.bulk_create([SurveyLink(round=survey_round, token_hash=token_hash(t)) for t in tokens])
        audit_record(actor=actor, action=AuditAction.SURVEY_CHANGED, object_type="survey round",
                     object_id=survey_round.pk, summary=f"{count} enkätlänkar till {survey_round}",
                     detail={"links": count})
    return tokens


def survey_round_create(*, actor, title: str, provider: Provider, opens_on: dt.date, closes_on: dt.date,
                        activity: str = "", questions: tuple[str, ...] | list[str] = DEFAULT_QUESTIONS,
                        links: int = 0, make_token: Callable[[], str] | None = None
                        ) -> tuple[SurveyRound, list[str]]:
    _check(actor)
    unknown = [q for q in questions if q not in BY_KEY]
    if unknown or not questions:
        raise ValueError(f"Okända frågor: {', '.join(unknown)}" if unknown else "Välj minst en fråga.")
    if closes_on < opens_on:
        raise ValueError("Enkäten kan inte stänga före den öppnar.")
    with transaction.atomic():
        survey_round = SurveyRound.objects.create(
            title=title, provider=provider, activity=activity, questions=list(questions), opens_on=opens_on,
            closes_on=closes_on, created_by=actor if getattr(actor, "is_authenticated", False) else None)
        audit_record(actor=actor, action=AuditAction.SURVEY_CHANGED, object_type="survey round",
                     object_id=survey_round.pk, summary=f"Enkätomgång öppnad: {survey_round}",
                     detail={"provider": provider.name, "questions": list(questions),
                             "opens_on": opens_on.isoformat(), "closes_on": closes_on.isoformat()})
        tokens = []
        if links:
            extra = {"make_token": make_token} if make_token else {}
            tokens = survey_links_add(actor=actor, survey_round=survey_round, count=links, **extra)
    return survey_round, tokens


def link_for(token: str) -> SurveyLink:
    link = SurveyLink.objects.select_related("round", "round__provider").filter(token_hash=token_hash(token)).first()
    if link is None:
        raise SurveyRefused("Länken finns inte. Kontrollera att hela länken kom med.")
    return link


def check_open(link: SurveyLink, today: dt.date) -> None:
    if link.used_on is not None:
        raise SurveyRefused("Den här länken har redan använts. Tack för dina svar!")
    if today < link.round.opens_on:
        raise SurveyRefused(f"Enkäten öppnar {link.round.opens_on:%Y-%m-%d}.")
    if today > link.round.closes_on:
        raise SurveyRefused("Enkäten är stängd.")


def survey_submit(*, token: str, answers: dict[str, str], today: dt.date | None = None) -> SurveyResponse:
    """Store one respondent's answers and use up the link, in one transaction. A link used twice is refused:
    the link is marked used by a conditional update, so two submissions at once cannot both pass."""
    today = today or timezone.localdate()
    link = link_for(token)
    check_open(link, today)
    survey_round = link.round
    clean = {q: a for q, a in answers.items() if q in survey_round.questions and a in ANSWER_VALUES}
    if not clean:
        raise SurveyRefused("Svara på minst en fråga.")
    with transaction.atomic():
        if SurveyLink.objects.filter(pk=link.pk, used_on__isnull=True).update(used_on=today) != 1:
            raise SurveyRefused("Den här länken har redan använts. Tack för dina svar!")
        response = SurveyResponse.objects.create(round=survey_round, submitted_on=today)
        SurveyAnswer.objects.bulk_create([SurveyAnswer(response=response, question=q, value=a)
                                          for q, a in clean.items()])
        audit_record(actor=None, action=AuditAction.SURVEY_ANSWERED, object_type="survey round",
                     object_id=survey_round.pk, summary=f"Enkät besvarad: {survey_round.title}",
                     detail={"questions": len(clean)})
    return response
