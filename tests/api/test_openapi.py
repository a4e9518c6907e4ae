"""The API describes itself: the OpenAPI schema lists every path and the bearer authentication."""

from __future__ import annotations

PATHS = {"/api/me", "/api/clients", "/api/clients/{client_id}", "/api/decisions", "/api/decisions/{decision_id}",
         "/api/decisions/{decision_id}/end", "/api/costs",
         "/api/forecast"}


def test_the_schema_lists_the_paths(api):
    response = api.http.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert PATHS <= set(schema["paths"])
    assert set(schema["paths"]["/api/decisions/{decision_id}"]) == {"get", "patch"}
    assert set(schema["paths"]["/api/decisions"]) == {"get", "post"}
    assert any(s.get("scheme") == "bearer" for s in schema["components"]["securitySchemes"].values())


def test_the_docs_page_is_served(api):
    assert api.http.get("/api/docs").status_code == 200
