"""Import jobs run on the database task queue: they wait in the database, at most N run at once, their progress is
read throughout, and a job whose worker died is started again or failed with a Swedish message — never
"Kontrollerar" forever. Time is moved with time_machine, never waited for."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from insatskollen.register.models import Decision, ImportJob
from insatskollen.web import job_queue
from insatskollen.web.job_queue import import_job_task, progress_read, recover_stale_jobs

Status = ImportJob.Status
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "imports"]}}


@pytest.fixture
def queued_imports(settings, tmp_path, monkeypatch):
    # the worker closes stale connections between tasks; in a test that would close the test's own connection
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    settings.IMPORT_JOBS_INLINE = False
    settings.TASKS = DATABASE_QUEUE
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    settings.IMPORT_PROGRESS_DIR = tmp_path / "jobs"
    settings.IMPORT_CONCURRENCY = 1
    settings.IMPORT_JOB_STALE_SECONDS = 300
    settings.IMPORT_JOB_MAX_ATTEMPTS = 2
    return settings


def upload(browser, path):
    with path.open("rb") as handle:
        return browser.post(reverse("web:import"), {"file": handle, "profile": ""})


def run_queued() -> int:
    """What `insatskollen db_worker --batch` does: run every ready task, then stop."""
    before = DBTaskResult.objects.exclude(status="READY").count()
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", "--no-reload", verbosity=0)
    return DBTaskResult.objects.exclude(status="READY").count() - before


def test_an_upload_waits_on_the_queue_until_a_worker_runs_it(browser_for, hanna, fixtures_dir, queued_imports):
    browser = browser_for(hanna)
    response = upload(browser, fixtures_dir / "register_small.csv")
    job = ImportJob.objects.get()
    assert job.status == Status.VALIDATING and job.started_at is None
    assert DBTaskResult.objects.get(id=job.task_id).queue_name == "imports"
    page = browser.get(response["Location"]).content.decode()
    assert "Filen kontrolleras" in page and "står i kö" in page

    assert run_queued() == 1
    job.refresh_from_db()
    assert job.status == Status.PREVIEW and job.result["created"] == 17 and job.attempts == 1
    browser.post(reverse("web:import_commit", args=[job.pk]))
    assert not Decision.objects.exists()  # queued, not run in the request
    run_queued()
    job.refresh_from_db()
    assert job.status == Status.IMPORTED and Decision.objects.count() == 17
    assert progress_read(job.pk) is None  # the progress file goes with the job


def test_at_most_n_imports_run_at_once(browser_for, hanna, fixtures_dir, queued_imports):
    browser = browser_for(hanna)
    upload(browser, fixtures_dir / "register_small.csv")
    upload(browser, fixtures_dir / "register_small.csv")
    first, second = ImportJob.objects.order_by("pk")
    assert job_queue.slot_claim(first.pk) == "run"  # a worker is running the first one
    job_queue._progress_write(first.pk, phase="Sparar", done=5, total=17)

    assert import_job_task.call(job_id=second.pk, dry_run=True) == "wait"
    second.refresh_from_db()
    assert second.started_at is None and second.status == Status.VALIDATING
    waiting = DBTaskResult.objects.get(id=second.task_id)  # put back on the queue for a few seconds later
    assert waiting.status == "READY" and waiting.run_after > timezone.now()

    page = browser.get(reverse("web:import_job_status", args=[first.pk])).content.decode()
    assert "Sparar:" in page and "5 av 17 rader." in page  # progress shown while the import saves


def test_a_job_whose_worker_died_is_started_again_then_failed_in_swedish(browser_for, hanna, fixtures_dir,
                                                                          queued_imports):
    browser = browser_for(hanna)
    upload(browser, fixtures_dir / "register_small.csv")
    job = ImportJob.objects.get()
    assert job_queue.slot_claim(job.pk) == "run"  # the worker took it ... and was killed
    job_queue._progress_write(job.pk, phase="Kontrollerar", done=3, total=17)
    assert recover_stale_jobs() == []  # within the heartbeat window nothing happens

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        assert recover_stale_jobs() == [(job.pk, "restarted")]
    job.refresh_from_db()
    assert job.status == Status.VALIDATING and job.started_at is None
    assert DBTaskResult.objects.filter(id=job.task_id, status="READY").exists()  # back on the queue

    assert job_queue.slot_claim(job.pk) == "run"  # the second worker dies too
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        page = browser.get(reverse("web:import_job_status", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == Status.FAILED and job.attempts == 2
    assert "Kontrollen av filen avbröts: arbetsprocessen som körde den stannade" in page
    assert "kontrolleras" not in page


def test_a_lost_job_found_after_a_restart_is_run_by_the_next_worker(browser_for, hanna, fixtures_dir,
                                                                     queued_imports):
    browser = browser_for(hanna)
    upload(browser, fixtures_dir / "register_small.csv")
    job = ImportJob.objects.get()
    DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING", started_at=timezone.now())
    assert job_queue.slot_claim(job.pk) == "run"
    lost_task = job.task_id
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=10)):
        call_command("recover_import_jobs", verbosity=0)
        assert DBTaskResult.objects.get(id=lost_task).status == "FAILED"
        run_queued()
    job.refresh_from_db()
    assert job.status == Status.PREVIEW and job.result["created"] == 17 and job.attempts == 2
