"""Settings of the django-scim2 test server: SQLite in SCIM_DB (default in the
working directory), loopback only, bearer token from SCIM_TOKEN."""
import os

SECRET_KEY = "test-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django_scim",
    "scimapp",
]
MIDDLEWARE = [
    "scimapp.auth.BearerTokenMiddleware",
    "django_scim.middleware.SCIMAuthCheckMiddleware",
]
ROOT_URLCONF = "urls"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SCIM_DB", "scim.sqlite3"),
    }
}
AUTH_USER_MODEL = "scimapp.User"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
SCIM_SERVICE_PROVIDER = {
    "NETLOC": "127.0.0.1",
    "SCHEME": "http",
    "GROUP_MODEL": "scimapp.models.Group",
    "AUTHENTICATION_SCHEMES": [
        {
            "type": "oauthbearertoken",
            "name": "OAuth Bearer Token",
            "description": "Authentication scheme using the OAuth Bearer Token Standard",
        }
    ],
    "WWW_AUTHENTICATE_HEADER": 'Bearer realm="django-scim2"',
}
