from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quantriet.notifications import services
from quantriet.notifications.models import Notification


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    qs = Notification.objects.filter(user=request.user)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    services.mark_read(request.user, pk)  # type: ignore[arg-type]
    target = Notification.objects.filter(user=request.user, pk=pk).values_list("url", flat=True)
    url = next(iter(target), "") if pk is not None else ""
    return redirect(url or "notifications:list")


@login_required
def badge(request: HttpRequest) -> HttpResponse:
    """The bell's number, fetched by the menu after the page loads (htmx): pages themselves
    spend no query on it."""
    count = services.unread_count(request.user)  # type: ignore[arg-type]
    return render(request, "notifications/_badge.html", {"count": count})
