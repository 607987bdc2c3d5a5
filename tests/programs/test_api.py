import datetime
import uuid

import pytest

from quantriet.orgs.models import Person
from quantriet.programs.models import Program, ProgressUpdate, Task
from quantriet.programs.status import TaskStatus, task_status
from tests.documents.conftest import make_document
from tests.factories import PersonFactory, UserFactory

JSON = "application/json"


@pytest.fixture
def resolution(db):
    return make_document(number="15-NQ/ĐH", title="Nghị quyết Đại hội Đảng bộ phường")


def new_program(client, org, document, **extra):
    body = {
        "org": org.pk,
        "document": document.pk,
        "title": "Chương trình hành động thực hiện Nghị quyết",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        **extra,
    }
    return client.post("/api/v1/programs", body, content_type=JSON)


def issued_with_task(client, org, document, owner, title):
    """An issued programme with one task of `owner`, due 30/9/2026 → (programme id, task id)."""
    pid = new_program(client, org, document).json()["id"]
    tid = client.post(
        f"/api/v1/programs/{pid}/tasks",
        {"title": title, "owner": owner.pk, "due_on": "2026-09-30"},
        content_type=JSON,
    ).json()["id"]
    client.patch(f"/api/v1/programs/{pid}", {"status": "submitted"}, content_type=JSON)
    issued = client.patch(
        f"/api/v1/programs/{pid}", {"status": "issued", "number": "09-CTr/ĐU"}, content_type=JSON
    )
    assert issued.json()["status"] == "issued"
    return pid, tid


def test_status_is_derived_from_progress_and_dates():
    start, due = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
    assert task_status(0, start, due, datetime.date(2025, 12, 1)) == TaskStatus.NOT_STARTED
    assert task_status(50, start, due, datetime.date(2026, 6, 1)) == TaskStatus.ON_TRACK
    assert task_status(20, start, due, datetime.date(2026, 9, 1)) == TaskStatus.AT_RISK
    assert task_status(90, start, due, datetime.date(2027, 1, 2)) == TaskStatus.OVERDUE
    assert task_status(100, start, due, datetime.date(2027, 1, 2)) == TaskStatus.DONE


def test_clear_task_person_and_time_before_submitting_then_issue(api, users, tree, resolution):
    client = api(users.officer_a)
    program = new_program(client, tree.ward_a, resolution).json()
    assert program["status"] == "draft"
    pid = program["id"]
    empty = client.patch(f"/api/v1/programs/{pid}", {"status": "submitted"}, content_type=JSON)
    assert empty.status_code == 400 and "chưa có nhiệm vụ" in empty.json()["errors"][0]["message"]
    vague = client.post(
        f"/api/v1/programs/{pid}/tasks",
        {"title": "Tuyên truyền nghị quyết đến 100% đảng viên"},
        content_type=JSON,
    )
    assert vague.status_code == 201 and vague.json()["status"] == "not_started"
    refused = client.patch(f"/api/v1/programs/{pid}", {"status": "submitted"}, content_type=JSON)
    assert refused.status_code == 400
    message = refused.json()["errors"][0]["message"]
    assert "người chịu trách nhiệm" in message and "thời hạn" in message
    assert Program.objects.get(pk=pid).status == "draft"
    owner = PersonFactory(full_name="Phạm Văn Phụ Trách", org=tree.cell_a1)
    fixed = client.patch(
        f"/api/v1/tasks/{vague.json()['id']}",
        {
            "owner": owner.pk,
            "start_on": "2026-02-01",
            "due_on": "2026-06-30",
            "indicator": "Đảng viên được quán triệt",
            "target": "100",
            "unit": "%",
        },
        content_type=JSON,
    )
    assert fixed.status_code == 200 and fixed.json()["owner_name"] == "Phạm Văn Phụ Trách"
    submitted = client.patch(f"/api/v1/programs/{pid}", {"status": "submitted"}, content_type=JSON)
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    no_number = client.patch(f"/api/v1/programs/{pid}", {"status": "issued"}, content_type=JSON)
    assert no_number.status_code == 400 and no_number.json()["errors"][0]["field"] == "number"
    issued = client.patch(
        f"/api/v1/programs/{pid}",
        {"status": "issued", "number": "05-CTr/ĐU", "issued_on": "2026-01-20"},
        content_type=JSON,
    )
    assert issued.json()["status"] == "issued" and issued.json()["number"] == "05-CTr/ĐU"
    frozen = client.patch(f"/api/v1/programs/{pid}", {"title": "Khác"}, content_type=JSON)
    assert frozen.status_code == 400


