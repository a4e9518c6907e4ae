"""People and teams by name on the pages. The worklists give caseworkers by username and teams by code (the
`worklist` command's JSON keeps those identifiers); the pages show the person's full name and the team's name."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from insatskollen.accounts.models import Team


def with_names(items: list[dict]) -> list[dict]:
    """`items` with "caseworker_name" and "team_name" added (two queries in all): a user's display name, a team's
    name; the identifier itself when it names no one, empty when empty."""
    usernames = {i.get("caseworker") for i in items} - {None, ""}
    codes = {i.get("team") for i in items} - {None, ""}
    people = {u.username: u.display_name for u in get_user_model().objects.filter(username__in=usernames)}
    teams = dict(Team.objects.filter(code__in=codes).values_list("code", "name"))
    for item in items:
        item["caseworker_name"] = people.get(item.get("caseworker") or "", item.get("caseworker") or "")
        item["team_name"] = teams.get(item.get("team") or "", item.get("team") or "")
    return items
