"""Import jobs on the task queue: django-tasks with its database backend (`db_worker`), no other server.

- `job_enqueue` puts the job on the `imports` queue; the queue lives in the database, so a queued job survives a
  restart of the web server and of the worker.
- The task first takes one of `IMPORT_CONCURRENCY` slots (counted over the jobs that run with a fresh heartbeat,
  under a lock); without one it puts itself back on the queue a few seconds later. So at most N imports run at
  once, however many workers there are.
- While it runs, the job's progress and a heartbeat (every few seconds, from a thread) are written to a small file
  under `IMPORT_PROGRESS_DIR`, not to the database: the import writes in one transaction, and on SQLite nothing else
  may write meanwhile, so the page reads the phase and rows from the file throughout, the saving included.
- A job whose heartbeat is older than `IMPORT_JOB_STALE_SECONDS` lost its worker (killed, machine restarted): it is
  started again (the check and the import are both all-or-nothing and compare with the register, so running one
  twice is safe), and after `IMPORT_JOB_MAX_ATTEMPTS` starts it is marked failed with a Swedish message. The page
  of the job, every import task, the `recover_import_jobs` command (cron) and `./scripts/start` look for them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from insatskollen.register.models import ImportJob

log = logging.getLogger(__name__)
Status = ImportJob.Status
RUNNING = (Status.VALIDATING, Status.IMPORTING)
QUEUE_LOCK_KEY = 0x1B5A7_0B5  # the slots of the import queue: any constant shared by every process
SLOT_WAIT_SECONDS = 5

STALE_MESSAGES = {
    Status.VALIDATING: ("Kontrollen av filen avbröts: arbetsprocessen som körde den stannade, och den har redan "
                        "startats om. Ladda upp filen igen; händer det igen, kontakta förvaltningen av systemet."),
    Status.IMPORTING: ("Importen avbröts innan den blev klar: arbetsprocessen som körde den stannade, och den har "
                       "redan startats om. En import sparas helt eller inte alls: kontrollera registret och loggen "
                       "och ladda upp filen igen."),
}


# --- progress and heartbeat (a file per running job) ---

def progress_path(job_id: int) -> Path:
    return Path(settings.IMPORT_PROGRESS_DIR) / f"{int(job_id)}.json"


def _progress_write(job_id: int, **values) -> None:
    path = progress_path(job_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    temporary.write_text(json.dumps({**values, "beat": time.time()}))
    os.replace(temporary, path)  # atomic: the page never reads half a file


def progress_read(job_id: int) -> dict | None:
    try:
        return json.loads(progress_path(job_id).read_text())
    except (OSError, ValueError):
        return None


def progress_clear(job_id: int) -> None:
    progress_path(job_id).unlink(missing_ok=True)


def progress_reporter(job_id: int):
    """register_import's progress callback: the file at each new phase or whole percent (the database best effort,
    outside the import's own transaction only)."""
    last: dict[str, object] = {}

    def report(phase: str, done: int, total: int) -> None:
        percent = 100 * done // total if total else 0
        if last.get("phase") == phase and last.get("percent") == percent:
            return
        last.update(phase=phase, percent=percent)
        _progress_write(job_id, phase=phase, done=done, total=total)
        if not connection.in_atomic_block:
            try:
                ImportJob.objects.filter(pk=job_id).update(processed=done, total=total, result={"phase": phase})
            except OperationalError:
                log.debug("Progress of import job %s not written (database busy)", job_id)

    return report


