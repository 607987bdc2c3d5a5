from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from quantriet.orgs import selectors


@login_required
def org_tree(request: HttpRequest) -> HttpResponse:
    return render(request, "orgs/org_tree.html", {"orgs": selectors.org_tree_for(request.user)})
