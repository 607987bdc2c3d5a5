"""Changing the corps: recognising presenters and moving them through their life cycle."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from quantriet.presenters.models import TRANSITIONS, Presenter, Status, StatusChange


class CorpsError(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@transaction.atomic
def change_status(
    presenter: Presenter,
    to: str,
    *,
    reason: str,
    on: datetime.date,
    by: User | None,
    replaced_by: Presenter | None = None,
) -> StatusChange:
    """Move a presenter along the life cycle; the reason and date are kept in the history.
    Replacing names the successor, who becomes active if still a candidate."""
    reason = (reason or "").strip()
    if to not in Status.values:
        raise CorpsError(_("Trạng thái không hợp lệ."), field="status")
    if to not in TRANSITIONS[presenter.status]:
        raise CorpsError(
            _("Không thể chuyển từ “%(old)s” sang “%(new)s”.")
            % {"old": str(Status(presenter.status).label), "new": str(Status(to).label)},
            field="status",
        )
    if not reason:
        raise CorpsError(_("Cần ghi lý do thay đổi trạng thái."), field="reason")
    if to == Status.REPLACED:
        if replaced_by is None:
            raise CorpsError(_("Cần chọn người thay thế."), field="replaced_by")
        if replaced_by.pk == presenter.pk or replaced_by.status not in (
            Status.CANDIDATE,
            Status.ACTIVE,
        ):
            raise CorpsError(
                _("Người thay thế phải là người dự kiến hoặc đang hoạt động."),
                field="replaced_by",
            )
    change = StatusChange.objects.create(
        presenter=presenter,
        from_status=presenter.status,
        to_status=to,
        reason=reason,
        on=on,
        replaced_by=replaced_by if to == Status.REPLACED else None,
        by=by,
    )
    presenter.status = to
    if to == Status.REPLACED:
        presenter.replaced_by = replaced_by
        if replaced_by.status == Status.CANDIDATE:  # type: ignore[union-attr]
            change_status(
                replaced_by,  # type: ignore[arg-type]
                Status.ACTIVE,
                reason=_("Thay thế %(name)s") % {"name": presenter.person.full_name},
                on=on,
                by=by,
            )
    presenter.save(update_fields=["status", "replaced_by", "updated_at"])
    return change
