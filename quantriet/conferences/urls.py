from django.urls import include, path

app_name = "conferences"
urlpatterns = [
    path("", include("quantriet.conferences.planning.urls")),
    path("", include("quantriet.conferences.checkin.urls")),
    path("", include("quantriet.conferences.attendance.urls")),
]
