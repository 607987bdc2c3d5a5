from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from quantriet.api.models import ApiToken


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        row = (
            ApiToken.objects.select_related("user")
            .filter(
                key_hash=ApiToken.hash(token), expires_at__gt=timezone.now(), user__is_active=True
            )
            .first()
        )
        if row is None:
            return None
        request.user = row.user
        return row.user


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
