"""URLs of the orders pages; included by web/urls.py under the "web" namespace."""

urlpatterns: list = []
