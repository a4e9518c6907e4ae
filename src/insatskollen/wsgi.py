import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "insatskollen.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402  (after the application has loaded the settings)

if settings.SECRET_KEY_MISSING:  # never serve on a key nobody set (see settings.SECRET_KEY_MISSING)
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Set it (a long random string, e.g. from "
        "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`), or set DJANGO_DEBUG=true for "
        "development only.")
