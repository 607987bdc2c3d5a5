from django.urls import path

from quantriet.bulletins import views

app_name = "bulletins"
urlpatterns = [
    path("", views.bulletin_list, name="list"),
    path("new/", views.bulletin_create, name="create"),
    path("<int:pk>/", views.bulletin_detail, name="detail"),
    path("<int:pk>/publish/", views.bulletin_publish, name="publish"),
    path("<int:pk>/remind/", views.bulletin_remind, name="remind"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/download/", views.attachment_download, name="attachment_download"),
    path("opinions/", views.opinion_list, name="opinions"),
    path("opinions/new/", views.opinion_create, name="opinion_create"),
    path("opinions/summary/", views.opinion_summary, name="opinion_summary"),
    path("opinions/<int:pk>/review/", views.opinion_review, name="opinion_review"),
]
