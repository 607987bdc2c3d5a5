from datetime import date
from typing import Literal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from quantriet.api.common import ErrorOut, PageParams, paginate
from quantriet.core.text import fold
from quantriet.orgs import access, selectors, services
from quantriet.orgs.models import Category, Grant, Org, Person

router = Router(tags=["orgs"])


class OrgOut(Schema):
    id: int
    name: str
    short_name: str
    parent: int | None
    path: str
    depth: int
    kind: str
    kind_name: str
    level: str
    is_active: bool

    @staticmethod
    def resolve_parent(obj: object) -> int | None:
        return obj.parent_id  # type: ignore[attr-defined]

    @staticmethod
    def resolve_kind(obj: object) -> str:
        return obj.kind.code  # type: ignore[attr-defined]

    @staticmethod
    def resolve_kind_name(obj: object) -> str:
        return obj.kind.name  # type: ignore[attr-defined]

    @staticmethod
    def resolve_level(obj: object) -> str:
        return obj.level.code  # type: ignore[attr-defined]


class OrgPage(Schema):
    count: int
    items: list[OrgOut]


class OrgFilter(PageParams):
    parent: int | None = None
    q: str = ""


class GrantBrief(Schema):
    id: int
    role: str
    org: int
    org_name: str


class PersonBrief(Schema):
    id: int
    full_name: str
    org: int
    category: str


class MeOut(Schema):
    id: int
    username: str
    is_superuser: bool
    person: PersonBrief | None
    roles: list[GrantBrief]


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> dict[str, object]:
    user = request.user
    person = getattr(user, "person", None)
    grants = user.grants.select_related("org")  # type: ignore[union-attr]
    return {
        "id": user.pk,
        "username": user.get_username(),
        "is_superuser": user.is_superuser,
        "person": (
            {
                "id": person.pk,
                "full_name": person.full_name,
                "org": person.org_id,
                "category": person.category,
            }
            if person
            else None
        ),
        "roles": [
            {"id": g.pk, "role": g.role, "org": g.org_id, "org_name": g.org.name} for g in grants
        ],
    }


@router.get("/orgs", response=OrgPage)
def list_orgs(request: HttpRequest, filters: Query[OrgFilter]) -> dict[str, object]:
    qs = access.visible_orgs(request.user).select_related("kind", "level")
    if filters.parent is not None:
        qs = qs.filter(parent_id=filters.parent)
    if filters.q:
        qs = qs.filter(search_name__contains=fold(filters.q))
    return paginate(qs, filters)


@router.get("/orgs/{org_id}", response=OrgOut)
def get_org(request: HttpRequest, org_id: int) -> object:
    return access.get_visible_or_404(
        access.visible_orgs(request.user).select_related("kind", "level"), org_id
    )


# --- people -------------------------------------------------------------------------


class PersonOut(Schema):
    id: int
    full_name: str
    gender: str
    date_of_birth: date | None
    category: str
    party_card_no: str | None
    org: int
    org_name: str
    position: str
    phone: str
    email: str
    address: str
    user: int | None

    @staticmethod
    def resolve_org(obj: Person) -> int:
        return obj.org_id

    @staticmethod
    def resolve_org_name(obj: Person) -> str:
        return obj.org.name

    @staticmethod
    def resolve_user(obj: Person) -> int | None:
        return obj.user_id


class PersonPage(Schema):
    count: int
    items: list[PersonOut]


class PersonFilter(PageParams):
    org: int | None = None
    category: str = ""
    q: str = ""


class PersonIn(Schema):
    full_name: str
    org: int
    gender: str = ""
    date_of_birth: date | None = None
    category: str = Category.PARTY_MEMBER
    party_card_no: str | None = None
    position: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    user: int | None = None


class PersonPatch(Schema):
    full_name: str | None = None
    org: int | None = None
    gender: str | None = None
    date_of_birth: date | None = None
    category: str | None = None
    party_card_no: str | None = None
    position: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    user: int | None = None


def _org_field(request: HttpRequest, org_id: object) -> Org:
    org = access.org_for(request.user, org_id, access.MANAGE_PEOPLE)
    if org is None:
        raise ValidationError(
            {"org": _("Tổ chức không có hoặc nằm ngoài phạm vi đồng chí quản lý.")}
        )
    return org


def _user_field(request: HttpRequest, org: Org, user_id: int | None) -> User | None:
    """Linking a log-in to a person widens what that log-in sees: administrators only."""
    access.require_manage_accounts(request.user, org)
    if user_id is None:
        return None
    account = access.account_for(request.user, user_id)
    if account is None:
        raise ValidationError(
            {"user": _("Tài khoản không có hoặc nằm ngoài phạm vi của đồng chí.")}
        )
    return account


