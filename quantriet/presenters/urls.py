from django.urls import path

from quantriet.presenters import review_views, training_views, views

app_name = "presenters"
urlpatterns = [
    path("", views.presenter_list, name="list"),
    path("ranking/", views.ranking, name="ranking"),
    path("workload/", views.workload, name="workload"),
    path("standards/", training_views.standards, name="standards"),
    path("trainings/", training_views.training_list, name="trainings"),
    path("trainings/<int:pk>/", training_views.training_detail, name="training"),
    path("new/", views.presenter_create, name="create"),
    path("<int:pk>/", views.presenter_detail, name="detail"),
    path("<int:pk>/edit/", views.presenter_edit, name="edit"),
    path("<int:pk>/status/", views.presenter_status, name="status"),
    path("<int:pk>/review/", views.presenter_review, name="review"),
    path("reviews/", review_views.round_list, name="rounds"),
    path("reviews/<int:pk>/", review_views.round_detail, name="round"),
    path("reviews/<int:pk>/close/", review_views.round_close, name="round_close"),
    path(
        "reviews/<int:pk>/decide/<int:presenter_id>/",
        review_views.round_decide,
        name="round_decide",
    ),
    path(
        "reviews/<int:pk>/replace/<int:presenter_id>/",
        review_views.round_replace,
        name="round_replace",
    ),
]
