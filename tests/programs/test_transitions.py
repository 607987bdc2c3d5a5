"""The committee's workflow (submit, issue, return) records who did each step and when; the
programme page shows the steps as its history, the API returns them in the programme's detail."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quantriet.programs import services
from quantriet.programs.models import Program, Transition
from tests.documents.conftest import make_document
from tests.factories import PersonFactory

JSON = "application/json"


@pytest.fixture
def resolution(db):
    return make_document(number="15-NQ/ĐH", title="Nghị quyết Đại hội Đảng bộ phường")


@pytest.fixture
def ready(users, tree, resolution):
    """A draft of ward A with one clear task, drafted by ward A's officer (who has a name)."""
    PersonFactory(full_name="Trần Văn Cán Bộ", org=tree.ward_a, user=users.officer_a)
    program = services.create_program(
        org=tree.ward_a,
        document=resolution,
        title="Chương trình hành động thực hiện Nghị quyết",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        by=users.officer_a,
    )
    services.add_task(
        program,
        title="Quán triệt nghị quyết đến 100% đảng viên",
        owner=PersonFactory(org=tree.cell_a1),
        due_on=datetime.date(2026, 6, 30),
    )
    return program


def _steps(program):
    return list(
        Transition.objects.filter(program=program).values_list(
            "from_status", "to_status", "by__username", "comment"
        )
    )


def test_each_step_through_the_pages_records_its_actor(users, ready, login):
    officer, admin = login(users.officer_a), login(users.admin)
    assert officer.post(reverse("programs:submit", args=[ready.pk])).status_code == 302
    back = admin.post(reverse("programs:return", args=[ready.pk]), {"comment": "Bổ sung chỉ tiêu"})
    assert back.status_code == 302
    assert officer.post(reverse("programs:submit", args=[ready.pk])).status_code == 302
    issued = admin.post(
        reverse("programs:issue", args=[ready.pk]),
        {"number": "05-CTr/ĐU", "issued_on": "2026-01-20"},
    )
    assert issued.status_code == 302
    assert _steps(ready) == [
        ("draft", "submitted", "officer_a", ""),
        ("submitted", "returned", "admin", "Bổ sung chỉ tiêu"),
        ("returned", "submitted", "officer_a", ""),
        ("submitted", "issued", "admin", ""),
    ]
    page = officer.get(reverse("programs:detail", args=[ready.pk])).content.decode()
    history = page.split("Quá trình xử lý", 1)[1].split("</ol>", 1)[0]
    assert history.count("<li") == 5  # the draft, then four steps
    assert "Tạo dự thảo" in history and "Trần Văn Cán Bộ" in history
    assert history.index("Trình cấp ủy") < history.index("Trả lại để sửa")
    assert "Bổ sung chỉ tiêu" in history and "Số 05-CTr/ĐU" in history
    assert "admin" in history  # an account without a person shows its username


def test_refused_step_logs_nothing(users, ready, login):
    officer = login(users.officer_a)
    bare = officer.post(reverse("programs:issue", args=[ready.pk]), {"number": "05-CTr/ĐU"})
    assert bare.status_code == 400  # not submitted yet
    assert officer.post(reverse("programs:submit", args=[ready.pk])).status_code == 302
    empty = officer.post(reverse("programs:return", args=[ready.pk]), {"comment": "  "})
    assert empty.status_code == 400
    assert _steps(ready) == [("draft", "submitted", "officer_a", "")]


def test_each_step_through_the_api_records_its_actor(users, ready, api):
    officer, admin = api(users.officer_a), api(users.admin)
    url = f"/api/v1/programs/{ready.pk}"
    submitted = officer.patch(url, {"status": "submitted"}, content_type=JSON).json()
    assert [(t["to_status"], t["by"], t["by_name"]) for t in submitted["transitions"]] == [
        ("submitted", users.officer_a.pk, "Trần Văn Cán Bộ")
    ]
    admin.patch(url, {"status": "returned", "return_comment": "Rõ người"}, content_type=JSON)
    officer.patch(url, {"status": "submitted"}, content_type=JSON)
    admin.patch(url, {"status": "issued", "number": "05-CTr/ĐU"}, content_type=JSON)

    detail = officer.get(url).json()
    assert detail["status"] == "issued" and detail["number"] == "05-CTr/ĐU"  # fields kept
    assert detail["created_by_name"] == "Trần Văn Cán Bộ" and detail["created_at"]
    steps = detail["transitions"]
    assert [(t["from_status"], t["to_status"], t["by"]) for t in steps] == [
        ("draft", "submitted", users.officer_a.pk),
        ("submitted", "returned", users.admin.pk),
        ("returned", "submitted", users.officer_a.pk),
        ("submitted", "issued", users.admin.pk),
    ]
    assert steps[1]["comment"] == "Rõ người" and steps[1]["to_status_name"] == "Trả lại để sửa"
    assert steps[3]["by_name"] == "admin"
    times = [datetime.datetime.fromisoformat(t["at"]) for t in steps]
    assert times == sorted(times) and all(t.utcoffset() is not None for t in times)
    # The list keeps its shape (no history there).
    listed = officer.get("/api/v1/programs").json()["items"][0]
    assert "transitions" not in listed and listed["status"] == "issued"


def test_officer_of_another_organisation_is_refused_and_nothing_changes(users, ready, login, api):
    services.submit(ready, by=users.officer_a)
    sibling_page, sibling_api = login(users.officer_b), api(users.officer_b)
    assert sibling_page.post(reverse("programs:submit", args=[ready.pk])).status_code == 404
    issue = reverse("programs:issue", args=[ready.pk])
    assert sibling_page.post(issue, {"number": "99-CTr/ĐU"}).status_code == 404
    back = reverse("programs:return", args=[ready.pk])
    assert sibling_page.post(back, {"comment": "Không"}).status_code == 404
    url = f"/api/v1/programs/{ready.pk}"
    for body in (
        {"status": "issued", "number": "99-CTr/ĐU"},
        {"status": "returned", "return_comment": "Không"},
        {"status": "submitted"},
    ):
        assert sibling_api.patch(url, body, content_type=JSON).status_code == 404
    assert sibling_api.get(url).status_code == 404
    ready.refresh_from_db()
    assert ready.status == Program.State.SUBMITTED and ready.number == ""
    assert _steps(ready) == [("draft", "submitted", "officer_a", "")]


def test_history_costs_the_same_queries_with_one_step_or_four(users, ready, login, api):
    officer = login(users.officer_a)
    bearer = api(users.officer_a)
    page_url = reverse("programs:detail", args=[ready.pk])
    api_url = f"/api/v1/programs/{ready.pk}"

    def queries(client, url):
        client.get(url)  # warm the per-request caches the same way each time
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    services.submit(ready, by=users.officer_a)
    one_page, one_api = queries(officer, page_url), queries(bearer, api_url)
    services.return_for_changes(ready, comment="Sửa", by=users.admin)
    services.submit(ready, by=users.officer_a)
    services.issue(ready, number="05-CTr/ĐU", issued_on=datetime.date(2026, 1, 20), by=users.admin)
    assert queries(officer, page_url) == one_page
    assert queries(bearer, api_url) == one_api


def test_other_document_programme_has_only_its_draft(users, tree, api):
    other = services.create_program(
        org=tree.ward_a,
        document=make_document(number="09-KH/ĐU", title="Kế hoạch khác"),
        title="Kế hoạch chưa trình",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        by=None,
    )
    detail = api(users.officer_a).get(f"/api/v1/programs/{other.pk}").json()
    assert detail["transitions"] == [] and detail["created_by_name"] == ""
