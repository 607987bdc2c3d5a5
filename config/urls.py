from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config.api import api
from quantriet.conferences.checkin.api import fast_checkin_view
from quantriet.core import views as core_views
from quantriet.core.forms import LoginForm
from quantriet.dialogue import live as live_views
from quantriet.home import views as home_views
from quantriet.programs import monitoring_views

urlpatterns = [
    path("", home_views.home, name="home"),
    # Before the pages: the API carries the scanners' check-ins, the busiest requests of all.
    path(
        "api/v1/conferences/<int:conference_id>/checkins",
        fast_checkin_view(api, "create_checkin"),
        name="checkin-scan",
    ),
    path(
        "api/v1/conferences/<int:conference_id>/checkins/batch",
        fast_checkin_view(api, "create_checkins_batch"),
        name="checkin-batch",
    ),
    path("api/v1/", api.urls),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(form_class=LoginForm), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("orgs/", include("quantriet.orgs.urls")),
    path("documents/", include("quantriet.documents.urls")),
    path("conferences/<int:pk>/live", live_views.live, name="live"),
    path("conferences/", include("quantriet.conferences.urls")),
    path("dialogue/", include("quantriet.dialogue.urls")),
    path("presenters/", include("quantriet.presenters.urls")),
    path("notifications/", include("quantriet.notifications.urls")),
    path("bulletins/", include("quantriet.bulletins.urls")),
    path("programs/monitoring/", monitoring_views.monitoring, name="programs-monitoring"),
    path("programs/", include("quantriet.programs.urls")),
    path("admin/", admin.site.urls),
]
