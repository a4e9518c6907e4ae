"""The worklists hub (arbetslistor): every list that moves the unit's cost or legal quality, with what to do.

The lists, their routines and who may open them come from the one registry, `casework.worklists`; the page shows
only the lists the user may open.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from insatskollen.casework.worklists import visible_to


def worklists_for(user) -> list[dict]:
    return [{"url": reverse(f"web:{w.url_name}") + (f"#{w.anchor}" if w.anchor else ""), "title": w.title,
             "routine": w.routine, "url_name": w.url_name, "key": w.key}
            for w in visible_to(user)]


@login_required
def worklists(request):
    return render(request, "web/hub/worklists.html", {"worklists": worklists_for(request.user)})
