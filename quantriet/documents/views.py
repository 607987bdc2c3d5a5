"""Pages of the documents registry. Every document is fetched through `access`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quantriet.core import registry
from quantriet.core.files import file_response
from quantriet.core.forms import add_service_errors
from quantriet.core.http import client_ip
from quantriet.documents import access, selectors, services
from quantriet.documents.forms import (
    AttachmentForm,
    DocumentFilterForm,
    DocumentForm,
    LinkForm,
)
from quantriet.documents.models import Document
from quantriet.orgs.models import Category, OrgLevel

PAGE_SIZE = 25
MAX_PAGE_SIZE = 200


def _page_size(request: HttpRequest) -> int:
    try:
        return max(1, min(MAX_PAGE_SIZE, int(request.GET.get("page_size", PAGE_SIZE))))
    except ValueError:
        return PAGE_SIZE


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = DocumentFilterForm(
        request.GET or None,
        levels=list(OrgLevel.objects.all()),
        years=selectors.years_for(user),
        terms=selectors.terms_for(user),
    )
    filters = form.filters()
    documents = selectors.documents_for(user, **filters)
    page = Paginator(documents, _page_size(request)).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/document_list.html",
        {
            "form": form,
            "page": page,
            "filtered": any(filters.values()),
            "can_register": access.can_register_documents(user),
        },
    )


def _detail_context(request: HttpRequest, document: Document) -> dict[str, object]:
    can_edit = access.can_edit_document(request.user, document)
    return {
        "document": document,
        "audience_labels": [
            Category(code).label for code in document.audiences if code in Category.values
        ],
        "attachments": list(selectors.attachments_of(document)),
        "links": selectors.links_of(request.user, document),
        "can_edit": can_edit,
        "attachment_form": AttachmentForm() if can_edit else None,
        "link_form": LinkForm(user=request.user, source=document) if can_edit else None,
        # What other apps add to this page (published Q&A…), rendered here: `core.registry`.
        "panels": registry.render_panels("documents.detail", request, document),
    }


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_document(request.user, pk)
    return render(request, "documents/document_detail.html", _detail_context(request, document))


@login_required
def document_create(request: HttpRequest) -> HttpResponse:
    access.require_register_documents(request.user)
    form = DocumentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        circulation = services.circulation_from(
            data.pop("circulation_orgs"), data.pop("circulation_roles")
        )
        try:
            document = services.create_document(
                user=request.user,  # type: ignore[arg-type]
                circulation=circulation,
                **data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc, fields={"circulation": "circulation_orgs"})
        else:
            messages.success(request, _("Đã đăng ký văn bản."))
            return redirect("documents:detail", pk=document.pk)
    return render(request, "documents/document_form.html", {"form": form, "document": None})


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_document(request.user, pk)
    access.require_edit_document(request.user, document)
    form = DocumentForm(request.POST or None, user=request.user, document=document)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["circulation"] = services.circulation_from(
            data.pop("circulation_orgs"), data.pop("circulation_roles")
        )
        try:
            services.update_document(
                user=request.user,  # type: ignore[arg-type]
                document=document,
                changes=data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc, fields={"circulation": "circulation_orgs"})
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("documents:detail", pk=document.pk)
    return render(request, "documents/document_form.html", {"form": form, "document": document})


@login_required
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_document(request.user, pk)
    access.require_edit_document(request.user, document)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.add_attachment(
                user=request.user,  # type: ignore[arg-type]
                document=document,
                stream=upload,
                name=upload.name,
                size=upload.size,
            )
        except ValidationError as exc:
            add_service_errors(form, exc, fields={"circulation": "circulation_orgs"})
        else:
            messages.success(request, _("Đã đính kèm tệp “%(name)s”.") % {"name": upload.name})
            return redirect("documents:detail", pk=document.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "documents/attachment_form.html",
        {"form": form, "document": document},
        status=status,
    )


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = access.get_attachment(request.user, pk)
    response = file_response(attachment)
    services.log_download(
        user=request.user,  # type: ignore[arg-type]
        attachment=attachment,
        ip_address=client_ip(request),
        via="web",
    )
    return response


@login_required
@require_POST
def link_add(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_document(request.user, pk)
    access.require_edit_document(request.user, document)
    form = LinkForm(request.POST, user=request.user, source=document)
    if form.is_valid():
        try:
            services.link_documents(
                user=request.user,  # type: ignore[arg-type]
                source=document,
                target=form.cleaned_data["target"],
                relation=form.cleaned_data["relation"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc, fields={"circulation": "circulation_orgs"})
        else:
            messages.success(request, _("Đã thêm liên kết văn bản."))
            return redirect("documents:detail", pk=document.pk)
    context = _detail_context(request, document)
    context["link_form"] = form
    return render(request, "documents/document_detail.html", context, status=400)


@login_required
def download_log(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_document(request.user, pk)
    access.require_edit_document(request.user, document)
    page = Paginator(selectors.downloads_of(document), 50).get_page(request.GET.get("page"))
    return render(request, "documents/download_log.html", {"document": document, "page": page})
