"""URLs of the casework pages; included by web/urls.py under the "web" namespace."""

urlpatterns: list = []
