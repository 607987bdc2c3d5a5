from django.urls import include, path

app_name = "conferences"
urlpatterns = [
    path("", include("quantriet.conferences.planning_urls")),
    path("", include("quantriet.conferences.checkin_urls")),
    path("", include("quantriet.conferences.attendance_urls")),
]
