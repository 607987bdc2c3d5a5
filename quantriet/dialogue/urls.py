from django.urls import include, path

from quantriet.dialogue import views

app_name = "dialogue"
urlpatterns = [
    path("", include("quantriet.dialogue.poll_urls")),
    path("<int:pk>/", views.ask, name="ask"),
    path("<int:pk>/qr.svg", views.qr, name="qr"),
    path("<int:pk>/moderate/", views.moderate, name="moderate"),
    path("<int:pk>/presenter/", views.presenter, name="presenter"),
    path("<int:pk>/screen/", views.screen, name="screen"),
    path("questions/<int:question_pk>/vote/", views.vote, name="vote"),
    path("questions/<int:question_pk>/approve/", views.approve, name="approve"),
    path("questions/<int:question_pk>/reject/", views.reject, name="reject"),
    path("questions/<int:question_pk>/route/", views.route, name="route"),
    path("questions/<int:question_pk>/merge/", views.merge, name="merge"),
    path("questions/<int:question_pk>/answering/", views.mark_answering, name="answering"),
    path("questions/<int:question_pk>/answered/", views.mark_answered, name="answered"),
    path("questions/<int:question_pk>/answer/", views.answer, name="answer"),
]
