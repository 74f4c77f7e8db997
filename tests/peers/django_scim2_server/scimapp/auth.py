"""Bearer-token authentication: a request with `Authorization: Bearer $SCIM_TOKEN`
acts as a service user; anything else is anonymous, which django-scim2's own
middleware refuses with 401."""
import os

from django.contrib.auth.models import AnonymousUser


class ServiceUser:
    is_authenticated = True
    is_active = True
    pk = 0


class BearerTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.token = os.environ.get("SCIM_TOKEN", "")

    def __call__(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        ok = bool(self.token) and header == f"Bearer {self.token}"
        request.user = ServiceUser() if ok else AnonymousUser()
        return self.get_response(request)
