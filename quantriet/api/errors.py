"""One error shape for the whole API: {"detail": …, "errors": [{"field": …, "message": …}]}."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

# Pydantic's English messages, in words a Vietnamese user reads.
_PYDANTIC_MESSAGES = {
    "missing": "Trường này là bắt buộc.",
    "int_parsing": "Cần một số nguyên.",
    "int_type": "Cần một số nguyên.",
    "bool_parsing": "Cần giá trị đúng/sai.",
    "date_from_datetime_parsing": "Ngày không hợp lệ, cần dạng YYYY-MM-DD.",
    "date_parsing": "Ngày không hợp lệ, cần dạng YYYY-MM-DD.",
    "date_type": "Ngày không hợp lệ, cần dạng YYYY-MM-DD.",
    "datetime_parsing": "Thời gian không hợp lệ, cần dạng ISO 8601.",
    "datetime_from_date_parsing": "Thời gian không hợp lệ, cần dạng ISO 8601.",
    "string_type": "Cần một chuỗi ký tự.",
    "string_too_long": "Chuỗi quá dài.",
    "string_too_short": "Chuỗi quá ngắn.",
    "greater_than_equal": "Giá trị quá nhỏ.",
    "less_than_equal": "Giá trị quá lớn.",
    "greater_than": "Giá trị quá nhỏ.",
    "less_than": "Giá trị quá lớn.",
    "enum": "Giá trị không nằm trong danh sách cho phép.",
    "literal_error": "Giá trị không nằm trong danh sách cho phép.",
    "list_type": "Cần một danh sách.",
    "json_invalid": "Nội dung JSON không hợp lệ.",
    "model_attributes_type": "Nội dung gửi lên không đúng cấu trúc.",
    "uuid_parsing": "Cần một UUID.",
    "value_error": "Giá trị không hợp lệ.",
}


_SOURCES = {"body", "query", "path", "form", "file", "header", "cookie"}


def error_body(detail: str, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"detail": detail, "errors": errors or []}


def django_errors(exc: DjangoValidationError) -> list[dict[str, Any]]:
    """Flatten a Django ValidationError into field/message pairs (`__all__` → null field)."""
    if hasattr(exc, "error_dict"):
        return [
            {"field": None if field == "__all__" else field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"field": None, "message": message} for message in exc.messages]


def _ninja_errors(exc: NinjaValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors:
        # loc is ("body", "payload", "field"), ("query", "field") or ("file", "file"): drop the
        # source and the body parameter's name, keep what names the field.
        loc = [str(part) for part in err.get("loc", ())]
        if loc and loc[0] in _SOURCES:
            loc = loc[1:]
        loc = [part for part in loc if part != "payload"]
        message = _(_PYDANTIC_MESSAGES.get(err.get("type", ""), "")) or err.get("msg", "")
        if err.get("type") == "value_error" and err.get("ctx", {}).get("error"):
            message = str(err["ctx"]["error"])
        out.append({"field": ".".join(loc) or None, "message": message})
    return out


def install(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def on_schema_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return api.create_response(
            request, error_body(_("Dữ liệu gửi lên không hợp lệ."), _ninja_errors(exc)), status=400
        )

    @api.exception_handler(DjangoValidationError)
    def on_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return api.create_response(
            request, error_body(_("Dữ liệu gửi lên không hợp lệ."), django_errors(exc)), status=400
        )

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, error_body(_("Không tìm thấy.")), status=404)

    @api.exception_handler(PermissionDenied)
    def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(
            request, error_body(_("Đồng chí không có quyền thực hiện thao tác này.")), status=403
        )

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = exc.message if exc.message != "Unauthorized" else ""
        detail = message or _("Chưa đăng nhập, hoặc mã truy cập không hợp lệ hay đã hết hạn.")
        return api.create_response(request, error_body(detail), status=401)

    @api.exception_handler(Throttled)
    def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return api.create_response(
            request, error_body(_("Quá nhiều yêu cầu, vui lòng thử lại sau.")), status=429
        )

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, error_body(str(exc)), status=exc.status_code)
