"""URLs of the planning pages; included by web/urls.py under the "web" namespace."""

urlpatterns: list = []
