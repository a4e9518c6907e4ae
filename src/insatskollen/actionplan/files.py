"""The plan as a file to download or write: PDF or DOCX, from the same blocks as the web page."""

from __future__ import annotations

import datetime as dt

from insatskollen.actionplan.document import Block, blocks
from insatskollen.actionplan.models import SECTIONS, ActionPlan
from insatskollen.actionplan.render_docx import render_plan_docx
from insatskollen.actionplan.render_pdf import render_plan_pdf
from insatskollen.actionplan.selectors import plan_draft

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
RENDERERS = {"pdf": render_plan_pdf, "docx": render_plan_docx}


def plan_blocks(plan: ActionPlan) -> list[Block]:
    return blocks(plan_draft(plan), title=plan.title, texts={name: getattr(plan, name) for name in SECTIONS},
                  drafted_at=plan.drafted_at)


def file_name(year: int, as_of: dt.date, fmt: str) -> str:
    return f"atgardsplan-{year}-per-{as_of:%Y-%m-%d}.{fmt}"


def render_file(document: list[Block], fmt: str, *, unit_name: str, title: str) -> bytes:
    """`fmt`: pdf or docx (KeyError otherwise)."""
    return RENDERERS[fmt](document, unit_name=unit_name, title=title)


def plan_file(plan: ActionPlan, fmt: str) -> bytes:
    return render_file(plan_blocks(plan), fmt, unit_name=plan.content.get("unit_name", ""), title=plan.title)