def test_return_with_comment(api, users, tree, resolution):
    client = api(users.officer_a)
    pid = new_program(client, tree.ward_a, resolution).json()["id"]
    owner = PersonFactory(org=tree.cell_a1)
    client.post(
        f"/api/v1/programs/{pid}/tasks",
        {"title": "Nhiệm vụ", "owner": owner.pk, "due_on": "2026-05-01"},
        content_type=JSON,
    )
    client.patch(f"/api/v1/programs/{pid}", {"status": "submitted"}, content_type=JSON)
    bare = client.patch(f"/api/v1/programs/{pid}", {"status": "returned"}, content_type=JSON)
    assert bare.status_code == 400 and bare.json()["errors"][0]["field"] == "comment"
    back = client.patch(
        f"/api/v1/programs/{pid}",
        {"status": "returned", "return_comment": "Bổ sung chỉ tiêu cụ thể"},
        content_type=JSON,
    )
    assert back.json()["status"] == "returned"
    assert back.json()["return_comment"] == "Bổ sung chỉ tiêu cụ thể"


def test_lower_organisation_starts_from_its_parents_programme(api, users, tree, resolution):
    parent = new_program(api(users.admin), tree.province, resolution).json()["id"]
    api(users.admin).post(
        f"/api/v1/programs/{parent}/tasks",
        {
            "title": "Nâng tỷ lệ hộ dùng nước sạch",
            "due_on": "2026-10-01",
            "indicator": "Hộ dùng nước sạch",
            "target": "98",
            "unit": "%",
        },
        content_type=JSON,
    )
    child = new_program(api(users.officer_a), tree.ward_a, resolution, parent=parent)
    assert child.status_code == 201
    tasks = api(users.officer_a).get(f"/api/v1/programs/{child.json()['id']}/tasks").json()
    assert [t["title"] for t in tasks] == ["Nâng tỷ lệ hộ dùng nước sạch"]
    assert tasks[0]["owner"] is None and tasks[0]["target"] == "98.00"
    # The province's programme is readable below, not changeable.
    ward = api(users.officer_a)
    assert ward.get(f"/api/v1/programs/{parent}").status_code == 200
    superior = ward.get(f"/api/v1/programs/{parent}/tasks").json()
    assert [t["title"] for t in superior] == ["Nâng tỷ lệ hộ dùng nước sạch"]
    assert (
        ward.patch(f"/api/v1/programs/{parent}", {"title": "Sửa"}, content_type=JSON).status_code
        == 403
    )


def test_owner_updates_progress_and_a_sibling_officer_sees_nothing(api, users, tree, resolution):
    account = UserFactory(username="phutrach")
    owner = PersonFactory(full_name="Đỗ Thị Phụ Trách", org=tree.cell_a1, user=account)
    client = api(users.officer_a)
    pid = new_program(client, tree.ward_a, resolution).json()["id"]
    tid = client.post(
        f"/api/v1/programs/{pid}/tasks",
        {
            "title": "Sáp nhập khu 3 và khu 4",
            "owner": owner.pk,
            "start_on": "2026-01-01",
            "due_on": "2026-12-31",
        },
        content_type=JSON,
    ).json()["id"]
    early = api(account).post(
        f"/api/v1/tasks/{tid}/updates", {"progress": 30, "note": "Đã họp dân"}, content_type=JSON
    )
    assert early.status_code == 400  # not issued yet
    client.patch(f"/api/v1/programs/{pid}", {"status": "submitted"}, content_type=JSON)
    client.patch(
        f"/api/v1/programs/{pid}", {"status": "issued", "number": "07-CTr/ĐU"}, content_type=JSON
    )
    mine = api(account)
    assert mine.get(f"/api/v1/programs/{pid}").status_code == 200
    posted = mine.post(
        f"/api/v1/tasks/{tid}/updates",
        {"progress": 40, "note": "Đã họp dân 3 khu"},
        content_type=JSON,
    )
    assert posted.status_code == 201
    assert Task.objects.get(pk=tid).progress == 40 and ProgressUpdate.objects.count() == 1
    no_note = mine.post(
        f"/api/v1/tasks/{tid}/updates", {"progress": 50, "note": " "}, content_type=JSON
    )
    assert no_note.status_code == 400 and Task.objects.get(pk=tid).progress == 40
    # The owner may report progress but not re-plan the task.
    assert (
        mine.patch(f"/api/v1/tasks/{tid}", {"title": "Khác"}, content_type=JSON).status_code == 403
    )
    sibling = api(users.officer_b)
    assert sibling.get(f"/api/v1/programs/{pid}").status_code == 404
    assert sibling.get(f"/api/v1/programs/{pid}/tasks").status_code == 404
    assert (
        sibling.post(
            f"/api/v1/tasks/{tid}/updates", {"progress": 90, "note": "x"}, content_type=JSON
        ).status_code
        == 404
    )
    assert sibling.get("/api/v1/programs").json()["count"] == 0
    assert new_program(sibling, tree.ward_a, resolution).status_code == 404


