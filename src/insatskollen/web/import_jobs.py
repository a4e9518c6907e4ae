"""Running a register import for the web UI: a task on the queue (django-tasks, database backend), or inline.

The web page polls the job; the import itself is register_import, the same function the command uses. How a job
runs on the queue, its progress, its heartbeat and the recovery of a job whose worker died: web/job_queue.py.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from django.conf import settings

from insatskollen.register.importing.service import register_import
from insatskollen.register.models import ImportJob
from insatskollen.web.import_totals import file_totals
from insatskollen.web.job_queue import job_enqueue, progress_clear, progress_reporter

log = logging.getLogger(__name__)
Status = ImportJob.Status


def run_job(job_id: int, *, dry_run: bool) -> None:
    """Validate (dry_run) or import the job's file and record the outcome on the job."""
    job = ImportJob.objects.select_related("created_by", "profile").get(pk=job_id)
    try:
        result = register_import(
            job.stored_path, actor=job.created_by, dry_run=dry_run,
            profile=job.profile.columns if job.profile else None, file_name=job.file_name,
            progress=progress_reporter(job.pk), correction_reason=job.correction_reason, sheet=job.sheet or None,
        )
        answer = result.as_dict()
        if result.file_terms and result.as_of:
            answer["file_totals"] = file_totals(result.file_terms, dt.date.fromisoformat(result.as_of))
    except Exception as exc:
        log.exception("Import job %s failed", job_id)
        ImportJob.objects.filter(pk=job.pk).update(status=Status.FAILED, result={"error": str(exc)[:500]})
        progress_clear(job.pk)
        Path(job.stored_path).unlink(missing_ok=True)  # a failed job's file is not kept either
        return
    status = {"dry-run": Status.PREVIEW, "imported": Status.IMPORTED}.get(result.status, Status.REFUSED)
    total = max(result.rows, 1) if status != Status.REFUSED else max(result.rows, 0)
    ImportJob.objects.filter(pk=job.pk).update(status=status, result=answer, processed=total, total=total)
    progress_clear(job.pk)
    if status == Status.IMPORTED or (status == Status.REFUSED and not may_choose_sheet(answer)):
        Path(job.stored_path).unlink(missing_ok=True)


def may_choose_sheet(result: dict) -> bool:
    """A workbook with several sheets can be read again from another sheet: its file is kept until then."""
    return len(result.get("sheets") or []) > 1


def choose_sheet(job: ImportJob, sheet: str) -> bool:
    """Read the job's file again from `sheet`, as a new check; False if the job is not a checked file."""
    if sheet not in ((job.result or {}).get("sheets") or []) or not Path(job.stored_path).exists():
        return False
    if not ImportJob.objects.filter(pk=job.pk, status__in=(Status.PREVIEW, Status.REFUSED)).update(
            status=Status.VALIDATING, sheet=sheet, result={}, processed=0, total=0):
        return False
    return start_job(job, dry_run=True)


def start_job(job: ImportJob, *, dry_run: bool) -> bool:
    """Queue the job (or run it inline: settings.IMPORT_JOBS_INLINE, as in tests).

    A new job is validated; a previewed job is imported. False when the job is in neither state (e.g. a
    second click on "Genomför importen"): the state changes atomically, so a file is never imported twice.
    """
    expected, new_status = (Status.VALIDATING, Status.VALIDATING) if dry_run else (Status.PREVIEW, Status.IMPORTING)
    if not ImportJob.objects.filter(pk=job.pk, status=expected).update(
            status=new_status, processed=0, started_at=None, attempts=0, task_id=""):
        return False
    if settings.IMPORT_JOBS_INLINE:
        run_job(job.pk, dry_run=dry_run)
        return True
    job_enqueue(job.pk, dry_run=dry_run)
    return True
