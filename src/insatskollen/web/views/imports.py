"""Importing a register file: upload, validate with progress (htmx polling), preview, then import for real."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from insatskollen.accounts import access
from insatskollen.register.models import ImportJob
from insatskollen.web.forms import ImportUploadForm
from insatskollen.web.history import field_label, plain_value
from insatskollen.web.import_jobs import choose_sheet, may_choose_sheet, start_job
from insatskollen.web.uploads import store_upload
from insatskollen.web.import_totals import shown_year
from insatskollen.web.job_queue import progress_read, recover_stale_jobs
from insatskollen.web.views.common import role_required

may_import = role_required(access.may_import_register)


def _own_job(request, pk: int) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("profile"), pk=pk, created_by=request.user)
    if job.is_running and job.started_at is not None and recover_stale_jobs([job]):
        job.refresh_from_db()  # its worker died: started again, or failed with a message
    return job


def _progress(job: ImportJob) -> dict | None:
    """What the running job has done: its file (written throughout, the saving included), else the job's row."""
    if not job.is_running:
        return None
    current = progress_read(job.pk) if job.started_at else None
    if current:
        done, total, phase = current.get("done", 0), current.get("total", 0), current.get("phase", "")
    else:
        done, total, phase = job.processed, job.total, (job.result or {}).get("phase", "")
    return {"queued": job.started_at is None and not done and not phase, "phase": phase, "done": done, "total": total,
            "percent": int(100 * done / total) if total else 0}


@may_import
def import_start(request):
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():  # the size and type are checked here, before anything is saved
            upload = form.cleaned_data["file"]
            stored = store_upload(upload)
            job = ImportJob.objects.create(created_by=request.user, file_name=upload.name[:255],
                                           stored_path=str(stored), profile=form.cleaned_data["profile"])
            start_job(job, dry_run=True)
            return redirect("web:import_job", pk=job.pk)
    else:
        form = ImportUploadForm()
    recent = ImportJob.objects.filter(created_by=request.user)[:5]
    return render(request, "web/imports/start.html", {"form": form, "recent": recent})


def _job_context(job: ImportJob, year: str | None = None) -> dict:
    result = job.result or {}
    years = result.get("file_totals") or []
    chosen = next((y for y in years if str(y["year"]) == year), years[0] if years else None)
    changes = [
        {"decision": item["decision"], "row": item.get("row"), "field": field_label(field),
         "before": plain_value(field, pair[0]), "after": plain_value(field, pair[1]),
         "valid_from": item.get("valid_from", ""), "correction": item.get("correction", False)}
        for item in result.get("changes", []) for field, pair in item.get("changes", {}).items()
    ]
    new = result.get("new", {})
    return {"job": job, "result": result, "progress": _progress(job), "changes": changes, "new": new,
            "has_new": any(new.get(kind) for kind in new), "Status": ImportJob.Status,
            "totals": shown_year(chosen) if chosen else None, "total_years": [y["year"] for y in years],
            "may_choose_sheet": may_choose_sheet(result) and job.status in (ImportJob.Status.PREVIEW,
                                                                             ImportJob.Status.REFUSED)}


@may_import
def import_job(request, pk: int):
    job = _own_job(request, pk)
    return render(request, "web/imports/job.html", _job_context(job, request.GET.get("ar")))


@may_import
def import_job_status(request, pk: int):
    """The fragment htmx polls every second while the job runs; the finished result once it is done."""
    job = _own_job(request, pk)
    return render(request, "web/imports/_status.html", _job_context(job, request.GET.get("ar")))


@may_import
@require_POST
def import_sheet(request, pk: int):
    """Check the workbook again, read from the sheet the user chose."""
    job = _own_job(request, pk)
    if not choose_sheet(job, (request.POST.get("sheet") or "").strip()):
        messages.error(request, _("Bladet kunde inte väljas: ladda upp filen igen."))
    return redirect("web:import_job", pk=job.pk)


@may_import
@require_POST
def import_commit(request, pk: int):
    job = _own_job(request, pk)
    reason = (request.POST.get("correction_reason") or "").strip()[:1000]
    if (job.result or {}).get("corrections") and not reason:
        messages.error(request, _("Filen rättar stängda månader: skriv skälet till rättelserna innan du importerar."))
        return redirect("web:import_job", pk=job.pk)
    ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.PREVIEW).update(correction_reason=reason)
    if not start_job(job, dry_run=False):
        messages.error(request, _("Importen kan bara genomföras en gång, efter en godkänd förhandsgranskning."))
    return redirect("web:import_job", pk=job.pk)
