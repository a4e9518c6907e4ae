"""Uploaded files hold personnummer: they are readable by the application's user only (600, directory 700), gone
after the import or the refusal, and a file previewed but never imported is deleted by `purge_uploads` after 24
hours (a running import keeps its file)."""

from __future__ import annotations

import os
import stat
import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from insatskollen.register.models import ImportJob


@pytest.fixture
def uploads(settings, tmp_path):
    settings.IMPORT_JOBS_INLINE = True
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    return settings.IMPORT_UPLOAD_DIR


def upload(browser, path):
    with path.open("rb") as handle:
        return browser.post(reverse("web:import"), {"file": handle, "profile": ""})


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_previewed_file_is_readable_by_the_owner_only(browser_for, hanna, fixtures_dir, uploads):
    old_umask = os.umask(0o022)  # the usual umask would give 644
    try:
        upload(browser_for(hanna), fixtures_dir / "register_small.csv")
    finally:
        os.umask(old_umask)
    [stored] = list(uploads.iterdir())
    assert ImportJob.objects.get().status == ImportJob.Status.PREVIEW
    assert mode(stored) == 0o600 and mode(uploads) == 0o700


def test_a_refused_file_is_deleted(browser_for, hanna, uploads, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Beslut-id;Personnummer\nB-1;19870312-1230\n", encoding="utf-8")
    upload(browser_for(hanna), bad)
    assert ImportJob.objects.get().status == ImportJob.Status.REFUSED
    assert not list(uploads.iterdir())


def test_purge_deletes_files_older_than_a_day_and_keeps_newer_and_running_ones(db, hanna, uploads, capsys):
    uploads.mkdir(parents=True)
    day_and_more = time.time() - 25 * 3600
    old, new, running = uploads / "old.csv", uploads / "new.csv", uploads / "running.xlsx"
    for path in (old, new, running):
        path.write_text("Personnummer\n198703121239\n")
    for path in (old, running):
        os.utime(path, (day_and_more, day_and_more))
    ImportJob.objects.create(created_by=hanna, file_name="running.xlsx", stored_path=str(running),
                             status=ImportJob.Status.IMPORTING)
    call_command("purge_uploads")
    assert sorted(p.name for p in uploads.iterdir()) == ["new.csv", "running.xlsx"]
    assert "Tog bort 1 uppladdade filer; 2 kvar." in capsys.readouterr().out


def test_purge_dry_run_deletes_nothing(db, uploads, capsys):
    uploads.mkdir(parents=True)
    (uploads / "old.csv").write_text("x")
    call_command("purge_uploads", "--hours", "0", "--dry-run")
    assert (uploads / "old.csv").exists() and "Skulle ta bort 1" in capsys.readouterr().out
