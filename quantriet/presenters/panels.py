"""What the presenters app shows on other apps' pages, through `core.registry` (see apps.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from quantriet.orgs.models import Person
from quantriet.presenters import access


def person_presenter_link(request: HttpRequest, person: Person) -> dict[str, Any] | None:
    """On a person's page: their presenter profile when the user may see it, or the way to
    recognise them when the user manages a corps that could take them; nothing otherwise."""
    presenter = access.visible_presenters(request.user).filter(person=person).first()
    if presenter is not None:
        return {"presenter": presenter, "person": person}
    if access.can_manage(request.user, person.org):
        return {"presenter": None, "person": person}
    return None
