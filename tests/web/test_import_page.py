"""The import page checks a file, previews it, and imports it on request; a bad file is refused with its errors."""

from __future__ import annotations

import json

from django.urls import reverse

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.register.models import Decision, ImportJob

from .conftest import upload


def test_small_register_is_previewed_then_imported(browser_for, hanna, fixtures_dir, inline_imports):
    browser = browser_for(hanna)
    response = upload(browser, fixtures_dir / "register_small.csv")
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("web:import_job", args=[job.pk])
    assert job.status == ImportJob.Status.PREVIEW and job.result["created"] == 17
    assert not Decision.objects.exists()

    preview = browser.get(response["Location"]).content.decode()
    assert "Förhandsgranskning" in preview and "Genomför importen" in preview
    assert "anna.l" in preview and "Solgläntan AB" in preview  # new caseworkers and providers are listed

    done = browser.post(reverse("web:import_commit", args=[job.pk]), follow=True).content.decode()
    assert "Importen är genomförd." in done
    assert Decision.objects.count() == 17
    assert AuditEvent.objects.filter(action=AuditAction.REGISTER_IMPORTED, actor=hanna).count() == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.IMPORTED
    assert not list(inline_imports.iterdir())  # the uploaded file is removed once imported

    again = browser.post(reverse("web:import_commit", args=[job.pk]), follow=True).content.decode()
    assert "Importen kan bara genomföras en gång" in again
    assert Decision.objects.count() == 17


def test_reimport_previews_the_changes(browser_for, hanna, fixtures_dir, inline_imports, tmp_path):
    browser = browser_for(hanna)
    upload(browser, fixtures_dir / "register_small.csv")
    browser.post(reverse("web:import_commit", args=[ImportJob.objects.get().pk]))
    changed = tmp_path / "changed.csv"
    text = (fixtures_dir / "register_small.csv").read_text(encoding="utf-8-sig")
    changed.write_text(text.replace("B-1004;19780130-4572;bo.k;6330;Daglig verksamhet;LSS;0,50",
                                    "B-1004;19780130-4572;bo.k;6330;Daglig verksamhet;LSS;0,75"), encoding="utf-8")
    response = upload(browser, changed)
    html = browser.get(response["Location"]).content.decode()
    assert '<tr><th scope="row" class="nowrap">B-1004</th><td>5</td><td>Omfattning</td><td>0,5</td><td>0,75</td>' in html
    job = ImportJob.objects.order_by("-pk").first()
    assert (job.result["created"], job.result["updated"], job.result["unchanged"]) == (0, 1, 16)


def test_bad_register_is_refused_with_every_error(browser_for, hanna, fixtures_dir, inline_imports):
    expected = json.loads((fixtures_dir / "expected.json").read_text())["register_bad"]["errors"]
    browser = browser_for(hanna)
    response = upload(browser, fixtures_dir / "register_bad.csv")
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.REFUSED
    html = browser.get(response["Location"]).content.decode()
    assert "Filen avvisades: 6 fel. Inget har sparats." in html
    assert "Genomför importen" not in html
    for error in expected:
        assert f'<tr><th scope="row">{error["row"]}</th><td>{error["column"]}</td><td>{error["value"]}</td>' in html
    assert not Decision.objects.exists()


def test_too_large_file_is_refused_before_it_is_saved(browser_for, hanna, fixtures_dir, inline_imports, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = upload(browser_for(hanna), fixtures_dir / "register_small.csv")
    assert response.status_code == 200
    assert "Filen är för stor." in response.content.decode()
    assert not ImportJob.objects.exists()
    assert not inline_imports.exists() or not list(inline_imports.iterdir())


def test_wrong_file_type_is_refused(browser_for, hanna, tmp_path, inline_imports):
    other = tmp_path / "register.pdf"
    other.write_text("Beslut-id;Personnummer\n")
    response = upload(browser_for(hanna), other)
    assert "Filen måste vara en Excelfil (.xlsx, .xls), en OpenDocument-fil (.ods) eller en textfil (.csv, .txt)." \
        in response.content.decode()


def test_running_job_is_polled_with_a_progress_bar(browser_for, hanna):
    job = ImportJob.objects.create(created_by=hanna, file_name="stor.xlsx", stored_path="/nowhere",
                                   status=ImportJob.Status.VALIDATING, processed=2500, total=10000)
    html = browser_for(hanna).get(reverse("web:import_job_status", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert '<progress id="import-progress" max="100" value="25">' in html
    assert 'aria-live="polite"' in html and "2\u00a0500 av 10\u00a0000 rader." in html


def test_someone_elses_job_is_not_found(browser_for, hanna, ada):
    job = ImportJob.objects.create(created_by=ada, file_name="x.csv", stored_path="/nowhere")
    assert browser_for(hanna).get(reverse("web:import_job", args=[job.pk])).status_code == 404


def test_a_file_correcting_a_closed_month_asks_the_unit_head_for_the_reason(browser_for, hanna, fixtures_dir,
                                                                            inline_imports, tmp_path):
    import datetime as dt
    from decimal import Decimal

    from insatskollen.ledger.closing import month_close
    from insatskollen.ledger.models import LedgerBatch, LedgerEntry
    from insatskollen.register.services import start_of_day

    browser = browser_for(hanna)
    upload(browser, fixtures_dir / "register_small.csv")
    browser.post(reverse("web:import_commit", args=[ImportJob.objects.get().pk]))
    batch = LedgerBatch.objects.create(file_name="huvudbok.csv")
    LedgerEntry.objects.create(batch=batch, period=dt.date(2025, 3, 1), account="4600", amount=Decimal(1))
    month_close(month=dt.date(2025, 3, 1), actor=None, closed_at=start_of_day(dt.date(2025, 4, 6)))
    text = (fixtures_dir / "register_small.csv").read_text(encoding="utf-8-sig").splitlines()
    header, rows = text[0] + ";Gäller från", [line + ";" for line in text[1:]]
    rows = [r.replace("B-1004;19780130-4572;bo.k;6330;Daglig verksamhet;LSS;0,50",
                      "B-1004;19780130-4572;bo.k;6330;Daglig verksamhet;LSS;0,75")[:-1] + ";2025-03-01"
            if r.startswith("B-1004;") else r for r in rows]
    changed = tmp_path / "rattelse.csv"
    changed.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    response = upload(browser, changed)
    job = ImportJob.objects.latest("pk")
    page = browser.get(response["Location"]).content.decode()
    assert "Filen ändrar 1 beslut i stängda månader eller som redan har upphört" in page and "rättelse" in page and "2025-03-01" in page
    refused = browser.post(reverse("web:import_commit", args=[job.pk]), follow=True).content.decode()
    assert "skriv skälet till rättelserna" in refused
    done = browser.post(reverse("web:import_commit", args=[job.pk]),
                        {"correction_reason": "Omfattningen ändrades från mars enligt nytt beslut"}, follow=True)
    assert "Importen är genomförd." in done.content.decode()
    version = Decision.objects.get(external_id="B-1004").versions.order_by("-number").first()
    assert version.is_correction and version.note == "Omfattningen ändrades från mars enligt nytt beslut"
