"""URLs of the conference attendance pages; included into the `conferences` namespace."""

from django.urls import path

from quantriet.conferences.attendance import views

urlpatterns = [
    path("<int:pk>/board/", views.board, name="board"),
    path("<int:pk>/attendance/", views.attendance_page, name="attendance"),
    path("<int:pk>/attendance.xlsx", views.attendance_xlsx, name="attendance_xlsx"),
    path("<int:pk>/absentees/", views.absentees, name="absentees"),
    path("<int:pk>/invitees/<int:person_id>/excuse/", views.excuse, name="excuse"),
    path("<int:pk>/invitees/<int:person_id>/makeup/", views.makeup, name="makeup"),
    path("<int:pk>/sites/<int:site_pk>/report/", views.site_report, name="site_report"),
]
