from datetime import datetime

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import AuthenticationError, Throttled

from quantriet.api.auth import issue_token
from quantriet.api.common import ErrorOut

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str
    expires_at: datetime


@router.post("/auth/token", auth=None, response={200: TokenOut, 401: ErrorOut, 429: ErrorOut})
def create_token(request: HttpRequest, payload: TokenIn) -> dict[str, object]:
    user = authenticate(request, username=payload.username, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        # Answer in the API's own error shape; stop axes' middleware replacing the body.
        request.axes_locked_out = False  # type: ignore[attr-defined]
        raise Throttled(wait=None)
    if user is None or not user.is_active:
        raise AuthenticationError(message=_("Sai tên đăng nhập hoặc mật khẩu."))
    key, token = issue_token(user)
    return {"token": key, "expires_at": token.expires_at}
