import pytest

from quantriet.presenters.models import Expertise, Presenter, Status, Tier
from tests.factories import PersonFactory


@pytest.fixture
def corps(tree, users):
    """`corps(name, …)` → a presenter of Uông Bí's corps (a person of its cell 1)."""
    tier = Tier.objects.get(code="commune")

    def make(name, status=Status.ACTIVE, level=2, fields=(), user=None, org=None):
        person = PersonFactory(full_name=name, org=tree.cell_a1, user=user)
        presenter = Presenter.objects.create(
            person=person, org=org or tree.ward_a, tier=tier, status=status, theory_level=level
        )
        if fields:
            presenter.fields.set(Expertise.objects.filter(name__in=fields))
        return presenter

    return make
