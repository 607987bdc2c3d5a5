"""The monitoring page: a document's implementation across the user's organisations."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from quantriet.documents.access import visible_documents
from quantriet.programs import access, selectors
from quantriet.programs.models import Program


@login_required
def monitoring(request: HttpRequest) -> HttpResponse:
    roots = access.managed_roots(request.user)
    if not roots:
        raise PermissionDenied
    # Documents that have programmes somewhere the user can see.
    documents = list(
        visible_documents(request.user)
        .filter(pk__in=Program.objects.values("document_id"))
        .order_by("-issued_on", "number")
    )
    document = next((d for d in documents if str(d.pk) == request.GET.get("document")), None)
    document = document or (documents[0] if documents else None)
    root = next(
        (o for o in roots if str(o.pk) == request.GET.get("org")), roots[0] if roots else None
    )
    rows = selectors.monitoring(document, root, timezone.localdate()) if document and root else []
    missing = [r for r in rows if not r.adopted]
    return render(
        request,
        "programs/monitoring.html",
        {
            "documents": documents,
            "document": document,
            "roots": roots,
            "root": root,
            "rows": rows,
            "missing": missing,
            "top": rows[0] if rows else None,
        },
    )
