"""URLs of the actionplan pages; included by web/urls.py under the "web" namespace."""

urlpatterns: list = []
