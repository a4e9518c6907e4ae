"""Schemathesis against the API in-process: a bounded number of generated requests per operation, valid and
invalid, with a valid key. None may answer a server error, and every status must be documented in the schema."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import status_code_conformance

from insatskollen.api.api import api as ninja_api
from insatskollen.api.services import api_token_create

EXAMPLES = 15  # per operation, per mode (valid and invalid data) and per key (valid and wrong)


@pytest.fixture
def schema(db):
    """The schema as the API serves it, called through the real WSGI application in this test's transaction (as
    Django's test client does, the connection is not closed at the end of each request)."""
    loaded = schemathesis.openapi.from_dict(json.loads(json.dumps(ninja_api.get_openapi_schema())))
    loaded.app = get_wsgi_application()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield loaded
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_server_errors_and_no_undocumented_responses(schema, settings, hanna, decision_a, decision_b):
    settings.AXES_ENABLED = False  # generated bad keys would otherwise lock the address after five
    key = api_token_create(user=hanna, name="schemathesis", actor=None)[1]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    failures: list[str] = []
    runs = [(mode, auth) for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
            for auth in ({"Authorization": f"Bearer {key}"}, {"Authorization": "Bearer ik_fel"})]
    for operation in operations:
        for mode, headers in runs:
            @hypothesis_settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                                 suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                case.call_and_validate(headers=headers, checks=[not_a_server_error, status_code_conformance])

            try:
                run()
            except Exception as error:  # noqa: BLE001 - collect every operation's failure, then report them all
                failures.append(f"{operation.method.upper()} {operation.path} ({mode}, "
                                f"{headers['Authorization'][:10]}): {str(error)[:1500]}")
    assert not failures, "\n\n".join(failures)
