"""URLs of the contracts pages; included by web/urls.py under the "web" namespace."""

urlpatterns: list = []
