from django.urls import include, path

from quantriet.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.org_tree, name="tree"),
    path("<int:pk>/", views.org_detail, name="org"),
    path("people/", views.people_list, name="people"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/account/", views.person_account_create, name="person_account"),
    path("people/<int:pk>/grants/", views.person_grant_create, name="person_grant"),
    path(
        "people/<int:pk>/grants/<int:grant_pk>/revoke/",
        views.person_grant_revoke,
        name="person_grant_revoke",
    ),
    path("people/import/", include("quantriet.orgs.import_urls")),
]
