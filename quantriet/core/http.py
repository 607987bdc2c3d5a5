"""Small request helpers shared by pages and the API."""

from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address as the server saw it (what download logs record)."""
    return request.META.get("REMOTE_ADDR") or None
