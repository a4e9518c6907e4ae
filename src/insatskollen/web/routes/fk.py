"""URLs of the fk pages; included by web/urls.py under the "web" namespace."""

urlpatterns: list = []
