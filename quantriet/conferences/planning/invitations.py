"""Invitations: rules, the recomputed list, placement at the nearest site, moves.

`recompute_invitations` diffs the list in a fixed number of queries whatever its size and never
drops someone whose attendance (check-in or make-up study) is already recorded.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext as _

from quantriet.conferences import access
from quantriet.conferences.models import (
    CheckIn,
    Conference,
    Invitation,
    InvitationRule,
    MakeUp,
    Site,
)
from quantriet.orgs.access import orgs_for, visible_people
from quantriet.orgs.models import Category, Org, Person, ancestor_paths


@dataclass(frozen=True)
class Changes:
    """What a recomputation did to the invitation list."""

    added: int = 0
    removed: int = 0
    moved: int = 0


def managed_org_ids(user: User, ids: Iterable[int]) -> set[int]:
    ids = set(ids)
    if not ids:
        return set()
    return set(
        orgs_for(user, access.MANAGE_CONFERENCES).filter(pk__in=ids).values_list("pk", flat=True)
    )


# --- invitations ------------------------------------------------------------------------

# Ids per UPDATE, well under every backend's limit on query parameters.
CHUNK = 900


def targets_of(conference: Conference) -> dict[int, str]:
    """{person id: org path} of everyone the rules invite (three queries, any list size)."""
    rules = list(
        InvitationRule.objects.filter(conference=conference).values_list(
            "id", "include_subtree", "categories"
        )
    )
    if not rules:
        return {}
    paths: dict[int, list[tuple[int, str]]] = defaultdict(list)
    through = InvitationRule.orgs.through.objects.filter(invitationrule__conference=conference)
    for rule_id, org_id, path in through.values_list("invitationrule_id", "org_id", "org__path"):
        paths[rule_id].append((org_id, path))
    q = Q(pk__in=[])
    for rule_id, include_subtree, categories in rules:
        if not paths[rule_id]:
            continue
        if include_subtree:
            where = Q(pk__in=[])
            for _org_id, path in paths[rule_id]:
                where |= Q(org__path__startswith=path)
        else:
            where = Q(org_id__in=[org_id for org_id, _path in paths[rule_id]])
        if categories:
            where &= Q(category__in=categories)
        q |= where
    return dict(Person.objects.filter(q).values_list("id", "org__path"))


def nearest_path(path: str, site_paths: Mapping[str, Any]) -> str | None:
    """The longest ancestor-or-self path of `path` that has a site."""
    for prefix in reversed(ancestor_paths(path)):
        if prefix in site_paths:
            return prefix
    return None


class _Placer:
    """Nearest site by organisation path, else the host site; built from one query."""

    def __init__(self, conference: Conference) -> None:
        rows = list(
            Site.objects.filter(conference=conference).values_list("id", "org__path", "is_host")
        )
        self.by_path = {path: pk for pk, path, _host in rows}
        hosts = [pk for pk, _path, host in rows if host]
        self.host_id = hosts[0] if hosts else (rows[0][0] if rows else None)

    def __bool__(self) -> bool:
        return self.host_id is not None

    def site_for(self, path: str) -> int | None:
        best = nearest_path(path, self.by_path)
        return self.by_path[best] if best is not None else self.host_id


def _move(moves: Mapping[int, int]) -> None:
    """Set site_id per invitation id in chunked single-statement UPDATEs."""
    items = list(moves.items())
    for start in range(0, len(items), CHUNK):
        chunk = items[start : start + CHUNK]
        groups: dict[int, list[int]] = defaultdict(list)
        for invitation_id, site_id in chunk:
            groups[site_id].append(invitation_id)
        Invitation.objects.filter(pk__in=[pk for pk, _site in chunk]).update(
            site_id=Case(*[When(pk__in=ids, then=Value(site)) for site, ids in groups.items()])
        )


def place_invitations(conference: Conference) -> int:
    """Move every unpinned invitation to its nearest site (after sites changed); returns moves."""
    placer = _Placer(conference)
    if not placer:
        return 0
    rows = Invitation.objects.filter(conference=conference, site_pinned=False).values_list(
        "id", "site_id", "person__org__path"
    )
    moves = {}
    for pk, site_id, path in rows:
        best = placer.site_for(path)
        if best != site_id:
            moves[pk] = best
    _move(moves)
    return len(moves)


def recompute_invitations(conference: Conference) -> Changes:
    """Bring the invitation list in line with the rules in a fixed number of queries.

    Adds missing invitees at their nearest site; removes rule invitations nobody targets any
    more unless that person already checked in or made up the study; keeps manual invitations
    and pinned sites; re-places unpinned invitations whose nearest site changed.
    """
    with transaction.atomic():
        targets = targets_of(conference)
        placer = _Placer(conference)
        if targets and not placer:
            raise ValidationError(
                _("Hội nghị chưa có điểm cầu nào: hãy thêm điểm cầu trước khi lập danh sách mời.")
            )
        attended = set(
            CheckIn.objects.filter(conference=conference)
            .order_by()
            .values_list("person_id", flat=True)
            .union(
                MakeUp.objects.filter(conference=conference)
                .order_by()
                .values_list("person_id", flat=True)
            )
        )
        rows = Invitation.objects.filter(conference=conference).values_list(
            "id", "person_id", "site_id", "source", "site_pinned", "person__org__path"
        )
        invited: set[int] = set()
        removed: list[int] = []
        moves: dict[int, int] = {}
        for pk, person_id, site_id, source, pinned, path in rows:
            invited.add(person_id)
            if (
                source == Invitation.Source.RULE
                and person_id not in targets
                and person_id not in attended
            ):
                removed.append(pk)
            elif not pinned:
                best = placer.site_for(path)
                if best != site_id:
                    moves[pk] = best  # type: ignore[assignment]
        new = [
            Invitation(
                conference=conference,
                person_id=person_id,
                site_id=placer.site_for(path),
                source=Invitation.Source.RULE,
            )
            for person_id, path in targets.items()
            if person_id not in invited
        ]
        for start in range(0, len(removed), CHUNK):
            # One DELETE, no per-row signals (like the bulk create and update beside it): a rule
            # change may drop thousands of rows, and nothing else hangs off an invitation.
            chunk = Invitation.objects.filter(pk__in=removed[start : start + CHUNK])
            chunk._raw_delete(chunk.db)
        _move(moves)
        Invitation.objects.bulk_create(new)
    return Changes(added=len(new), removed=len(removed), moved=len(moves))


def _check_rule(
    user: User, orgs: list[Org] | None, categories: list[str] | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if orgs is not None:
        if not orgs:
            errors["orgs"] = [_("Hãy chọn ít nhất một tổ chức.")]
        elif len(managed_org_ids(user, [org.pk for org in orgs])) != len({o.pk for o in orgs}):
            errors["orgs"] = [
                _("Có tổ chức không tìm thấy, hoặc đồng chí không quản lý tổ chức đó.")
            ]
    if categories is not None and not set(categories) <= set(Category.values):
        errors["categories"] = [_("Đối tượng không hợp lệ.")]
    return errors


def add_rule(
    *,
    user: User,
    conference: Conference,
    orgs: Iterable[Org],
    include_subtree: bool = True,
    categories: Iterable[str] = (),
) -> tuple[InvitationRule, Changes]:
    """Add an invitation rule and recompute the list."""
    access.require_manage_conference(user, conference)
    orgs, categories = list(orgs), list(dict.fromkeys(categories))
    errors = _check_rule(user, orgs, categories)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rule = InvitationRule.objects.create(
            conference=conference, include_subtree=include_subtree, categories=categories
        )
        rule.orgs.set(orgs)
        changes = recompute_invitations(conference)
    return rule, changes


def update_rule(
    *,
    user: User,
    rule: InvitationRule,
    orgs: Iterable[Org] | None = None,
    include_subtree: bool | None = None,
    categories: Iterable[str] | None = None,
) -> Changes:
    """Change a rule and recompute the list (attendance already recorded is never lost)."""
    access.require_manage_conference(user, rule.conference)
    orgs = list(orgs) if orgs is not None else None
    categories = list(dict.fromkeys(categories)) if categories is not None else None
    errors = _check_rule(user, orgs, categories)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if include_subtree is not None:
            rule.include_subtree = include_subtree
        if categories is not None:
            rule.categories = categories
        rule.save()
        if orgs is not None:
            rule.orgs.set(orgs)
        return recompute_invitations(rule.conference)


def remove_rule(*, user: User, rule: InvitationRule) -> Changes:
    access.require_manage_conference(user, rule.conference)
    with transaction.atomic():
        conference = rule.conference
        rule.delete()
        return recompute_invitations(conference)


def move_invitations(
    *, user: User, conference: Conference, invitations: Iterable[int], site: Site
) -> int:
    """Move invitees to `site` and pin them there, so re-computing keeps the officer's choice."""
    access.require_manage_conference(user, conference)
    if site.conference_id != conference.pk:
        raise ValidationError({"site": _("Điểm cầu không thuộc hội nghị này.")})
    ids = list(invitations)
    moved = 0
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            moved += Invitation.objects.filter(
                conference=conference, pk__in=ids[start : start + CHUNK]
            ).update(site=site, site_pinned=True)
    return moved


def add_manual_invitation(
    *, user: User, conference: Conference, person: Person, site: Site | None = None
) -> Invitation:
    """Invite one person outside the rules, at `site` or their nearest site."""
    access.require_manage_conference(user, conference)
    if not visible_people(user).filter(pk=person.pk).exists():
        raise ValidationError({"person": _("Không tìm thấy người được mời.")})
    if site is not None and site.conference_id != conference.pk:
        raise ValidationError({"site": _("Điểm cầu không thuộc hội nghị này.")})
    if Invitation.objects.filter(conference=conference, person=person).exists():
        raise ValidationError(
            {"person": _("%(name)s đã có trong danh sách mời.") % {"name": person.full_name}}
        )
    placer = _Placer(conference)
    site_id = site.pk if site is not None else placer.site_for(person.org.path)
    if site_id is None:
        raise ValidationError({"site": _("Hội nghị chưa có điểm cầu nào.")})
    return Invitation.objects.create(
        conference=conference,
        person=person,
        site_id=site_id,
        source=Invitation.Source.MANUAL,
        site_pinned=site is not None,
    )
