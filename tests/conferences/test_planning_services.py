import datetime
import io
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from quantriet.conferences.models import CheckIn, Conference, Invitation, MakeUp, Site
from quantriet.conferences.planning import services as planning
from quantriet.orgs.models import Category
from tests.documents.conftest import PDF_BYTES, make_document
from tests.factories import PersonFactory, make_org


@pytest.fixture
def empty_conf(tree, users):
    """A conference of the province with a host site and no invitations."""
    starts = timezone.now() + datetime.timedelta(days=2)
    conference = planning.create_conference(
        user=users.admin,
        title="Hội nghị quán triệt Nghị quyết 66-NQ/TW",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        host_org=tree.province,
    )
    planning.add_site(user=users.admin, conference=conference, org=tree.province)
    return conference


@pytest.fixture
def people(tree):
    return {
        "a1": PersonFactory(full_name="Nguyễn Văn An", org=tree.cell_a1),
        "a1_key": PersonFactory(
            full_name="Hoàng Văn Khánh", org=tree.cell_a1, category=Category.KEY_CADRE
        ),
        "ward_a": PersonFactory(full_name="Trần Thị Bình", org=tree.ward_a),
        "b1": PersonFactory(full_name="Lê Văn Cường", org=tree.cell_b1),
    }


def site_of(conference, person):
    return Invitation.objects.get(conference=conference, person=person).site


def check_in(conference, person, site):
    now = timezone.now()
    return CheckIn.objects.create(
        conference=conference,
        person=person,
        site=site,
        client_id=uuid.uuid4(),
        method="manual",
        at=now,
        recorded_at=now,
    )


def test_create_conference_checks_times_and_scope(tree, users):
    starts = timezone.now()
    with pytest.raises(ValidationError) as exc:
        planning.create_conference(
            user=users.officer_b,
            title="Hội nghị",
            starts_at=starts,
            ends_at=starts - datetime.timedelta(hours=1),
            host_org=tree.ward_a,
        )
    assert "ends_at" in exc.value.message_dict
    assert "host_org" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        planning.create_conference(
            user=users.member_a,
            title="Hội nghị",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
            host_org=tree.cell_a1,
        )


@pytest.mark.parametrize("late", [-1, 601, 10**9, "15", None, True])
def test_late_after_minutes_is_bounded_by_the_service(tree, users, late):
    """The bound lives in the service (and the table), not only in the form and the schema."""
    starts = timezone.now()
    with pytest.raises(ValidationError) as exc:
        planning.create_conference(
            user=users.officer_a,
            title="Hội nghị",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
            host_org=tree.ward_a,
            late_after_minutes=late,
        )
    assert "từ 0 đến 600" in exc.value.message_dict["late_after_minutes"][0]
    assert not Conference.objects.exists()


def test_late_after_minutes_bound_on_update_keeps_the_old_value(empty_conf, users):
    conference = empty_conf
    before = conference.late_after_minutes
    with pytest.raises(ValidationError):
        planning.update_conference(
            user=users.admin, conference=conference, changes={"late_after_minutes": 601}
        )
    conference.refresh_from_db()
    assert conference.late_after_minutes == before


def test_create_conference_refuses_invisible_document(tree, users):
    secret = make_document(secrecy="mat", number="01-CT/TU")
    starts = timezone.now()
    with pytest.raises(ValidationError) as exc:
        planning.create_conference(
            user=users.officer_a,
            title="Hội nghị",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
            host_org=tree.ward_a,
            documents=[secret],
        )
    assert "documents" in exc.value.message_dict


def test_rules_place_invitees_at_nearest_site_or_host(empty_conf, tree, users, people):
    site_a = planning.add_site(user=users.admin, conference=empty_conf, org=tree.ward_a)
    planning.add_site(user=users.admin, conference=empty_conf, org=tree.cell_a1)
    _rule, changes = planning.add_rule(
        user=users.admin, conference=empty_conf, orgs=[tree.province]
    )
    # the logged-in member_a's person is in cell A1 too
    assert changes.added == 5
    assert site_of(empty_conf, people["a1"]).org == tree.cell_a1
    assert site_of(empty_conf, people["ward_a"]) == site_a
    assert site_of(empty_conf, people["b1"]).is_host  # no site for ward B: the host


