"""The question library of the user survey (Pict-O-Stat's successor), in short easy Swedish, and the three answer
steps. Pure. The areas follow the national user survey: self-determination, treatment, safety and well-being.
Each question and answer has a pictogram: SVGs made for this project (web/static/survey/), free to use."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    key: str
    area: str  # the area's Swedish name
    text: str  # easy Swedish, read aloud as written
    pictogram: str  # file name under web/static/survey/


@dataclass(frozen=True)
class Answer:
    value: str
    label: str
    score: int  # 2 yes, 1 sometimes, 0 no
    pictogram: str


QUESTIONS: tuple[Question, ...] = (
    Question("decide", "Självbestämmande", "Får du bestämma om saker som är viktiga för dig?", "decide.svg"),
    Question("listen", "Bemötande", "Lyssnar personalen på dig?", "listen.svg"),
    Question("respect", "Bemötande", "Är personalen snäll mot dig?", "respect.svg"),
    Question("safe", "Trygghet", "Känner du dig trygg här?", "safe.svg"),
    Question("like", "Trivsel", "Trivs du här?", "like.svg"),
)
ANSWERS: tuple[Answer, ...] = (
    Answer("ja", "Ja", 2, "yes.svg"),
    Answer("ibland", "Ibland", 1, "sometimes.svg"),
    Answer("nej", "Nej", 0, "no.svg"),
)
BY_KEY = {q.key: q for q in QUESTIONS}
ANSWER_VALUES = {a.value for a in ANSWERS}
DEFAULT_QUESTIONS = tuple(q.key for q in QUESTIONS)
