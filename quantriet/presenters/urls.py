from django.urls import path

from quantriet.presenters import views

app_name = "presenters"
urlpatterns = [
    path("", views.presenter_list, name="list"),
    path("ranking/", views.ranking, name="ranking"),
    path("new/", views.presenter_create, name="create"),
    path("<int:pk>/", views.presenter_detail, name="detail"),
    path("<int:pk>/edit/", views.presenter_edit, name="edit"),
    path("<int:pk>/status/", views.presenter_status, name="status"),
]
