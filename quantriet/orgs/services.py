"""Writes to organisations, people and roles. Callers have already checked access."""

from django.contrib.auth.models import User
from django.db import transaction

from quantriet.orgs.models import Grant, Org, OrgKind, OrgLevel


@transaction.atomic
def create_org(
    *, name: str, kind: OrgKind, level: OrgLevel, parent: Org | None = None, **fields: object
) -> Org:
    """Add an organisation under `parent` (a root when None), keeping `path` and `parent` in step."""
    create = {"name": name, "kind": kind, "level": level, "parent": parent, **fields}
    if parent is None:
        return Org.objects.add_root(create)
    # treebeard reads the parent's numchild to place the new path; use the stored value.
    parent.refresh_from_db(fields=["path", "depth", "numchild"])
    return Org.objects.add_child(parent, create)


def grant_role(*, account: User, role: str, org: Org, granted_by: User | None = None) -> Grant:
    grant, _created = Grant.objects.get_or_create(
        account=account, role=role, org=org, defaults={"granted_by": granted_by}
    )
    return grant
