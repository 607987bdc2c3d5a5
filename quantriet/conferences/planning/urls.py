"""URLs of the conference planning pages; included into the `conferences` namespace."""

from django.urls import path

from quantriet.conferences.planning import calendar_views, views

urlpatterns = [
    path("", views.conference_list, name="list"),
    path("new/", views.conference_create, name="create"),
    path("<int:pk>/", views.conference_detail, name="detail"),
    path("<int:pk>/edit/", views.conference_edit, name="edit"),
    path("<int:pk>/sites/", views.site_list, name="sites"),
    path("<int:pk>/sites/add/", views.site_add, name="site_add"),
    path("<int:pk>/sites/bulk/", views.sites_bulk, name="sites_bulk"),
    path("sites/<int:pk>/edit/", views.site_edit, name="site_edit"),
    path("sites/<int:pk>/host/", views.site_host, name="site_host"),
    path("sites/<int:pk>/remove/", views.site_remove, name="site_remove"),
    path("<int:pk>/rules/", views.rule_list, name="rules"),
    path("rules/<int:pk>/edit/", views.rule_edit, name="rule_edit"),
    path("rules/<int:pk>/remove/", views.rule_remove, name="rule_remove"),
    path("<int:pk>/invitees/", views.invitee_list, name="invitees"),
    path("<int:pk>/invitees/move/", views.invitees_move, name="invitees_move"),
    path("<int:pk>/agenda/", views.agenda, name="agenda"),
    path("agenda/<int:pk>/remove/", views.agenda_remove, name="agenda_remove"),
    path("<int:pk>/materials/", views.materials, name="materials"),
    path("materials/<int:pk>/remove/", views.material_remove, name="material_remove"),
    path("materials/<int:pk>/download/", views.material_download, name="material_download"),
    path("calendar/", calendar_views.my_calendar, name="my_calendar"),
    path("calendar/p/<str:token>.ics", calendar_views.calendar_person, name="calendar_person"),
    path("calendar/o/<str:token>.ics", calendar_views.calendar_org, name="calendar_org"),
]
