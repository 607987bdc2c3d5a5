from quantriet.conferences import access


def test_managers_and_site_officers_see_the_conference(conf, users):
    assert conf.conference in access.visible_conferences(users.admin)
    assert conf.conference in access.visible_conferences(users.officer_a)
    assert conf.conference in access.visible_conferences(conf.operator_a)
    assert conf.conference not in access.visible_conferences(users.outsider)


def test_officer_of_another_ward_sees_none_of_our_attendees(conf, users):
    seen_by_b = set(
        access.visible_invitations(users.officer_b, conf.conference).values_list(
            "person", flat=True
        )
    )
    assert seen_by_b == {conf.cuong.pk}
    assert access.visible_invitations(users.admin, conf.conference).count() == 3


def test_operator_checks_in_only_at_own_site(conf, users):
    assert access.can_operate_site(conf.operator_a, conf.site_a)
    assert not access.can_operate_site(conf.operator_a, conf.site_b)
    assert access.operable_site_ids(conf.operator_a, conf.conference) == {conf.site_a.pk}
    assert access.operable_site_ids(users.admin, conf.conference) == {
        conf.host.pk,
        conf.site_a.pk,
        conf.site_b.pk,
    }
    assert not access.can_operate_site(users.officer_b, conf.site_a)
