import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from quantriet.conferences.models import (
    AgendaItem,
    Conference,
    Invitation,
    InvitationRule,
    Material,
    Site,
)
from tests.documents.conftest import PDF_BYTES, make_document, upload
from tests.factories import PersonFactory, make_org


def url(name, *args):
    return reverse(f"conferences:{name}", args=args)


def local(value):
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_officer_plans_a_conference_from_the_form(tree, users, login):
    document = make_document()
    starts = timezone.now() + datetime.timedelta(days=3)
    response = login(users.officer_a).post(
        url("create"),
        {
            "title": "Hội nghị quán triệt Nghị quyết 57-NQ/TW",
            "format": "hybrid",
            "starts_at": local(starts),
            "ends_at": local(starts + datetime.timedelta(hours=2)),
            "host_org": tree.ward_a.pk,
            "documents": [document.pk],
            "late_after_minutes": 15,
        },
    )
    conference = Conference.objects.get()
    assert response.status_code == 302
    assert list(conference.documents.all()) == [document]
    host = Site.objects.get(conference=conference)
    assert host.is_host and host.org == tree.ward_a


def test_conference_end_before_start_is_refused(tree, users, login):
    starts = timezone.now()
    response = login(users.officer_a).post(
        url("create"),
        {
            "title": "Hội nghị",
            "format": "online",
            "starts_at": local(starts),
            "ends_at": local(starts - datetime.timedelta(hours=1)),
            "host_org": tree.ward_a.pk,
            "late_after_minutes": 15,
        },
    )
    assert response.status_code == 200
    assert "Thời gian kết thúc phải sau thời gian bắt đầu." in response.content.decode()
    assert not Conference.objects.exists()


def test_detail_shows_meeting_link_and_iframe_when_configured(conf, users, login, settings):
    settings.JITSI_BASE_URL = "https://meet.example.vn"
    page = login(users.admin).get(url("detail", conf.conference.pk)).content.decode()
    room = f"https://meet.example.vn/{conf.conference.meeting_room}"
    assert "Vào phòng họp trực tuyến" in page
    assert f'<iframe src="{room}"' in page
    assert 'allow="camera; microphone; fullscreen; display-capture"' in page


def test_detail_has_no_meeting_link_when_not_configured_or_in_person(conf, users, login, settings):
    settings.JITSI_BASE_URL = ""
    page = login(users.admin).get(url("detail", conf.conference.pk)).content.decode()
    assert "Vào phòng họp trực tuyến" not in page
    assert "<iframe" not in page
    settings.JITSI_BASE_URL = "https://meet.example.vn"
    conf.conference.format = "in_person"
    conf.conference.save()
    page = login(users.admin).get(url("detail", conf.conference.pk)).content.decode()
    assert "<iframe" not in page


def test_detail_shows_agenda_materials_documents_and_sites(conf, users, login):
    document = make_document(title="Nghị quyết Đại hội XIV")
    conf.conference.documents.add(document)
    AgendaItem.objects.create(
        conference=conf.conference, starts_at=conf.conference.starts_at, title="Khai mạc hội nghị"
    )
    client = login(users.admin)
    client.post(url("materials", conf.conference.pk), {"file": upload("Đề cương.pdf", PDF_BYTES)})
    page = client.get(url("detail", conf.conference.pk)).content.decode()
    assert "Khai mạc hội nghị" in page
    assert "Đề cương.pdf" in page
    assert reverse("documents:detail", args=[document.pk]) in page
    assert "Điểm cầu phường Yên Tử" in page
    material = Material.objects.get()
    download = client.get(url("material_download", material.pk))
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert login(users.outsider).get(url("material_download", material.pk)).status_code == 404


def test_fake_pdf_material_refused(conf, users, login):
    response = login(users.admin).post(
        url("materials", conf.conference.pk), {"file": upload("gia-mao.pdf", b"khong phai pdf")}
    )
    assert response.status_code == 400
    assert "không phải văn bản PDF hoặc Word" in response.content.decode()
    assert not Material.objects.exists()


