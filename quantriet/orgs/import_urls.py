"""Member-list import pages; included into the `orgs` namespace under /orgs/people/import/."""

urlpatterns: list = []
