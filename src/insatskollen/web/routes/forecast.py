"""URLs of the forecast pages; included by web/urls.py under the "web" namespace."""

urlpatterns: list = []
