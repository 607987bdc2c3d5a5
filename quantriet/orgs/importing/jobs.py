"""Member-list import as a background job: status and progress on an ImportJob row.

Progress is written with single-row UPDATEs outside any transaction, so a page (another
process) can read it; only the final write of the people is one transaction.
"""

from __future__ import annotations

import logging
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from quantriet.orgs.importing import (
    PREVIEW_ROWS,
    ImportFileError,
    Plan,
    Progress,
    _clean_row,
    apply_plan,
    validate_sheet,
)
from quantriet.orgs.importing.files import cell_text, read_sheet
from quantriet.orgs.models import Category, Gender, ImportJob

logger = logging.getLogger(__name__)

FINISHED = {ImportJob.Status.INVALID, ImportJob.Status.APPLIED, ImportJob.Status.FAILED}


def _save(job: ImportJob, **fields: Any) -> None:
    """Write job fields with one UPDATE, outside any long transaction, so pages see them."""
    for name, value in fields.items():
        setattr(job, name, value)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now(), **fields)


def _progress_for(job: ImportJob) -> Progress:
    def report(done: int, total: int) -> None:
        _save(job, processed_rows=done, total_rows=total)

    return report


def _check(job: ImportJob) -> Plan | None:
    """Validate the job's file with progress; None (job marked) when the file is unusable."""
    _save(job, processed_rows=0, total_rows=0, errors=[], message="")
    try:
        with job.file.open("rb") as handle:
            sheet = read_sheet(handle, job.original_name)
        _save(job, total_rows=len(sheet.rows))
        plan = validate_sheet(
            user=job.created_by, sheet=sheet, mode=job.mode, progress=_progress_for(job)
        )
    except ImportFileError as exc:
        _save(job, status=ImportJob.Status.INVALID, errors=[exc.as_dict()], message=exc.message)
        return None
    if not plan.ok:
        _save(
            job,
            status=ImportJob.Status.INVALID,
            errors=plan.errors,
            message=plan.summary(),
            created_count=0,
            updated_count=0,
        )
        return None
    return plan


def run_validation(job_id: int) -> str:
    """Dry run of a job: pending → validating → valid (planned counts) or invalid (errors)."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    try:
        return _validate(job)
    finally:
        _discard_file(job)


def run_apply(job_id: int) -> str:
    """Write a claimed job: validate again (the data may have moved), then all rows or none."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != ImportJob.Status.APPLYING:
        return job.status
    try:
        return _apply(job)
    finally:
        _discard_file(job)


def _validate(job: ImportJob) -> str:
    _save(job, status=ImportJob.Status.VALIDATING)
    try:
        plan = _check(job)
    except Exception:
        logger.exception("Member import %s failed while validating", job.pk)
        _save(job, status=ImportJob.Status.FAILED, message=_("Lỗi hệ thống khi kiểm tra tệp."))
        return job.status
    if plan is not None:
        _save(
            job,
            status=ImportJob.Status.VALID,
            created_count=len(plan.to_create),
            updated_count=len(plan.to_update),
        )
    return job.status


def start_apply(job: ImportJob) -> bool:
    """Claim a valid job for writing; False when it is not (or no longer) valid."""
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.VALID).update(
        status=ImportJob.Status.APPLYING, processed_rows=0, updated_at=timezone.now()
    )
    return bool(claimed)


def _apply(job: ImportJob) -> str:
    try:
        plan = _check(job)
        if plan is None:
            return job.status
        created, updated = apply_plan(plan)
    except ImportFileError as exc:
        _save(job, status=ImportJob.Status.FAILED, message=exc.message)
        return job.status
    except Exception:
        logger.exception("Member import %s failed while applying", job.pk)
        _save(
            job,
            status=ImportJob.Status.FAILED,
            message=_("Lỗi hệ thống khi ghi dữ liệu; chưa ghi dòng nào."),
        )
        return job.status
    _save(
        job,
        status=ImportJob.Status.APPLIED,
        created_count=created,
        updated_count=updated,
        message="",
    )
    return job.status


def preview(job: ImportJob, limit: int = PREVIEW_ROWS) -> list[dict[str, Any]]:
    """The first rows of a job's file as they will be written, for the page before applying."""
    try:
        with job.file.open("rb") as handle:
            sheet = read_sheet(handle, job.original_name, limit=limit)
    except (ImportFileError, OSError):
        return []
    scratch = Plan(mode=job.mode)
    rows = []
    for row_no, cells in sheet.rows:

        def get(column: str, cells: list[object] = cells) -> object:
            index = sheet.columns.get(column)
            return cells[index] if index is not None and index < len(cells) else None

        values, _ok = _clean_row(scratch, row_no, get)
        values["org"] = cell_text(get("org"))
        values["gender"] = Gender(values["gender"]).label if values.get("gender") else ""
        category = values.get("category", Category.PARTY_MEMBER)
        values["category"] = Category(category).label
        rows.append({"row": row_no, **values})
    return rows


def _discard_file(job: ImportJob) -> None:
    """A finished job keeps its counts and errors, not the member list itself (personal data)."""
    if job.status not in FINISHED or not job.file:
        return
    try:
        job.file.delete(save=False)
    except OSError:
        logger.warning("Could not delete the file of member import %s", job.pk)
    ImportJob.objects.filter(pk=job.pk).update(file="")
