"""POST /api/v1/people/import: the member-list import, validated then applied in one request."""

from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from quantriet.api.common import ErrorOut
from quantriet.orgs import access, importing

router = Router(tags=["people"])


class ImportRowError(Schema):
    row: int | None
    field: str | None
    message: str


class ImportOut(Schema):
    created: int
    updated: int
    errors: list[ImportRowError] = []


class ImportFailedOut(ImportOut):
    detail: str


@router.post(
    "/people/import",
    response={200: ImportOut, 400: ImportFailedOut, 403: ErrorOut},
    summary="Import a member list (.xlsx or .csv)",
)
def import_people(
    request: HttpRequest,
    file: File[UploadedFile],
    dry_run: bool = False,
    mode: Literal["create", "update"] = "create",
) -> Status[dict[str, Any]]:
    """Every row is checked first; any error → 400 with the rows, and nothing is written."""
    access.require_manage_people(request.user)
    try:
        importing.check_upload(file, file.name or "", file.size or 0)
        plan = importing.validate_file(
            user=request.user, file=file, name=file.name or "", mode=mode
        )
        if not plan.ok:
            return Status(400, _failed(plan.summary(), plan.errors))
        if dry_run:
            planned = {"created": len(plan.to_create), "updated": len(plan.to_update)}
            return Status(200, {**planned, "errors": []})
        created, updated = importing.apply_plan(plan)
    except importing.ImportFileError as exc:
        return Status(400, _failed(exc.message, [exc.as_dict()]))
    return Status(200, {"created": created, "updated": updated, "errors": []})


def _failed(detail: str, errors: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "detail": detail or _("Tệp có lỗi; chưa ghi dòng nào."),
        "created": 0,
        "updated": 0,
        "errors": errors,
    }
