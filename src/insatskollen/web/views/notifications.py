"""The user's own notices (notiser): list, open, mark read. Nobody sees another user's notices."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from insatskollen.notifications.selectors import notifications_for
from insatskollen.notifications.services import notification_mark_read, notifications_mark_all_read

PAGE_SIZE = 50


@login_required
def notification_list(request):
    unread_only = request.GET.get("visa") == "olasta"
    qs = notifications_for(request.user, unread_only=unread_only)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "web/notifications/list.html", {
        "page": page, "unread_only": unread_only,
        "unread_total": notifications_for(request.user, unread_only=True).count()})


@login_required
@require_POST
def notification_read(request, pk: int):
    """Mark one notice read; with `open`, go on to the page it links to."""
    notice = get_object_or_404(notifications_for(request.user), pk=pk)
    notification_mark_read(notification=notice, actor=request.user)
    if "open" in request.POST and notice.url and url_has_allowed_host_and_scheme(
            notice.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(notice.url)
    return redirect("web:notifications")


@login_required
@require_POST
def notification_read_all(request):
    count = notifications_mark_all_read(actor=request.user)
    messages.success(request, _("%(count)s notiser markerade som lästa.") % {"count": count})
    return redirect("web:notifications")
