"""The API describes itself, to its own users: the OpenAPI schema lists every path, the bearer authentication and
every error response; the docs are served from local static files, behind login."""

from __future__ import annotations

import pytest

PATHS = {"/api/me", "/api/clients", "/api/clients/{client_id}", "/api/decisions", "/api/decisions/{decision_id}",
         "/api/decisions/{decision_id}/end", "/api/costs",
         "/api/forecast"}


def test_the_schema_lists_the_paths(api, hanna):
    api.http.force_login(hanna)
    response = api.http.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert PATHS <= set(schema["paths"])
    assert set(schema["paths"]["/api/decisions/{decision_id}"]) == {"get", "patch"}
    assert set(schema["paths"]["/api/decisions"]) == {"get", "post"}
    assert any(s.get("scheme") == "bearer" for s in schema["components"]["securitySchemes"].values())


def test_the_docs_page_is_served_from_local_files_to_a_logged_in_user(api, hanna):
    api.http.force_login(hanna)
    response = api.http.get("/api/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html and "/static/ninja/swagger-ui.css" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert api.http.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize("path", ["/api/docs", "/api/openapi.json"])
def test_docs_and_schema_need_login(api, path):
    response = api.http.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/logga-in/?next=")


def test_a_valid_key_may_read_the_schema_and_a_wrong_one_may_not(api, hanna):
    key = api.key_for(hanna)
    assert api.http.get("/api/openapi.json", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    assert api.http.get("/api/openapi.json", headers={"Authorization": "Bearer ik_wrong"}).status_code == 302


def test_every_error_response_is_documented(api, hanna):
    api.http.force_login(hanna)
    schema = api.http.get("/api/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            documented = set(operation["responses"])
            assert {"401", "429"} <= documented, (method, path)
            if operation.get("parameters") or "requestBody" in operation:
                assert "422" in documented, (method, path)
            if "{" in path:
                assert "404" in documented, (method, path)
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    assert "application/json" in response["content"], (method, path, status)
    writes = schema["paths"]["/api/decisions/{decision_id}"]["patch"]["responses"]
    assert {"400", "403", "404", "409", "422", "428"} <= set(writes)
