import time
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from quantriet.api.models import ApiToken
from quantriet.core.instances import from_values

# Scanners send a request per check-in: remember a verified token briefly instead of reading it
# from the database every time. A revoked token or a deactivated user is refused again after at
# most TOKEN_CACHE_SECONDS in each worker; a token's own expiry is always checked.
TOKEN_CACHE_SECONDS = 30
TOKEN_CACHE_SIZE = 10_000
_verified: dict[str, tuple[tuple[object, ...], datetime, float]] = {}


def _user_from(values: tuple[object, ...]) -> User:
    """A fresh User each request: request-scoped caches (the access scope) live on the object.
    `values` are the concrete fields' values in order."""
    return from_values(User, values, adding=False, db="default")


class BearerAuth(HttpBearer):
    def __call__(self, request: HttpRequest) -> User | None:
        """HttpBearer's own reading of the header, from META: `request.headers` would first
        copy every header of the request (a hot path: a request per scan)."""
        auth_value = request.META.get("HTTP_AUTHORIZATION")
        if not auth_value:
            return None
        parts = auth_value.split(" ")
        if parts[0].lower() != self.openapi_scheme:
            return super().__call__(request)  # logs it under DEBUG, as HttpBearer does
        return self.authenticate(request, " ".join(parts[1:]))

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        key_hash = ApiToken.hash(token)
        now = timezone.now()
        hit = _verified.get(key_hash)
        if hit is not None and hit[1] > now and hit[2] > time.monotonic():
            user = _user_from(hit[0])
        else:
            row = (
                ApiToken.objects.select_related("user")
                .filter(key_hash=key_hash, expires_at__gt=now, user__is_active=True)
                .first()
            )
            if row is None:
                _verified.pop(key_hash, None)
                return None
            if len(_verified) >= TOKEN_CACHE_SIZE:
                _verified.clear()
            values = tuple(getattr(row.user, f.attname) for f in User._meta.concrete_fields)
            _verified[key_hash] = (values, row.expires_at, time.monotonic() + TOKEN_CACHE_SECONDS)
            user = row.user
        request.user = user
        return user


def forget_tokens() -> None:
    """Drop every remembered token (tests, and after revoking tokens in this process)."""
    _verified.clear()


def issue_token(user: User) -> tuple[str, ApiToken]:
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user,
        key_hash=ApiToken.hash(key),
        expires_at=timezone.now() + timedelta(hours=settings.API_TOKEN_TTL_HOURS),
    )
    return key, token


# Browsers logged in to the site may call the API with their session (CSRF-checked).
AUTH = [BearerAuth(), django_auth]
