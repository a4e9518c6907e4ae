"""The action_plan command writes the document and records that it left the system."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from insatskollen.actionplan.models import ActionPlan
from insatskollen.audit.models import AuditAction, AuditEvent


def test_the_command_writes_a_pdf_without_saving_a_plan(register, tmp_path):
    out = tmp_path / "plan.pdf"
    call_command("action_plan", "--year", "2026", "--as-of", "2026-05-31", "--format", "pdf", "--out", str(out),
                 stdout=io.StringIO())
    assert out.read_bytes().startswith(b"%PDF")
    assert not ActionPlan.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DOCUMENT_EXPORTED).count() == 1


def test_the_command_writes_a_saved_plan_as_docx(plan, tmp_path):
    plan.actions = "Bevaka individuella avtal."
    plan.save()
    out = tmp_path / "plan.docx"
    call_command("action_plan", "--plan", str(plan.pk), "--format", "docx", "--out", str(out), stdout=io.StringIO())
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "Bevaka individuella avtal." in texts


def test_the_command_explains_a_bad_date(register, tmp_path):
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
        call_command("action_plan", "--year", "2026", "--as-of", "31/5", "--out", str(tmp_path / "x.pdf"))
