import pytest
from django.db.models.signals import post_init

from quantriet.core.instances import from_values
from quantriet.orgs.models import Person


def _values(person):
    return [getattr(person, f.attname) for f in Person._meta.concrete_fields]


@pytest.mark.django_db
def test_same_instance_as_the_constructor(tree):
    saved = Person.objects.create(
        full_name="Nguyễn Văn An", search_name="nguyen van an", org=tree.ward_a
    )
    made = from_values(Person, _values(saved), adding=False, db="default")
    assert made == saved and made.org == tree.ward_a
    assert {k: v for k, v in vars(made).items() if k != "_state"} == {
        k: v for k, v in vars(Person(*_values(saved))).items() if k != "_state"
    }
    made.full_name = "Nguyễn Văn Ân"
    made.save(update_fields=["full_name"])
    assert Person.objects.get(pk=saved.pk).full_name == "Nguyễn Văn Ân"
    new = from_values(Person, [None, *_values(saved)[1:]])
    assert new._state.adding and new.pk is None


@pytest.mark.django_db
def test_post_init_receivers_still_run(tree):
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    post_init.connect(receiver, sender=Person)
    try:
        made = from_values(Person, [None, *[None] * (len(Person._meta.concrete_fields) - 1)])
    finally:
        post_init.disconnect(receiver, sender=Person)
    assert seen == [made]
