from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from quantriet.home import selectors


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home/home.html", selectors.dashboard_for(request.user))