def test_agenda_item_outside_conference_refused(conf, users, login):
    client = login(users.admin)
    before = conf.conference.starts_at - datetime.timedelta(hours=1)
    response = client.post(
        url("agenda", conf.conference.pk), {"starts_at": local(before), "title": "Đón tiếp"}
    )
    assert "nằm trong thời gian diễn ra hội nghị" in response.content.decode()
    response = client.post(
        url("agenda", conf.conference.pk),
        {
            "starts_at": local(conf.conference.starts_at + datetime.timedelta(minutes=5)),
            "title": "Khai mạc",
        },
    )
    assert response.status_code == 302
    assert AgendaItem.objects.get().title == "Khai mạc"


def test_sixty_sites_at_once_from_the_ui(conf, tree, users, login):
    parent = make_org("Đảng bộ Khối cơ quan tỉnh", tree.province)
    children = [
        make_org(f"Chi bộ cơ quan số {n:02d}", parent, kind="dependent-cell", level="cell")
        for n in range(60)
    ]
    PersonFactory(full_name="Đinh Văn Sơn", org=children[7])
    InvitationRule.objects.create(conference=conf.conference).orgs.set([parent])
    response = login(users.admin).post(url("sites_bulk", conf.conference.pk), {"parent": parent.pk})
    assert response.status_code == 302
    sites = Site.objects.filter(conference=conf.conference, org__parent=parent)
    assert sites.count() == 60
    assert sites.get(org=children[7]).expected == 1
    assert sites.get(org=children[7]).name == "Điểm cầu Chi bộ cơ quan số 07"
    page = login(users.admin).get(url("sites", conf.conference.pk)).content.decode()
    assert "Điểm cầu Chi bộ cơ quan số 59" in page


def test_rule_change_shows_counts_and_keeps_pinned(conf, tree, users, login):
    client = login(users.admin)
    response = client.post(
        url("rules", conf.conference.pk),
        {"orgs": [tree.ward_a.pk], "include_subtree": "on"},
        follow=True,
    )
    # Cường (ward B) had a rule invitation no rule targets any more.
    assert "Đã cập nhật danh sách mời: thêm 1, bớt 1, chuyển 0" in response.content.decode()
    an = Invitation.objects.get(person=conf.an)
    client.post(
        url("invitees_move", conf.conference.pk),
        {"invitations": [an.pk], "site": conf.host.pk, "apply_to": "selected"},
    )
    rule = InvitationRule.objects.get()
    client.post(
        url("rule_edit", rule.pk),
        {"orgs": [tree.ward_a.pk, tree.ward_b.pk], "include_subtree": "on"},
    )
    assert Invitation.objects.get(person=conf.an).site == conf.host
    assert Invitation.objects.filter(person=conf.cuong, site=conf.site_b).exists()


def test_officer_of_another_ward_gets_403_on_planning_pages(conf, users, login):
    client = login(users.officer_b)
    pk = conf.conference.pk
    for name in ("edit", "sites", "rules", "agenda", "materials"):
        assert client.get(url(name, pk)).status_code == 403, name
    assert client.post(url("site_remove", conf.site_a.pk)).status_code == 403
    assert client.get(url("detail", pk)).status_code == 200


def test_outsider_gets_404_everywhere(conf, users, login):
    client = login(users.outsider)
    pk = conf.conference.pk
    for name in ("detail", "edit", "sites", "rules", "invitees", "agenda", "materials"):
        assert client.get(url(name, pk)).status_code == 404, name
    assert client.get(url("site_edit", conf.site_a.pk)).status_code == 404
    assert client.post(url("site_host", conf.site_a.pk)).status_code == 404
    assert client.post(url("invitees_move", pk)).status_code == 404


def test_officer_b_sees_only_ward_b_invitees(conf, users, login):
    page = login(users.officer_b).get(url("invitees", conf.conference.pk)).content.decode()
    assert "Lê Văn Cường" in page
    assert "Nguyễn Văn An" not in page
    assert "Trần Thị Bình" not in page
    assert 'name="invitations"' not in page  # not a manager: no move action


