"""Organisation and people pages. Every object comes through `access`: outside the user's
scope → 404, visible but not theirs to change → 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quantriet.core import registry
from quantriet.core.forms import add_service_errors
from quantriet.orgs import access, selectors, services
from quantriet.orgs.forms import (
    AccountForm,
    GrantForm,
    PeopleFilterForm,
    PersonForm,
)
from quantriet.orgs.models import Person

PEOPLE_PER_PAGE = 50


@login_required
def org_tree(request: HttpRequest) -> HttpResponse:
    return render(request, "orgs/org_tree.html", {"orgs": selectors.org_tree_for(request.user)})


@login_required
def org_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = access.get_org(request.user, pk)
    can_view_people = access.can_view_people(request.user, org)
    context = {
        "org": org,
        "ancestors": selectors.org_ancestors(request.user, org),
        "children": selectors.org_children(request.user, org),
        "can_view_people": can_view_people,
        "headcount": selectors.subtree_headcount(request.user, org) if can_view_people else None,
        "can_manage_people": access.can_manage_people(request.user, org),
    }
    return render(request, "orgs/org_detail.html", context)


@login_required
def people_list(request: HttpRequest) -> HttpResponse:
    form = PeopleFilterForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        people = Person.objects.none()
    else:
        data = form.cleaned_data if form.is_bound else {}
        people = selectors.people_for(
            request.user,
            org=data.get("org"),
            category=data.get("category", ""),
            q=data.get("q", ""),
        )
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "can_manage_people": access.can_manage_people(request.user),
    }
    return render(request, "orgs/person_list.html", context)


def _person_page(
    request: HttpRequest,
    person: Person,
    *,
    account_form: AccountForm | None = None,
    grant_form: GrantForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_manage_accounts = access.can_manage_accounts(request.user, person.org)
    if can_manage_accounts:
        account_form = account_form or AccountForm()
        grant_form = grant_form or GrantForm(user=request.user)
    context = {
        "person": person,
        "can_edit": access.can_manage_people(request.user, person.org),
        "can_manage_accounts": can_manage_accounts,
        # What other apps add to the page's header (the presenter profile…): `core.registry`.
        "panels": registry.render_panels("orgs.person_detail", request, person),
        # Each grant with whether this user may revoke it (their admin scope covers its org).
        "grants": [
            (grant, access.can_manage_accounts(request.user, grant.org))
            for grant in (selectors.grants_of(request.user, person.user) if person.user_id else [])
        ],
        "account_form": account_form,
        "grant_form": grant_form,
    }
    return render(request, "orgs/person_detail.html", context, status=status)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_page(request, access.get_person(request.user, pk))


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    access.require_manage_people(request.user)
    initial = {}
    if request.GET.get("org"):
        initial["org"] = access.org_for(request.user, request.GET["org"], access.MANAGE_PEOPLE)
    form = PersonForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.create_person(**form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Đã thêm %(name)s vào danh sách.") % {"name": person.full_name}
            )
            return redirect("orgs:person", pk=person.pk)
    return render(request, "orgs/person_form.html", {"form": form, "person": None})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.get_person_to_manage(request.user, pk)
    form = PersonForm(request.POST or None, user=request.user, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin của %(name)s.") % {"name": person})
            return redirect("orgs:person", pk=person.pk)
    # The form has changed the instance in memory; show the stored name in the heading.
    person.refresh_from_db(fields=["full_name"])
    return render(request, "orgs/person_form.html", {"form": form, "person": person})


def _person_for_accounts(request: HttpRequest, pk: int) -> Person:
    person = access.get_person(request.user, pk)
    access.require_manage_accounts(request.user, person.org)
    return person


@login_required
@require_POST
def person_account_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_accounts(request, pk)
    form = AccountForm(request.POST)
    if form.is_valid():
        try:
            user = services.create_account(person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã tạo tài khoản đăng nhập “%(username)s” cho %(name)s.")
                % {"username": user.username, "name": person.full_name},
            )
            return redirect("orgs:person", pk=person.pk)
    return _person_page(request, person, account_form=form, status=400)


@login_required
@require_POST
def person_grant_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_accounts(request, pk)
    if person.user is None:
        messages.error(request, _("Người này chưa có tài khoản đăng nhập để phân quyền."))
        return redirect("orgs:person", pk=person.pk)
    form = GrantForm(request.POST, user=request.user)
    if not form.is_valid():
        return _person_page(request, person, grant_form=form, status=400)
    grant = services.grant_role(account=person.user, granted_by=request.user, **form.cleaned_data)
    access.forget_scope(request.user)
    messages.success(
        request,
        _("Đã giao vai trò “%(role)s” trên %(org)s.")
        % {"role": grant.get_role_display(), "org": grant.org.name},
    )
    return redirect("orgs:person", pk=person.pk)


@login_required
@require_POST
def person_grant_revoke(request: HttpRequest, pk: int, grant_pk: int) -> HttpResponse:
    person = access.get_person(request.user, pk)
    grant = access.get_grant_to_manage(request.user, grant_pk)
    if person.user_id is None or grant.account_id != person.user_id:
        raise Http404
    role, org_name = grant.get_role_display(), grant.org.name
    services.revoke_role(grant=grant)
    access.forget_scope(request.user)
    messages.success(
        request, _("Đã thu hồi vai trò “%(role)s” trên %(org)s.") % {"role": role, "org": org_name}
    )
    return redirect(reverse("orgs:person", kwargs={"pk": person.pk}))
