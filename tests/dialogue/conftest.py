"""The dialogue of the `conf` conference (see tests/conferences/conftest.py):

- an, binh (site A) and cuong (site B) can log in (`an_user`, `binh_user`, `cuong_user`);
- two presenters, `presenter` (Phạm Thị Dung, with a log-in) and `other_presenter`;
- `moderator`: a log-in named moderator in the dialogue settings (no role elsewhere);
- `stranger`: an officer of an organisation outside the conference's tree, with a person;
- settings: approval moderation, anonymity known to moderators, 200 characters, 3 per 10 min.
"""

from types import SimpleNamespace

import pytest

from quantriet.dialogue.models import Settings
from quantriet.orgs.models import Role
from tests.conferences.conftest import conf  # noqa: F401  (fixture)
from tests.factories import PersonFactory, UserFactory, grant, make_org


def _with_login(person, username):
    user = UserFactory(username=username)
    person.user = user
    person.save()
    return user


@pytest.fixture
def dialogue(conf, tree, users):  # noqa: F811
    conference = conf.conference
    presenter = PersonFactory(full_name="Phạm Thị Dung", org=tree.province)
    presenter_user = _with_login(presenter, "presenter")
    other_presenter = PersonFactory(full_name="Đỗ Đức Giang", org=tree.province)
    conference.presenters.add(presenter, other_presenter)
    moderator = UserFactory(username="moderator")
    settings = Settings.objects.create(
        conference=conference,
        moderation=Settings.Moderation.APPROVAL,
        anonymity=Settings.Anonymity.MODERATORS,
        max_length=200,
        questions_per_10_minutes=3,
    )
    settings.moderators.add(moderator)
    elsewhere = make_org("Đảng bộ tỉnh Lạng Sơn", kind="province-party", level="province")
    stranger = UserFactory(username="stranger")
    grant(stranger, Role.OFFICER, elsewhere)
    PersonFactory(full_name="Hoàng Văn Khánh", org=elsewhere, user=stranger)
    return SimpleNamespace(
        **vars(conf),
        settings=settings,
        an_user=_with_login(conf.an, "an"),
        binh_user=_with_login(conf.binh, "binh"),
        cuong_user=_with_login(conf.cuong, "cuong"),
        presenter=presenter,
        presenter_user=presenter_user,
        other_presenter=other_presenter,
        moderator=moderator,
        stranger=stranger,
        admin=users.admin,
        officer_b=users.officer_b,
        outsider=users.outsider,
    )
