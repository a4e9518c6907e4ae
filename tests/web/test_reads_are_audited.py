"""Web reads that show personal data are audited: the client list and search, the FK case page and the decision
forms; and role, team and permission changes made in admin."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.fk.models import FkCaseKind
from insatskollen.fk.services import fk_case_register


def test_the_client_list_logs_each_client_shown(browser_for, hanna, client_a, client_b):
    browser_for(hanna).get(reverse("web:clients"))
    events = AuditEvent.objects.filter(action=AuditAction.CLIENT_LISTED)
    assert set(events.values_list("client_id", flat=True)) == {client_a.pk, client_b.pk}


def test_the_fk_case_page_is_audited(browser_for, hanna, client_a):
    case = fk_case_register(client=client_a, actor=None, kind=FkCaseKind.APPLICATION, submitted_on=dt.date(2025, 1, 5))
    assert browser_for(hanna).get(reverse("web:fk_case", args=[case.pk])).status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.CLIENT_VIEWED, object_type="fk_case")
    assert (event.actor_id, event.client_id, event.object_id) == (hanna.pk, client_a.pk, str(case.pk))


def test_opening_decision_forms_is_audited(browser_for, alice, decision_a):
    browser = browser_for(alice)
    for name in ("decision_change", "decision_end"):
        assert browser.get(reverse(f"web:{name}", args=[decision_a.pk])).status_code == 200
    assert browser.get(reverse("web:decision_create", args=[decision_a.client_id])).status_code == 200
    viewed = AuditEvent.objects.filter(action=AuditAction.DECISION_VIEWED, client_id=decision_a.client_id)
    assert sorted(e.detail["form"] for e in viewed) == ["decision_change", "decision_end"]
    assert AuditEvent.objects.filter(action=AuditAction.CLIENT_VIEWED, detail__form="decision_create").count() == 1


def test_a_role_and_team_change_in_admin_is_audited(browser_for, ada, alice, team_b):
    ada.is_staff = True
    ada.is_superuser = True
    ada.save()
    url = reverse("admin:accounts_user_change", args=[alice.pk])
    form = {"username": "alice", "first_name": "Alice", "last_name": "Andersson", "email": "", "is_active": "on",
            "role": "unit_head", "team": team_b.pk, "date_joined_0": "2025-01-01", "date_joined_1": "08:00:00",
            "groups": [], "user_permissions": [Permission.objects.get(codename="view_auditevent").pk]}
    response = browser_for(ada).post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.get(action=AuditAction.ACCESS_CHANGED)
    assert event.actor_id == ada.pk and event.object_id == str(alice.pk)
    changes = event.detail["changes"]
    assert changes["role"] == ["caseworker", "unit_head"]
    assert changes["team"] == ["Team Vuxna LSS", "Team Barn och unga"]
    assert changes["user_permissions"] == [[], ["audit.view_auditevent"]]


def test_a_group_permission_change_in_admin_is_audited(browser_for, ada):
    ada.is_staff = ada.is_superuser = True
    ada.save()
    group = Group.objects.create(name="Granskare")
    permission = Permission.objects.get(codename="view_auditevent")
    response = browser_for(ada).post(reverse("admin:auth_group_change", args=[group.pk]),
                                     {"name": "Granskare", "permissions": [permission.pk]})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=AuditAction.ACCESS_CHANGED, object_type="group")
    assert event.detail["changes"]["permissions"] == [[], ["audit.view_auditevent"]]