def test_bad_dates_are_refused(api, users, tree, resolution):
    client = api(users.officer_a)
    backwards = new_program(
        client, tree.ward_a, resolution, starts_on="2026-12-31", ends_on="2026-01-01"
    )
    assert backwards.status_code == 400 and backwards.json()["errors"][0]["field"] == "ends_on"
    pid = new_program(client, tree.ward_a, resolution).json()["id"]
    late = client.post(
        f"/api/v1/programs/{pid}/tasks",
        {"title": "Việc", "due_on": "2027-05-01"},
        content_type=JSON,
    )
    assert late.status_code == 400 and late.json()["errors"][0]["field"] == "due_on"
    assert not Task.objects.exists() and Person.objects.count() >= 0


def test_parent_organisation_comments_on_a_progress_report(api, login, users, tree, resolution):
    account = UserFactory(username="baocao")
    owner = PersonFactory(full_name="Lại Văn Báo", org=tree.cell_a1, user=account)
    ward = api(users.officer_a)
    _pid, tid = issued_with_task(
        ward, tree.ward_a, resolution, owner, "Vận động hiến đất làm đường"
    )
    uid = (
        api(account)
        .post(
            f"/api/v1/tasks/{tid}/updates",
            {"progress": 20, "note": "Đã họp 2 khu"},
            content_type=JSON,
        )
        .json()["id"]
    )
    url = f"/api/v1/updates/{uid}/comments"
    # The ward itself does not comment on its own programme; the province does.
    assert ward.post(url, {"text": "Tự nhận xét"}, content_type=JSON).status_code == 403
    empty = api(users.admin).post(url, {"text": "  "}, content_type=JSON)
    assert empty.status_code == 400 and empty.json()["errors"][0]["field"] == "text"
    made = api(users.admin).post(
        url, {"text": "Đề nghị báo cáo rõ số hộ đã đồng thuận"}, content_type=JSON
    )
    assert made.status_code == 201
    page = login(account).get(f"/programs/tasks/{tid}/").content.decode()
    assert "Đề nghị báo cáo rõ số hộ đã đồng thuận" in page
    assert api(users.officer_b).post(url, {"text": "x"}, content_type=JSON).status_code == 404
    form = login(users.admin).post(f"/programs/updates/{uid}/comment/", {"text": "Làm tốt"})
    assert form.status_code == 302
    assert "Làm tốt" in login(account).get(f"/programs/tasks/{tid}/").content.decode()


def test_review_report_prefilled_edited_and_sent_up(api, login, users, tree, resolution):
    from quantriet.conferences.models import CheckIn, Conference, Invitation, Site

    client = api(users.officer_a)
    owner = PersonFactory(full_name="Triệu Văn Tổng", org=tree.cell_a1)
    pid = new_program(client, tree.ward_a, resolution).json()["id"]
    for title, progress in (("Việc xong", 100), ("Việc dở", 40)):
        tid = client.post(
            f"/api/v1/programs/{pid}/tasks",
            {"title": title, "owner": owner.pk, "due_on": "2026-03-01", "indicator": "Chỉ tiêu"},
            content_type=JSON,
        ).json()["id"]
        Task.objects.filter(pk=tid).update(progress=progress)
    client.patch(f"/api/v1/programs/{pid}", {"status": "submitted"}, content_type=JSON)
    client.patch(
        f"/api/v1/programs/{pid}", {"status": "issued", "number": "02-CTr/ĐU"}, content_type=JSON
    )
    start = datetime.datetime(2026, 2, 7, 1, tzinfo=datetime.UTC)
    conf = Conference.objects.create(
        title="Hội nghị học tập", starts_at=start, ends_at=start, host_org=tree.ward_a
    )
    conf.documents.add(resolution)
    site = Site.objects.create(conference=conf, name="Hội trường", org=tree.ward_a)
    other = PersonFactory(org=tree.cell_a1)
    for person in (owner, other):
        Invitation.objects.create(conference=conf, person=person, site=site)
    CheckIn.objects.create(
        conference=conf,
        person=owner,
        site=site,
        client_id=uuid.uuid4(),
        method="qr",
        at=start,
        recorded_at=start,
    )
    made = client.post(f"/api/v1/programs/{pid}/reports", {"kind": "midterm"}, content_type=JSON)
    assert made.status_code == 201
    report = made.json()
    assert report["figures"]["done"] == 1 and report["figures"]["tasks"] == 2
    assert report["figures"]["present"] == 1 and report["figures"]["invited"] == 2
    assert "1/2 nhiệm vụ hoàn thành" in report["body"] and "1/2 lượt" in report["body"]
    url = f"/api/v1/program-reports/{report['id']}"
    assert client.patch(url, {"body": " "}, content_type=JSON).status_code == 400
    sent = client.patch(
        url, {"body": "Báo cáo sơ kết đã hoàn chỉnh.", "submit": True}, content_type=JSON
    )
    assert sent.json()["submitted_at"] is not None
    assert client.patch(url, {"body": "Sửa lại"}, content_type=JSON).status_code == 400
    # The province reads it; the sibling ward does not.
    assert api(users.admin).get(url).json()["body"] == "Báo cáo sơ kết đã hoàn chỉnh."
    assert api(users.officer_b).get(url).status_code == 404
    page = login(users.officer_a).get(f"/programs/reports/{report['id']}/").content.decode()
    assert "Báo cáo sơ kết đã hoàn chỉnh." in page and "Đã gửi cấp trên lúc" in page
    sibling = login(users.officer_b)
    assert sibling.get(f"/programs/reports/{report['id']}/").status_code == 404
    assert sibling.post(f"/programs/{pid}/reports/new/", {"kind": "final"}).status_code == 404
    ui = login(users.officer_a).post(f"/programs/{pid}/reports/new/", {"kind": "final"})
    assert ui.status_code == 302 and "/programs/reports/" in ui["Location"]


