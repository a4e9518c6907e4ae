"""A round's results: the share answering each step per question, shown only with at least MIN_RESPONDENTS
respondents (the national user survey's rule); below it, "för få svar". Pure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from insatskollen.survey.library import ANSWERS, BY_KEY

MIN_RESPONDENTS = 5
TOO_FEW = "för få svar"


@dataclass(frozen=True)
class QuestionResult:
    key: str
    text: str
    area: str
    answered: int
    shares: dict[str, Decimal]  # answer value → percent, one decimal

    @property
    def positive_pct(self) -> Decimal:
        return self.shares.get("ja", Decimal(0))


@dataclass(frozen=True)
class RoundResult:
    respondents: int
    shown: bool
    questions: list[QuestionResult]

    @property
    def positive_pct(self) -> Decimal | None:
        """The share of all answers that are "Ja" (None when not shown)."""
        if not self.shown:
            return None
        total = sum(q.answered for q in self.questions)
        yes = sum(q.answered * q.positive_pct for q in self.questions) / 100
        return _pct(yes, total) if total else None

    @property
    def label(self) -> str:
        if not self.shown:
            return TOO_FEW
        return f"{self.positive_pct} % ja ({self.respondents} svar)".replace(".", ",")


def _pct(part, whole) -> Decimal:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def round_result(question_keys: list[str], respondents: int, answers: list[tuple[str, str]]) -> RoundResult:
    """`answers`: (question key, answer value) of every response. Nothing is shown under the threshold."""
    if respondents < MIN_RESPONDENTS:
        return RoundResult(respondents=respondents, shown=False, questions=[])
    result = []
    for key in question_keys:
        values = [v for k, v in answers if k == key]
        shares = {a.value: _pct(sum(1 for v in values if v == a.value), len(values)) if values else Decimal(0)
                  for a in ANSWERS}
        question = BY_KEY[key]
        result.append(QuestionResult(key=key, text=question.text, area=question.area, answered=len(values),
                                     shares=shares))
    return RoundResult(respondents=respondents, shown=True, questions=result)