@router.get("/people", response=PersonPage)
def list_people(request: HttpRequest, filters: Query[PersonFilter]) -> dict[str, object]:
    org = None
    if filters.org is not None:
        # A filter on an organisation the caller cannot see simply matches nobody.
        org = access.visible_orgs(request.user).filter(pk=filters.org).first()
        if org is None:
            return {"count": 0, "items": []}
    qs = selectors.people_for(request.user, org=org, category=filters.category, q=filters.q)
    return paginate(qs, filters)


@router.post("/people", response={201: PersonOut, 400: ErrorOut, 403: ErrorOut})
def create_person(request: HttpRequest, payload: PersonIn) -> Status[Person]:
    access.require_manage_people(request.user)
    data = payload.dict()
    org = _org_field(request, data.pop("org"))
    if data.get("user") is not None:
        data["user"] = _user_field(request, org, data["user"])
    person = services.create_person(org=org, **data)
    return Status(201, person)


@router.get("/people/{person_id}", response={200: PersonOut, 404: ErrorOut})
def get_person(request: HttpRequest, person_id: int) -> Person:
    return access.get_person(request.user, person_id)


@router.patch(
    "/people/{person_id}", response={200: PersonOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def update_person(request: HttpRequest, person_id: int, payload: PersonPatch) -> Person:
    person = access.get_person_to_manage(request.user, person_id)
    changes = payload.dict(exclude_unset=True)
    if "org" in changes:
        changes["org"] = _org_field(request, changes["org"])
    if "user" in changes and changes["user"] != person.user_id:
        changes["user"] = _user_field(request, person.org, changes["user"])
    else:
        changes.pop("user", None)
    return services.update_person(person=person, **changes)


# --- accounts and roles ---------------------------------------------------------------


class AccountIn(Schema):
    person: int
    username: str
    password: str


class AccountOut(Schema):
    id: int
    username: str
    person: int


@router.post("/accounts", response={201: AccountOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut})
def create_account(request: HttpRequest, payload: AccountIn) -> Status[dict[str, object]]:
    access.require_manage_accounts(request.user)
    person = access.get_person(request.user, payload.person)
    access.require_manage_accounts(request.user, person.org)
    user = services.create_account(
        person=person, username=payload.username, password=payload.password
    )
    return Status(201, {"id": user.pk, "username": user.username, "person": person.pk})


class GrantOut(Schema):
    id: int
    account: int
    username: str
    role: str
    org: int
    org_name: str

    @staticmethod
    def resolve_account(obj: Grant) -> int:
        return obj.account_id

    @staticmethod
    def resolve_username(obj: Grant) -> str:
        return obj.account.username

    @staticmethod
    def resolve_org(obj: Grant) -> int:
        return obj.org_id

    @staticmethod
    def resolve_org_name(obj: Grant) -> str:
        return obj.org.name


class GrantPage(Schema):
    count: int
    items: list[GrantOut]


class GrantFilter(PageParams):
    account: int | None = None


class GrantIn(Schema):
    account: int
    role: Literal["admin", "officer", "operator", "presenter", "member"]
    org: int


@router.get("/grants", response=GrantPage)
def list_grants(request: HttpRequest, filters: Query[GrantFilter]) -> dict[str, object]:
    return paginate(selectors.grants_for(request.user, account=filters.account), filters)


@router.post("/grants", response={201: GrantOut, 400: ErrorOut, 403: ErrorOut})
def create_grant(request: HttpRequest, payload: GrantIn) -> Status[Grant]:
    access.require_manage_accounts(request.user)
    errors = {}
    org = access.org_for(request.user, payload.org, access.MANAGE_ACCOUNTS)
    if org is None:
        errors["org"] = _("Tổ chức không có hoặc nằm ngoài phạm vi đồng chí quản trị.")
    account = access.account_for(request.user, payload.account)
    if account is None:
        errors["account"] = _("Tài khoản không có hoặc nằm ngoài phạm vi của đồng chí.")
    if errors:
        raise ValidationError(errors)
    grant = services.grant_role(
        account=account, role=payload.role, org=org, granted_by=request.user
    )
    if account.pk == request.user.pk:
        access.forget_scope(request.user)
    return Status(201, grant)


@router.delete("/grants/{grant_id}", response={204: None, 403: ErrorOut, 404: ErrorOut})
def delete_grant(request: HttpRequest, grant_id: int) -> Status[None]:
    grant = access.get_grant_to_manage(request.user, grant_id)
    services.revoke_role(grant=grant)
    access.forget_scope(request.user)
    return Status(204, None)
