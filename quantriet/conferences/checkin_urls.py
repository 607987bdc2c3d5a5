"""URLs of the conference checkin pages; included into the `conferences` namespace."""

urlpatterns: list = []
