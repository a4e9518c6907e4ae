"""URLs of the conferences pages; included by web/urls.py under the "web" namespace."""

urlpatterns: list = []
