"""Who may see and change documents. Builds on `quantriet.orgs.access`, the one source of scope.

An unmarked document is visible to every logged-in user. A marked one (Mật, Tối mật) exists only
for superusers, the user who registered it, and holders of a role that a circulation row names
(any role when blank) on an organisation inside that row's subtree. Everything that shows a
document goes through `visible_documents`, so a document outside scope is a 404 everywhere.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from quantriet.documents.models import Attachment, Circulation, Document
from quantriet.orgs.access import MANAGE_DOCUMENTS, get_visible_or_404, orgs_for, scope_for
from quantriet.orgs.models import Org, Role, ancestor_paths


def circulation_q(user: User | AnonymousUser) -> Q:
    """Documents whose circulation reaches one of the user's grants (one SQL `EXISTS`)."""
    scope = scope_for(user)
    if not scope.grants:
        return Q(pk__in=[])
    reach = Q(pk__in=[])
    for role, path in scope.grants:
        reach |= Q(org__path__in=ancestor_paths(path), role__in=["", role])
    return Q(Exists(Circulation.objects.filter(reach, document=OuterRef("pk"))))


def visible_documents(user: User | AnonymousUser) -> QuerySet[Document]:
    if not user.is_authenticated:
        return Document.objects.none()
    scope = scope_for(user)
    if scope.is_superuser:
        return Document.objects.all()
    return Document.objects.filter(Q(secrecy="") | Q(created_by=user) | circulation_q(user))


def get_document(user: User | AnonymousUser, pk: object) -> Document:
    return get_visible_or_404(
        visible_documents(user).select_related("level", "issuing_org", "created_by"), pk
    )


def visible_attachments(user: User | AnonymousUser) -> QuerySet[Attachment]:
    return Attachment.objects.filter(document__in=visible_documents(user))


def get_attachment(user: User | AnonymousUser, pk: object) -> Attachment:
    return get_visible_or_404(visible_attachments(user).select_related("document"), pk)


# --- changes ----------------------------------------------------------------


def can_register_documents(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and scope_for(user).has_role(MANAGE_DOCUMENTS)


def require_register_documents(user: User | AnonymousUser) -> None:
    if not can_register_documents(user):
        raise PermissionDenied


def manageable_orgs(user: User | AnonymousUser) -> QuerySet[Org]:
    """Organisations a document editor may name as issuer or circulation."""
    return orgs_for(user, MANAGE_DOCUMENTS)


def manageable_orgs_q(user: User | AnonymousUser) -> Q:
    """The same as `manageable_orgs`, as a filter on Org to combine with others."""
    return scope_for(user).path_q(MANAGE_DOCUMENTS)


def can_use_org(user: User | AnonymousUser, org: Org) -> bool:
    return scope_for(user).has_role(MANAGE_DOCUMENTS, org)


def can_edit_document(user: User | AnonymousUser, document: Document) -> bool:
    """Admins edit any visible document; officers those they registered or their subtree issued."""
    if not user.is_authenticated:
        return False
    scope = scope_for(user)
    if scope.is_superuser or scope.has_role([Role.ADMIN]):
        return True
    if not scope.has_role([Role.OFFICER]):
        return False
    if document.created_by_id == user.pk:
        return True
    issuing = document.issuing_org
    return issuing is not None and scope.has_role([Role.OFFICER], issuing)


def require_edit_document(user: User | AnonymousUser, document: Document) -> None:
    """Call on a document already fetched through `visible_documents` (else it is a 404)."""
    if not can_edit_document(user, document):
        raise PermissionDenied
