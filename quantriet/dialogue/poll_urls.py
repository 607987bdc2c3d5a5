"""URLs of the poll, feedback and published Q&A pages; included into the `dialogue` namespace."""

from django.urls import path

from quantriet.dialogue import poll_views as views

urlpatterns = [
    path("<int:pk>/polls/", views.polls_page, name="polls"),
    path("polls/<int:poll_pk>/open/", views.open_poll, name="poll_open"),
    path("polls/<int:poll_pk>/close/", views.close_poll, name="poll_close"),
    path("polls/<int:poll_pk>/answer/", views.answer_poll, name="poll_answer"),
    path("<int:pk>/feedback/", views.feedback_page, name="feedback"),
    path("<int:pk>/qa/", views.qa_page, name="qa"),
]
