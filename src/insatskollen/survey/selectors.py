"""Reads of the user survey: a round's result (threshold applied) and the latest result per provider for the
contract watch and the committee report."""

from __future__ import annotations

from insatskollen.survey.models import SurveyAnswer, SurveyRound
from insatskollen.survey.results import RoundResult, round_result


def result_for(survey_round: SurveyRound) -> RoundResult:
    answers = list(SurveyAnswer.objects.filter(response__round=survey_round).values_list("question", "value"))
    return round_result(list(survey_round.questions), survey_round.responses.count(), answers)


def rounds_with_results(limit: int = 100) -> list[tuple[SurveyRound, RoundResult]]:
    rounds = SurveyRound.objects.select_related("provider")[:limit]
    return [(r, result_for(r)) for r in rounds]


def latest_by_provider(provider_names: set[str] | None = None) -> dict[str, tuple[SurveyRound, RoundResult]]:
    """Provider name → its latest round (by opening date) and that round's result."""
    rounds = SurveyRound.objects.select_related("provider").order_by("provider__name", "-opens_on", "-id")
    if provider_names is not None:
        rounds = rounds.filter(provider__name__in=provider_names)
    latest: dict[str, SurveyRound] = {}
    for r in rounds:
        latest.setdefault(r.provider.name, r)
    return {name: (r, result_for(r)) for name, r in latest.items()}
