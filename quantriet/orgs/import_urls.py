"""Member-list import pages; included into the `orgs` namespace under /orgs/people/import/."""

from django.urls import path

from quantriet.orgs import import_views

urlpatterns = [
    path("", import_views.import_upload, name="import"),
    path("template/", import_views.import_template, name="import_template"),
    path("<int:pk>/", import_views.import_job, name="import_job"),
    path("<int:pk>/apply/", import_views.import_apply, name="import_apply"),
]
