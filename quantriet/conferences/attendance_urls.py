"""URLs of the conference attendance pages; included into the `conferences` namespace."""

urlpatterns: list = []
