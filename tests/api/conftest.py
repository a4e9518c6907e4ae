"""API helpers: real tokens made by api_token_create, and a caller that speaks JSON with a bearer key."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
from django.test import Client

from insatskollen.api.services import api_token_create


@dataclass
class Reply:
    status: int
    body: dict
    headers: dict = field(default_factory=dict)

    def __repr__(self) -> str:  # shows the body when an assertion on status fails
        return f"Reply({self.status}, {self.body!r})"


class ApiCaller:
    def __init__(self) -> None:
        self.http = Client()

    def key_for(self, user) -> str:
        return api_token_create(user=user, name=f"test {user.username}", actor=None)[1]

    def call(self, method: str, path: str, *, user=None, key: str | None = None, body=None,
             headers: dict | None = None, **query) -> Reply:
        headers = dict(headers or {})
        if user is not None:
            key = self.key_for(user)
        if key is not None:
            headers["Authorization"] = f"Bearer {key}"
        if body is not None:
            response = getattr(self.http, method)(path, data=json.dumps(body), content_type="application/json",
                                                  headers=headers)
        else:
            response = getattr(self.http, method)(path, data=query or None, headers=headers)
        text = response.content.decode()
        reply = Reply(response.status_code, json.loads(text) if text else {})
        reply.headers = response.headers
        return reply

    def get(self, path: str, **kwargs) -> Reply:
        return self.call("get", path, **kwargs)

    def post(self, path: str, **kwargs) -> Reply:
        return self.call("post", path, **kwargs)

    def patch(self, path: str, **kwargs) -> Reply:
        return self.call("patch", path, **kwargs)


@pytest.fixture
def api(db) -> ApiCaller:
    return ApiCaller()


@pytest.fixture
def decision_a(make_decision, client_a):
    return make_decision(client_a)


@pytest.fixture
def decision_b(make_decision, client_b, bob):
    return make_decision(client_b, caseworker=bob)
