from django.http import HttpRequest
from ninja import Query, Router, Schema

from quantriet.api.common import PageParams, paginate
from quantriet.core.text import fold
from quantriet.orgs import access

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