@contextlib.contextmanager
def heartbeat(job_id: int):
    """Touch the job's file every few seconds while the block runs (keeping the last progress in it)."""
    stop = threading.Event()
    interval = max(1.0, settings.IMPORT_JOB_STALE_SECONDS / 10)

    def beat() -> None:
        while not stop.wait(interval):
            current = progress_read(job_id) or {}
            current.pop("beat", None)
            _progress_write(job_id, **current)

    _progress_write(job_id, phase="Läser filen", done=0, total=0)
    thread = threading.Thread(target=beat, name=f"import-heartbeat-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def last_beat(job: ImportJob) -> dt.datetime | None:
    progress = progress_read(job.pk)
    if progress and "beat" in progress:
        return dt.datetime.fromtimestamp(progress["beat"], tz=dt.UTC)
    return job.started_at


def is_stale(job: ImportJob, now: dt.datetime | None = None) -> bool:
    """Started by a worker that has not been heard from for IMPORT_JOB_STALE_SECONDS."""
    if job.status not in RUNNING or job.started_at is None:
        return False
    beat = last_beat(job)
    now = now or timezone.now()
    return beat is None or (now - beat).total_seconds() > settings.IMPORT_JOB_STALE_SECONDS


# --- the queue ---

def job_enqueue(job_id: int, *, dry_run: bool, delay: int = 0) -> None:
    queued = import_job_task.using(run_after=timezone.now() + dt.timedelta(seconds=delay)) if delay else import_job_task
    result = queued.enqueue(job_id=job_id, dry_run=dry_run)
    ImportJob.objects.filter(pk=job_id).update(task_id=str(result.id))


def _queue_lock() -> None:
    if connection.vendor == "postgresql":  # SQLite: BEGIN IMMEDIATE already serialises the transaction
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [QUEUE_LOCK_KEY])


def slot_claim(job_id: int) -> str:
    """'run' when this job may start now (and is marked started), 'wait' when N imports already run, 'gone' when
    the job is no longer waiting to run (finished, failed, or started by another worker)."""
    with transaction.atomic():
        _queue_lock()
        now = timezone.now()
        running = ImportJob.objects.filter(status__in=RUNNING, started_at__isnull=False).exclude(pk=job_id)
        if sum(1 for other in running if not is_stale(other, now)) >= settings.IMPORT_CONCURRENCY:
            return "wait" if ImportJob.objects.filter(pk=job_id, status__in=RUNNING,
                                                      started_at__isnull=True).exists() else "gone"
        claimed = ImportJob.objects.filter(pk=job_id, status__in=RUNNING, started_at__isnull=True).update(
            started_at=now, attempts=F("attempts") + 1)
        return "run" if claimed else "gone"


@task(queue_name="imports")
def import_job_task(job_id: int, dry_run: bool) -> str:
    """The worker's side of an import job: recover stale jobs, take a slot, run the job with a heartbeat."""
    from insatskollen.web.import_jobs import run_job  # import_jobs enqueues this task: imported late

    recover_stale_jobs()
    outcome = slot_claim(job_id)
    if outcome == "wait":
        job_enqueue(job_id, dry_run=dry_run, delay=SLOT_WAIT_SECONDS)
    if outcome != "run":
        return outcome
    with heartbeat(job_id):
        run_job(job_id, dry_run=dry_run)
    return "done"


def recover_stale_jobs(jobs=None) -> list[tuple[int, str]]:
    """Start again, or mark failed, every running job whose worker died; returns (job id, 'restarted'|'failed')."""
    from django_tasks_db.models import DBTaskResult

    now, done = timezone.now(), []
    candidates = jobs if jobs is not None else ImportJob.objects.filter(status__in=RUNNING, started_at__isnull=False)
    for job in candidates:
        if not is_stale(job, now):
            continue
        same = ImportJob.objects.filter(pk=job.pk, status=job.status, started_at=job.started_at)
        if job.task_id:  # the dead worker's task stays "running" in the queue otherwise
            DBTaskResult.objects.filter(id=job.task_id, status="RUNNING").update(
                status="FAILED", finished_at=now, exception_class_path="insatskollen.web.job_queue.WorkerLost",
                traceback="The worker stopped while running this task (no heartbeat).")
        if job.attempts < settings.IMPORT_JOB_MAX_ATTEMPTS:
            if same.update(started_at=None, result={"phase": "Startas om efter ett avbrott"}):
                progress_clear(job.pk)
                job_enqueue(job.pk, dry_run=job.status == Status.VALIDATING)
                done.append((job.pk, "restarted"))
        elif same.update(status=Status.FAILED, result={"notice": STALE_MESSAGES[job.status]}):
            progress_clear(job.pk)
            done.append((job.pk, "failed"))
        if done and done[-1][0] == job.pk:
            log.warning("Import job %s lost its worker: %s", job.pk, done[-1][1])
    return done

