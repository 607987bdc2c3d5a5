"""Shared API pieces: list pagination in the contract's shape."""

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from ninja import Field, Schema


class PageParams(Schema):
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=500)


T = TypeVar("T")


class ListOut(Schema, Generic[T]):
    """An unpaged list in the contract's shape (`ListOut[SiteOut]`): a conference's sites, a
    document's attachments… — lists short enough to send whole."""

    count: int
    items: list[T]


def whole_list(items: Iterable[Any]) -> dict[str, Any]:
    """`{"count": n, "items": [...]}` for a list sent whole."""
    rows = list(items)
    return {"count": len(rows), "items": rows}


def paginate(queryset: QuerySet[Any], params: PageParams) -> dict[str, Any]:
    """`{"count": n, "items": [...]}` for one page; two queries whatever the page size."""
    start = (params.page - 1) * params.page_size
    return {"count": queryset.count(), "items": list(queryset[start : start + params.page_size])}


class ErrorItem(Schema):
    field: str | None
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem] = []


# The refusals most endpoints document: bad input, not allowed, not visible.
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