def test_rule_categories_and_without_subtree(empty_conf, tree, users, people):
    planning.add_rule(
        user=users.admin,
        conference=empty_conf,
        orgs=[tree.ward_a],
        include_subtree=False,
    )
    planning.add_rule(
        user=users.admin,
        conference=empty_conf,
        orgs=[tree.ward_a],
        categories=[Category.KEY_CADRE],
    )
    invited = set(Invitation.objects.filter(conference=empty_conf).values_list("person", flat=True))
    assert invited == {people["ward_a"].pk, people["a1_key"].pk}


def test_editing_a_rule_keeps_checked_in_and_made_up_people(empty_conf, tree, users, people):
    rule, _changes = planning.add_rule(
        user=users.admin, conference=empty_conf, orgs=[tree.province]
    )
    host = Site.objects.get(conference=empty_conf, is_host=True)
    check_in(empty_conf, people["b1"], host)
    MakeUp.objects.create(
        conference=empty_conf,
        person=people["ward_a"],
        kind="self_study",
        studied_on=timezone.localdate(),
    )
    changes = planning.update_rule(user=users.admin, rule=rule, orgs=[tree.cell_a1])
    invited = set(Invitation.objects.filter(conference=empty_conf).values_list("person", flat=True))
    assert people["b1"].pk in invited  # checked in: never lost
    assert people["ward_a"].pk in invited  # made up the study
    assert people["a1"].pk in invited
    assert changes.removed == 0
    assert changes.added == 0


def test_removing_a_rule_drops_its_invitees_but_not_manual_ones(empty_conf, tree, users, people):
    rule, _changes = planning.add_rule(user=users.admin, conference=empty_conf, orgs=[tree.ward_b])
    manual = planning.add_manual_invitation(
        user=users.admin, conference=empty_conf, person=people["a1"]
    )
    changes = planning.remove_rule(user=users.admin, rule=rule)
    assert changes.removed == 1
    assert list(Invitation.objects.filter(conference=empty_conf)) == [manual]


def test_pinned_move_survives_recompute_and_new_site_moves_the_others(
    empty_conf, tree, users, people
):
    planning.add_rule(user=users.admin, conference=empty_conf, orgs=[tree.ward_a])
    host = Site.objects.get(conference=empty_conf, is_host=True)
    b_site = planning.add_site(user=users.admin, conference=empty_conf, org=tree.ward_b)
    pinned = Invitation.objects.get(conference=empty_conf, person=people["a1"])
    assert planning.move_invitations(
        user=users.admin, conference=empty_conf, invitations=[pinned.pk], site=b_site
    )
    site_a = planning.add_site(user=users.admin, conference=empty_conf, org=tree.ward_a)
    changes = planning.recompute_invitations(empty_conf)
    assert changes.moved == 0  # add_site already re-placed the unpinned ones
    assert site_of(empty_conf, people["a1"]) == b_site
    assert site_of(empty_conf, people["ward_a"]) == site_a
    assert host.invitations.count() == 0


def test_exactly_one_host(empty_conf, tree, users):
    host = Site.objects.get(conference=empty_conf)
    assert host.is_host
    other = planning.add_site(user=users.admin, conference=empty_conf, org=tree.ward_a)
    assert not other.is_host
    planning.set_host(user=users.admin, site=other)
    assert list(Site.objects.filter(conference=empty_conf, is_host=True)) == [other]
    with pytest.raises(ValidationError):
        planning.update_site(user=users.admin, site=other, changes={"is_host": False})


def test_site_with_invitations_or_checkins_cannot_be_removed(empty_conf, tree, users, people):
    site_a = planning.add_site(user=users.admin, conference=empty_conf, org=tree.ward_a)
    planning.add_rule(user=users.admin, conference=empty_conf, orgs=[tree.ward_a])
    with pytest.raises(ValidationError, match="vẫn còn người được mời"):
        planning.remove_site(user=users.admin, site=site_a)
    site_b = planning.add_site(user=users.admin, conference=empty_conf, org=tree.ward_b)
    check_in(empty_conf, people["b1"], site_b)
    with pytest.raises(ValidationError, match="đã có người điểm danh"):
        planning.remove_site(user=users.admin, site=site_b)
    empty = planning.add_site(user=users.admin, conference=empty_conf, org=tree.cell_b1)
    planning.remove_site(user=users.admin, site=empty)


