"""URLs of the conference planning pages; included into the `conferences` namespace."""

urlpatterns: list = []
