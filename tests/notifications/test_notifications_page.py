"""The notices page: only your own, mark read, open the linked page; the header badge counts unread notices."""

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse

from insatskollen.notifications.models import Notification
from insatskollen.notifications.services import notification_send

pytestmark = pytest.mark.django_db


def send(user, key, title, url="/arbetslistor/genomforandeplaner/"):
    return notification_send(recipient=user, kind="test", title=title, body="", url=url, key=key)


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("web:notifications"))
    assert response.status_code == 302 and reverse("web:login") in response["Location"]


def test_list_shows_only_own_notices(browser_for, alice, bob):
    send(alice, "a", "Alices notis")
    send(bob, "b", "Bobs notis")
    html = browser_for(alice).get(reverse("web:notifications")).content.decode()
    assert "Alices notis" in html and "Bobs notis" not in html
    assert "Du har 1 oläst notis." in html


def test_every_role_has_a_notices_page(browser_for, carl):
    assert browser_for(carl).get(reverse("web:notifications")).status_code == 200


def test_mark_read_and_the_unread_filter(browser_for, alice):
    first = send(alice, "a", "Första")
    send(alice, "b", "Andra")
    browser = browser_for(alice)
    response = browser.post(reverse("web:notification_read", args=[first.pk]))
    assert response.status_code == 302
    html = browser.get(reverse("web:notifications") + "?visa=olasta").content.decode()
    assert "Andra" in html and "Första" not in html


def test_open_marks_read_and_follows_the_link(browser_for, alice):
    notice = send(alice, "a", "Första")
    response = browser_for(alice).post(reverse("web:notification_read", args=[notice.pk]), {"open": "1"})
    assert response["Location"] == "/arbetslistor/genomforandeplaner/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_open_never_leaves_the_site(browser_for, alice):
    notice = send(alice, "a", "Första", url="https://evil.example.com/")
    response = browser_for(alice).post(reverse("web:notification_read", args=[notice.pk]), {"open": "1"})
    assert response["Location"] == reverse("web:notifications")


def test_another_users_notice_is_not_found(browser_for, alice, bob):
    notice = send(alice, "a", "Första")
    assert browser_for(bob).post(reverse("web:notification_read", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_all_read(browser_for, alice, bob):
    send(alice, "a", "Första")
    send(alice, "b", "Andra")
    send(bob, "a", "Bobs")
    browser_for(alice).post(reverse("web:notifications_read_all"))
    assert not Notification.objects.filter(recipient=alice, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=bob, read_at__isnull=True).count() == 1


def test_reading_is_post_only(browser_for, alice):
    notice = send(alice, "a", "Första")
    assert browser_for(alice).get(reverse("web:notification_read", args=[notice.pk])).status_code == 405


def test_badge_counts_unread(alice):
    send(alice, "a", "Första")
    send(alice, "b", "Andra")
    request = RequestFactory().get("/")
    request.user = alice
    html = Template('{% include "web/notifications/_badge.html" %}').render(RequestContext(request, {}))
    assert reverse("web:notifications") in html and ">2<" in html
    Notification.objects.update(read_at="2025-01-01T00:00Z")
    html = Template('{% include "web/notifications/_badge.html" %}').render(RequestContext(request, {}))
    assert 'class="badge"' not in html