def test_site_for_an_org_twice_is_refused(empty_conf, tree, users):
    with pytest.raises(ValidationError, match="đã có điểm cầu"):
        planning.add_site(user=users.admin, conference=empty_conf, org=tree.province)


def test_sites_for_orgs_in_one_go_with_expected_counts(empty_conf, tree, users, people):
    planning.add_rule(user=users.admin, conference=empty_conf, orgs=[tree.province])
    sites = planning.add_sites_for_orgs(
        user=users.admin, conference=empty_conf, orgs=[tree.ward_a, tree.ward_b, tree.province]
    )
    by_org = {site.org_id: site for site in sites}
    assert set(by_org) == {tree.ward_a.pk, tree.ward_b.pk}  # the province already has one
    assert by_org[tree.ward_a.pk].name == "Điểm cầu Đảng bộ phường Uông Bí"
    assert by_org[tree.ward_a.pk].expected == 4
    assert by_org[tree.ward_b.pk].expected == 1
    assert site_of(empty_conf, people["b1"]) == by_org[tree.ward_b.pk]


def test_agenda_inside_the_conference(empty_conf, users):
    with pytest.raises(ValidationError) as exc:
        planning.add_agenda_item(
            user=users.admin,
            conference=empty_conf,
            starts_at=empty_conf.starts_at - datetime.timedelta(minutes=5),
            title="Khai mạc",
        )
    assert "starts_at" in exc.value.message_dict
    item = planning.add_agenda_item(
        user=users.admin, conference=empty_conf, starts_at=empty_conf.starts_at, title="Khai mạc"
    )
    assert list(empty_conf.agenda.all()) == [item]


def test_material_checked_by_content(empty_conf, users):
    with pytest.raises(ValidationError) as exc:
        planning.add_material(
            user=users.admin,
            conference=empty_conf,
            stream=io.BytesIO(b"not a pdf"),
            name="gia-mao.pdf",
            size=9,
        )
    assert "PDF hoặc DOCX" in exc.value.message_dict["file"][0]
    material = planning.add_material(
        user=users.admin,
        conference=empty_conf,
        stream=io.BytesIO(PDF_BYTES),
        name="Đề cương.pdf",
        size=len(PDF_BYTES),
    )
    assert material.original_name == "Đề cương.pdf"


def test_officer_of_another_ward_cannot_plan_our_conference(empty_conf, tree, users):
    with pytest.raises(PermissionDenied):
        planning.add_rule(user=users.officer_b, conference=empty_conf, orgs=[tree.ward_b])


def _people(org, count):
    for n in range(count):
        PersonFactory(full_name=f"Người thứ {n}", org=org)


@pytest.mark.parametrize("count", [10, 100])
def test_recompute_query_count_is_fixed(count, tree, users, django_assert_num_queries):
    parent = make_org("Đảng bộ xã thử nghiệm", tree.province)
    cells = [make_org(f"Chi bộ {n}", parent, kind="dependent-cell", level="cell") for n in range(3)]
    for cell in cells:
        _people(cell, count // len(cells) + 1)
    starts = timezone.now()
    conference = Conference.objects.create(
        title="Hội nghị",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        host_org=parent,
    )
    planning.add_site(user=users.admin, conference=conference, org=parent)
    planning.add_sites_for_orgs(user=users.admin, conference=conference, orgs=cells)
    rule, _changes = planning.add_rule(user=users.admin, conference=conference, orgs=[parent])
    planning.move_invitations(
        user=users.admin,
        conference=conference,
        invitations=Invitation.objects.filter(conference=conference).values_list("pk", flat=True)[
            :3
        ],
        site=Site.objects.get(conference=conference, is_host=True),
    )
    rule.orgs.set([cells[0], cells[1]])
    with django_assert_num_queries(9):
        changes = planning.recompute_invitations(conference)
    assert changes.removed == count // 3 + 1
