"""Notifying people: once per event, in the app and by e-mail (Django's e-mail backend)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from quantriet.notifications.models import Notification


def notify(user: User, *, key: str, title: str, body: str = "", url: str = "") -> bool:
    """Create the notification unless this event was already notified; e-mail it when new.
    → True when it was new."""
    try:
        with transaction.atomic():
            Notification.objects.create(user=user, key=key, title=title, body=body, url=url)
    except IntegrityError:
        return False
    if user.email:
        send_mail(title, f"{body}\n\n{url}".strip(), None, [user.email], fail_silently=True)
    return True


def mark_read(user: User, pk: int | None = None) -> int:
    """Mark one notification (or all) of this user read; → how many changed."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(read_at=timezone.now())


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