def test_progress_report_with_evidence_file(api, users, tree, resolution):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from quantriet.programs.models import Evidence
    from tests.documents.conftest import PDF_BYTES

    account = UserFactory(username="minhchung")
    owner = PersonFactory(org=tree.cell_a1, user=account)
    client = api(users.officer_a)
    _pid, tid = issued_with_task(client, tree.ward_a, resolution, owner, "Họp dân")
    mine = api(account)
    ok = mine.post(
        f"/api/v1/tasks/{tid}/updates",
        {
            "progress": "50",
            "note": "Biên bản họp dân",
            "evidence": SimpleUploadedFile("bien-ban.pdf", PDF_BYTES, "application/pdf"),
        },
    )
    assert ok.status_code == 201, ok.json()
    assert ok.json()["evidence"] == ["bien-ban.pdf"] and Evidence.objects.count() == 1
    bad = mine.post(
        f"/api/v1/tasks/{tid}/updates",
        {
            "progress": "70",
            "note": "Ảnh",
            "evidence": SimpleUploadedFile("anh.exe", b"MZ\x90\x00", "application/octet-stream"),
        },
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "file"
    assert Task.objects.get(pk=tid).progress == 50 and ProgressUpdate.objects.count() == 1
    garbled = mine.post(f"/api/v1/tasks/{tid}/updates", "{", content_type=JSON)
    assert garbled.status_code == 400
    wrong = mine.post(
        f"/api/v1/tasks/{tid}/updates", {"progress": "nhiều", "note": "x"}, content_type=JSON
    )
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "progress"


def test_evidence_from_the_task_page_and_its_download_is_scoped(
    api, login, users, tree, resolution
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from quantriet.programs.models import Evidence
    from tests.documents.conftest import PDF_BYTES

    account = UserFactory(username="trang")
    owner = PersonFactory(org=tree.cell_a1, user=account)
    client = api(users.officer_a)
    _pid, tid = issued_with_task(client, tree.ward_a, resolution, owner, "Lắp camera an ninh")
    page = login(account)
    posted = page.post(
        f"/programs/tasks/{tid}/",
        {
            "progress": 30,
            "note": "Đã lắp 5 camera",
            "evidence": SimpleUploadedFile("nghiem-thu.pdf", PDF_BYTES),
        },
    )
    assert posted.status_code == 302
    evidence = Evidence.objects.get()
    assert "nghiem-thu.pdf" in page.get(f"/programs/tasks/{tid}/").content.decode()
    assert page.get(f"/programs/evidence/{evidence.pk}/").status_code == 200
    assert login(users.officer_b).get(f"/programs/evidence/{evidence.pk}/").status_code == 404


def test_plan_change_with_a_refused_status_change_keeps_nothing(api, users, tree, resolution):
    client = api(users.officer_a)
    pid = new_program(client, tree.ward_a, resolution).json()["id"]
    refused = client.patch(
        f"/api/v1/programs/{pid}", {"title": "Tên mới", "status": "submitted"}, content_type=JSON
    )
    assert refused.status_code == 400
    assert Program.objects.get(pk=pid).title == "Chương trình hành động thực hiện Nghị quyết"
