"""Downloading the decisions the user may see, in the canonical register format (.xlsx or .csv)."""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.register.exporting import export_csv, export_xlsx
from insatskollen.register.selectors import decisions_visible_to
from insatskollen.web.views.common import role_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@role_required(access.may_export_register)
def export(request):
    kind = request.GET.get("format")
    decisions = decisions_visible_to(request.user)
    if kind not in ("xlsx", "csv"):
        return render(request, "web/exports/export.html", {
            "count": decisions.count(), "whole_unit": access.sees_whole_unit(request.user)})
    file_name = f"insatskollen-register-{timezone.localdate().isoformat()}.{kind}"
    if kind == "xlsx":
        buffer = io.BytesIO()
        count = export_xlsx(decisions, buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        text = io.StringIO()
        count = export_csv(decisions, text)
        response = HttpResponse(("\ufeff" + text.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    audit_record(actor=request.user, action=AuditAction.REGISTER_EXPORTED, object_type="file", object_id=file_name,
                 summary=f"{file_name}: {count} beslut", detail={"format": kind, "decisions": count})
    return response
