"""The survey as a respondent answers it, through a single-use link: public (no login), one question per screen,
three answer steps as large buttons with pictograms, a button that reads the question aloud (the browser's speech
synthesis, static/survey/speak.js). The answers so far ride along in the form, so nothing is stored until the last
answer; then the link is used up and the answers are stored without any tie to it. The pages reveal nothing
personal: only the provider's name and the questions."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from insatskollen.survey.library import ANSWER_VALUES, ANSWERS, BY_KEY
from insatskollen.survey.services import SurveyRefused, check_open, link_for, survey_submit

SKIP = "hoppa"


def _answers_from(post, questions: list[str]) -> dict[str, str]:
    return {q: post[f"a_{q}"] for q in questions if post.get(f"a_{q}") in ANSWER_VALUES | {SKIP}}


@never_cache
def survey_answer(request, token: str):
    try:
        link = link_for(token)
        check_open(link, timezone.localdate())
    except SurveyRefused as exc:
        return render(request, "web/survey/closed.html", {"message": str(exc)}, status=410 if "använts" in str(exc)
                      else 404)
    survey_round = link.round
    questions = list(survey_round.questions)
    step, answers = 0, {}
    if request.method == "POST":
        answers = _answers_from(request.POST, questions)
        raw = request.POST.get("steg", "")
        step = int(raw) if raw.isascii() and raw.isdigit() and int(raw) < len(questions) else 0
        answer = request.POST.get("svar", "")
        if answer in ANSWER_VALUES | {SKIP}:
            answers[questions[step]] = answer
            step += 1
        if step >= len(questions):
            try:
                survey_submit(token=token, answers={q: a for q, a in answers.items() if a != SKIP})
            except SurveyRefused as exc:
                return render(request, "web/survey/closed.html", {"message": str(exc)}, status=410)
            return render(request, "web/survey/thanks.html", {"provider": survey_round.provider.name})
    question = BY_KEY[questions[step]]
    return render(request, "web/survey/question.html", {
        "round": survey_round, "provider": survey_round.provider.name, "question": question, "step": step,
        "number": step + 1, "count": len(questions), "answers": ANSWERS,
        "carried": [(f"a_{q}", a) for q, a in answers.items()], "skip": SKIP,
    })