def test_invitee_search_is_accent_insensitive(conf, users, login):
    page = login(users.admin).get(url("invitees", conf.conference.pk), {"q": "tran thi binh"})
    text = page.content.decode()
    assert "Trần Thị Bình" in text
    assert "Nguyễn Văn An" not in text


@pytest.fixture
def extra(tree):
    def _extra(n):
        starts = timezone.now()
        for i in range(n):
            conference = Conference.objects.create(
                title=f"Hội nghị số {i}",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=1),
                host_org=tree.province,
            )
            site = Site.objects.create(
                conference=conference, name="Chính", org=tree.province, is_host=True
            )
            person = PersonFactory(full_name=f"Người {i}", org=tree.cell_a1)
            Invitation.objects.create(conference=conference, person=person, site=site)
        return conference

    return _extra


@pytest.mark.parametrize("rows", [1, 3])
def test_conference_list_query_count_is_fixed(rows, users, login, extra, django_assert_num_queries):
    extra(rows)
    client = login(users.admin)
    with django_assert_num_queries(7):
        response = client.get(url("list"))
    assert response.content.decode().count("Hội nghị số") == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_invitee_list_query_count_is_fixed(
    rows, conf, tree, users, login, django_assert_num_queries
):
    for i in range(rows):
        person = PersonFactory(full_name=f"Khách mời {i}", org=tree.cell_b1)
        Invitation.objects.create(conference=conf.conference, person=person, site=conf.site_b)
    client = login(users.admin)
    with django_assert_num_queries(10):
        response = client.get(url("invitees", conf.conference.pk))
    assert response.content.decode().count("<td>Khách mời") == rows


def test_manager_pages_render(conf, tree, users, login):
    client = login(users.admin)
    rule = InvitationRule.objects.create(conference=conf.conference, categories=["key_cadre"])
    rule.orgs.set([tree.ward_a])
    for target in (
        url("sites", conf.conference.pk),
        url("site_edit", conf.site_a.pk),
        url("rules", conf.conference.pk),
        url("rule_edit", rule.pk),
        url("agenda", conf.conference.pk),
        url("materials", conf.conference.pk),
        url("edit", conf.conference.pk),
        url("create"),
    ):
        assert client.get(target).status_code == 200, target
    page = client.get(url("rules", conf.conference.pk)).content.decode()
    assert "Cán bộ chủ chốt" in page and "Đảng bộ phường Uông Bí" in page


def test_site_edit_sets_operators_and_host(conf, users, login):
    client = login(users.admin)
    response = client.post(
        url("site_edit", conf.site_b.pk),
        {"name": "Hội trường phường Yên Tử", "address": "Số 1", "expected": 45, "is_host": "on"},
    )
    assert response.status_code == 302
    conf.site_b.refresh_from_db()
    conf.host.refresh_from_db()
    assert conf.site_b.is_host and not conf.host.is_host
    assert conf.site_b.expected == 45


def test_site_with_invitees_is_not_removed(conf, users, login):
    response = login(users.admin).post(url("site_remove", conf.site_b.pk), follow=True)
    assert "vẫn còn người được mời" in response.content.decode()
    assert Site.objects.filter(pk=conf.site_b.pk).exists()


def test_move_everyone_matching_the_filter(conf, users, login):
    client = login(users.admin)
    page = client.get(url("invitees", conf.conference.pk), {"select": "all"}).content.decode()
    assert page.count("checked") == 3
    client.post(
        url("invitees_move", conf.conference.pk),
        {"apply_to": "filtered", "filter_site": conf.site_a.pk, "q": "", "site": conf.host.pk},
    )
    assert set(conf.host.invitations.values_list("person", flat=True)) == {conf.an.pk, conf.binh.pk}
    assert conf.host.invitations.filter(site_pinned=True).count() == 2
