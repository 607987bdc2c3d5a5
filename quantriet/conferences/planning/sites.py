"""Connected sites (điểm cầu): one host, many connected, added one by one or one per organisation."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from quantriet.conferences import access
from quantriet.conferences.models import (
    CheckIn,
    Conference,
    Invitation,
    Site,
    new_site_code,
)
from quantriet.conferences.planning.invitations import (
    managed_org_ids,
    nearest_path,
    place_invitations,
    targets_of,
)
from quantriet.core.validation import clean_fields
from quantriet.orgs.models import Org


def site_name_for(org: Org) -> str:
    # A site's name is data, kept in Vietnamese whatever language the planner reads; a long
    # organisation name is cut to the column (PostgreSQL would refuse the row).
    return f"Điểm cầu {org.name}"[: Site._meta.get_field("name").max_length]


# --- sites ------------------------------------------------------------------------


def operator_choices(user: User) -> QuerySet[User]:
    """Accounts a manager may make site operators: people or role holders of their scope."""
    scope = access.scope_for(user)
    if scope.is_superuser:
        return User.objects.filter(is_active=True)
    q = scope.path_q(access.MANAGE_CONFERENCES, prefix="person__org__") | scope.path_q(
        access.MANAGE_CONFERENCES, prefix="grants__org__"
    )
    return User.objects.filter(q, is_active=True).distinct()


def _check_operators(user: User, operators: Iterable[User], site: Site | None = None) -> list[User]:
    """Operators from the manager's scope; a site's current operators may stay."""
    operators = list(operators)
    ids = {op.pk for op in operators}
    if site is not None:
        ids -= set(site.operators.values_list("pk", flat=True))
    if ids and operator_choices(user).filter(pk__in=ids).count() != len(ids):
        raise ValidationError({"operators": _("Có tài khoản vận hành không tìm thấy.")})
    return operators


def _make_host(conference: Conference, site: Site) -> None:
    Site.objects.filter(conference=conference, is_host=True).exclude(pk=site.pk).update(
        is_host=False
    )
    site.is_host = True


def add_site(
    *,
    user: User,
    conference: Conference,
    org: Org,
    name: str = "",
    address: str = "",
    expected: int = 0,
    is_host: bool = False,
    operators: Iterable[User] = (),
) -> Site:
    """Add a connected site; the first one becomes the host. Unpinned invitees are re-placed."""
    access.require_manage_conference(user, conference)
    errors: dict[str, list[str]] = {}
    if org is None or org.pk not in managed_org_ids(user, [org.pk]):
        errors["org"] = [_("Không tìm thấy tổ chức, hoặc đồng chí không quản lý tổ chức này.")]
    elif Site.objects.filter(conference=conference, org=org).exists():
        errors["org"] = [_("Tổ chức này đã có điểm cầu trong hội nghị.")]
    if expected is not None and expected < 0:
        errors["expected"] = [_("Số người dự kiến không được âm.")]
    name, address, expected = (name or "").strip(), address or "", expected or 0
    clean_fields(
        Site, {"address": address, "expected": expected, **({"name": name} if name else {})}, errors
    )
    if errors:
        raise ValidationError(errors)
    operators = _check_operators(user, operators)
    with transaction.atomic():
        site = Site(
            conference=conference,
            org=org,
            name=name or site_name_for(org),
            address=address,
            expected=expected,
            code=_unused_codes(conference, 1)[0],
        )
        if is_host or not Site.objects.filter(conference=conference, is_host=True).exists():
            _make_host(conference, site)
        site.save()
        site.operators.set(operators)
        place_invitations(conference)
    return site


def update_site(*, user: User, site: Site, changes: Mapping[str, Any]) -> None:
    """Change name, address, expected, host flag or operators (the organisation stays)."""
    conference = site.conference
    access.require_manage_conference(user, conference)
    errors: dict[str, list[str]] = {}
    if changes.get("expected") is not None and changes["expected"] < 0:
        errors["expected"] = [_("Số người dự kiến không được âm.")]
    values = {
        name: changes[name]
        for name in ("name", "address", "expected")
        if changes.get(name) is not None
    }
    if "name" in values:
        values["name"] = values["name"].strip()
    # An empty name becomes "Điểm cầu <organisation>" below.
    clean_fields(Site, {k: v for k, v in values.items() if v != "" or k != "name"}, errors)
    if errors:
        raise ValidationError(errors)
    operators = changes.get("operators")
    if operators is not None:
        operators = _check_operators(user, operators, site)
    with transaction.atomic():
        for name, value in values.items():
            setattr(site, name, value)
        site.name = site.name.strip() or site_name_for(site.org)
        if changes.get("is_host") and not site.is_host:
            _make_host(conference, site)
        elif changes.get("is_host") is False and site.is_host:
            raise ValidationError(
                {"is_host": _("Mỗi hội nghị cần một điểm cầu chính: hãy chọn điểm cầu chính khác.")}
            )
        site.save()
        if operators is not None:
            site.operators.set(operators)


def set_host(*, user: User, site: Site) -> None:
    update_site(user=user, site=site, changes={"is_host": True})


def set_operators(*, user: User, site: Site, operators: Iterable[User]) -> None:
    update_site(user=user, site=site, changes={"operators": list(operators)})


def remove_site(*, user: User, site: Site) -> None:
    """Remove a site nobody is invited to or checked in at; a removed host hands over to another."""
    conference = site.conference
    access.require_manage_conference(user, conference)
    if CheckIn.objects.filter(conference_id=site.conference_id, site=site).exists():
        raise ValidationError(
            _("Không thể xóa điểm cầu “%(name)s” vì đã có người điểm danh tại đây.")
            % {"name": site.name}
        )
    if Invitation.objects.filter(site=site).exists():
        raise ValidationError(
            _(
                "Không thể xóa điểm cầu “%(name)s” vì vẫn còn người được mời tại đây. "
                "Hãy chuyển họ sang điểm cầu khác hoặc sửa quy tắc mời trước."
            )
            % {"name": site.name}
        )
    with transaction.atomic():
        was_host = site.is_host
        site.delete()
        if was_host:
            heir = Site.objects.filter(conference=conference).order_by("name", "id").first()
            if heir is not None:
                heir.is_host = True
                heir.save(update_fields=["is_host"])


def _unused_codes(conference: Conference, count: int) -> list[str]:
    taken = set(Site.objects.filter(conference=conference).values_list("code", flat=True))
    codes: list[str] = []
    while len(codes) < count:
        code = new_site_code()
        if code not in taken:
            taken.add(code)
            codes.append(code)
    return codes


def add_sites_for_orgs(*, user: User, conference: Conference, orgs: Iterable[Org]) -> list[Site]:
    """One site per organisation in one go ("Điểm cầu <name>"), skipping those that have one.

    `expected` is the number of invitees the rules would place there. Returns the new sites.
    """
    access.require_manage_conference(user, conference)
    orgs = list({org.pk: org for org in orgs}.values())
    if not orgs:
        raise ValidationError({"orgs": _("Hãy chọn ít nhất một tổ chức.")})
    allowed = managed_org_ids(user, [org.pk for org in orgs])
    if len(allowed) != len(orgs):
        raise ValidationError(
            {"orgs": _("Có tổ chức không tìm thấy, hoặc đồng chí không quản lý tổ chức đó.")}
        )
    with transaction.atomic():
        existing = dict(
            Site.objects.filter(conference=conference).values_list("org__path", "is_host")
        )
        new_orgs = [org for org in orgs if org.path not in existing]
        if not new_orgs:
            return []
        paths = dict.fromkeys(existing, -1) | {org.path: org.pk for org in new_orgs}
        counts: dict[int, int] = defaultdict(int)
        for _pk, path in targets_of(conference).items():
            best = nearest_path(path, paths)
            if best is not None:
                counts[paths[best]] += 1
        has_host = any(existing.values())
        host_org = next((org for org in new_orgs if org.pk == conference.host_org_id), new_orgs[0])
        codes = _unused_codes(conference, len(new_orgs))
        sites = Site.objects.bulk_create(
            [
                Site(
                    conference=conference,
                    org=org,
                    name=site_name_for(org),
                    expected=counts.get(org.pk, 0),
                    is_host=not has_host and org is host_org,
                    code=code,
                )
                for org, code in zip(new_orgs, codes, strict=True)
            ]
        )
        place_invitations(conference)
    return sites
