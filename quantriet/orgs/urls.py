from django.urls import include, path

from quantriet.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.org_tree, name="tree"),
    path("people/import/", include("quantriet.orgs.import_urls")),
]
