"""The PDF and the DOCX: they open, carry the headings, the figures' cases (masked) and the written texts."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from docx import Document

from insatskollen.actionplan.files import plan_file
from insatskollen.actionplan.services import action_plan_update

ACTIONS = "Säkerställa rätt insatsnivå vid varje ny ansökan."
FOLLOW_UP = "Avdelningschef och enhetschef stämmer av en gång per månad."


@pytest.fixture
def written_plan(plan, hanna):
    action_plan_update(plan=plan, actor=hanna, actions=ACTIONS, follow_up=FOLLOW_UP)
    plan.refresh_from_db()
    return plan


def pdf_text(data: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_pdf_has_the_headings_the_cases_and_the_written_text(written_plan, tmp_path):
    data = plan_file(written_plan, "pdf")
    assert data.startswith(b"%PDF")
    text = pdf_text(data, tmp_path)
    for heading in ("Åtgärdsplan och orsaksredovisning 2026", "Sammanfattning", "Orsaker till avvikelsen",
                    "Åtgärder", "Uppföljning", "Nya beslut under året", "Prisförändringar", "Förändrade intäkter",
                    "Volymförändring per insatstyp", "Sida 1 av"):
        assert heading in text
    assert ACTIONS in " ".join(text.split())
    assert "B-BIG" in text and "19950704-****" in text
    assert "19950704-2464" not in text and "199507042464" not in text


def test_the_docx_opens_and_has_the_sections_and_the_edited_action_text(written_plan):
    document = Document(io.BytesIO(plan_file(written_plan, "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in ("Sammanfattning", "Orsaker till avvikelsen", "Åtgärder", "Uppföljning", "Orsakerna i detalj"):
        assert heading in headings
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("Åtgärder") + 1] == ACTIONS
    assert texts[texts.index("Uppföljning") + 1] == FOLLOW_UP
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "B-BIG" in cells and "19950704-****" in cells
    assert not any("199507042464" in c or "19950704-2464" in c for c in cells)


def test_an_unwritten_section_says_so_in_the_document(plan):
    document = Document(io.BytesIO(plan_file(plan, "docx")))
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("Åtgärder") + 1] == "Inga åtgärder beskrivna ännu."


def test_text_pasted_with_control_characters_still_gives_a_docx(plan, hanna):
    action_plan_update(plan=plan, actor=hanna, actions="Första\x0bandra\x01 åtgärden\tmed tabb")
    plan.refresh_from_db()
    document = Document(io.BytesIO(plan_file(plan, "docx")))
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("Åtgärder") + 1] == "Förstaandra åtgärden\tmed tabb"
