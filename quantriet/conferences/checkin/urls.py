"""URLs of the conference checkin pages; included into the `conferences` namespace."""

from django.urls import path

from quantriet.conferences.checkin import views as checkin_views

urlpatterns = [
    path("sites/<int:site_pk>/checkin/", checkin_views.checkin_page, name="checkin"),
    path("sites/<int:site_pk>/cards/", checkin_views.cards, name="cards"),
    path("<int:pk>/self-checkin/", checkin_views.self_checkin, name="self_checkin"),
]
