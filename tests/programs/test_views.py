import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quantriet.programs import services
from quantriet.programs.models import Program, ProgressUpdate, Task
from tests.documents.conftest import make_document
from tests.factories import PersonFactory, UserFactory

LIST = reverse("programs:list")
CREATE = reverse("programs:create")


@pytest.fixture
def resolution(db):
    return make_document(number="15-NQ/ĐH", title="Nghị quyết Đại hội Đảng bộ phường")


def _form(**extra):
    return {
        "org": "",
        "document": "",
        "title": "Chương trình hành động thực hiện Nghị quyết",
        "objectives": "Đưa nghị quyết vào cuộc sống",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        **extra,
    }


def _create(client, org, document, **extra):
    return client.post(CREATE, _form(org=org.pk, document=document.pk, **extra))


def _program(org, document, **extra):
    fields = {
        "org": org,
        "document": document,
        "title": "Chương trình có sẵn",
        "starts_on": datetime.date(2026, 1, 1),
        "ends_on": datetime.date(2026, 12, 31),
        "by": None,
        **extra,
    }
    return services.create_program(**fields)


def _detail(program):
    return reverse("programs:detail", args=[program.pk])


def test_manager_builds_submits_and_issues_then_the_owner_reports(users, tree, resolution, login):
    account = UserFactory(username="phutrach")
    owner = PersonFactory(full_name="Đỗ Thị Phụ Trách", org=tree.cell_a1, user=account)
    client = login(users.officer_a)
    page = client.get(LIST).content.decode()
    assert "Xây dựng chương trình" in page
    assert client.get(CREATE).status_code == 200

    created = _create(client, tree.ward_a, resolution)
    assert created.status_code == 302
    program = Program.objects.get()
    assert created["Location"] == _detail(program)
    assert program.status == Program.State.DRAFT and program.created_by == users.officer_a

    page = client.get(_detail(program)).content.decode()
    assert "Rõ việc, rõ người, rõ thời gian" in page
    assert "Chương trình chưa có nhiệm vụ nào." in page
    assert "Đỗ Thị Phụ Trách" in page  # the owner select

    add = reverse("programs:task_add", args=[program.pk])
    vague = client.post(add, {"title": "Tuyên truyền nghị quyết đến 100% đảng viên"})
    assert vague.status_code == 302
    task = Task.objects.get()

    refused = client.post(reverse("programs:submit", args=[program.pk]))
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Chưa trình được" in page
    assert "người chịu trách nhiệm" in page and "thời hạn" in page
    program.refresh_from_db()
    assert program.status == Program.State.DRAFT

    edit = reverse("programs:task_edit", args=[task.pk])
    assert client.get(edit).status_code == 200
    saved = client.post(
        edit,
        {
            "title": task.title,
            "owner": owner.pk,
            "co_units": [tree.cell_a1.pk],
            "start_on": "2026-01-01",
            "due_on": "2026-12-31",
            "indicator": "Đảng viên được quán triệt",
            "target": "100",
            "unit": "%",
        },
    )
    assert saved.status_code == 302
    task.refresh_from_db()
    assert task.owner == owner and list(task.co_units.all()) == [tree.cell_a1]
    second = client.post(
        add,
        {"title": "Sơ kết 6 tháng", "owner": owner.pk, "due_on": "2026-06-30"},
    )
    assert second.status_code == 302 and Task.objects.count() == 2

    assert client.post(reverse("programs:submit", args=[program.pk])).status_code == 302
    program.refresh_from_db()
    assert program.status == Program.State.SUBMITTED
    page = client.get(_detail(program)).content.decode()
    assert "Ban hành" in page and "Trả lại" in page

    issue = reverse("programs:issue", args=[program.pk])
    no_number = client.post(issue, {"number": "", "issued_on": "2026-01-20"})
    assert no_number.status_code == 400 and "Cần số, ký hiệu" in no_number.content.decode()
    issued = client.post(issue, {"number": "05-CTr/ĐU", "issued_on": "2026-01-20"})
    assert issued.status_code == 302
    program.refresh_from_db()
    assert program.status == Program.State.ISSUED and program.number == "05-CTr/ĐU"
    assert program.issued_on == datetime.date(2026, 1, 20)
    # Issued: no more editing.
    assert edit not in client.get(_detail(program)).content.decode()
    frozen = client.post(edit, {"title": "Khác"})
    assert frozen.status_code == 400 and Task.objects.get(pk=task.pk).title != "Khác"

    # The responsible officer (not a manager) reports progress on their task.
    mine = login(account)
    task_url = reverse("programs:task", args=[task.pk])
    page = mine.get(task_url).content.decode()
    assert "Báo cáo tiến độ" in page
    posted = mine.post(task_url, {"progress": "40", "note": "Đã quán triệt 3 chi bộ"})
    assert posted.status_code == 302
    task.refresh_from_db()
    assert task.progress == 40
    update = ProgressUpdate.objects.get()
    assert update.by == account and update.note == "Đã quán triệt 3 chi bộ"
    page = mine.get(task_url).content.decode()
    assert "Đã quán triệt 3 chi bộ" in page and "40%" in page
    # …and sees the programme with their task, but may not re-plan it.
    assert mine.get(_detail(program)).status_code == 200
    assert mine.get(edit).status_code == 403
    assert mine.post(reverse("programs:submit", args=[program.pk])).status_code == 403

    timeline = client.get(reverse("programs:timeline", args=[program.pk]))
    assert timeline.status_code == 200
    page = timeline.content.decode()
    assert "qt-gantt-bar" in page and "Tuyên truyền nghị quyết" in page
    assert "left: 0.00%; width: 100.00%" in page


def test_return_with_comment_shows_it_on_the_draft(users, tree, resolution, login):
    program = _program(tree.ward_a, resolution)
    services.add_task(
        program,
        title="Nhiệm vụ",
        owner=PersonFactory(org=tree.cell_a1),
        due_on=datetime.date(2026, 5, 1),
    )
    services.submit(program)
    client = login(users.officer_a)
    url = reverse("programs:return", args=[program.pk])
    bare = client.post(url, {"comment": " "})
    assert bare.status_code == 400 and "Cần ghi ý kiến khi trả lại." in bare.content.decode()
    assert Program.objects.get(pk=program.pk).status == Program.State.SUBMITTED
    assert client.post(url, {"comment": "Bổ sung chỉ tiêu cụ thể"}).status_code == 302
    page = client.get(_detail(program)).content.decode()
    assert "Bổ sung chỉ tiêu cụ thể" in page and "Trả lại để sửa" in page


def test_lower_organisation_starts_from_the_parents_programme(users, tree, resolution, login):
    parent = _program(tree.province, resolution, title="Chương trình của tỉnh")
    services.add_task(parent, title="Nâng tỷ lệ hộ dùng nước sạch", indicator="Hộ", unit="%")
    client = login(users.officer_a)
    page = client.get(_detail(parent)).content.decode()
    assert "Xây dựng chương trình cấp dưới từ chương trình này" in page
    _program(tree.cell_a1, resolution, title="Chương trình của chi bộ")  # a leaf: no lower level
    _program(tree.ward_b, resolution, title="Chương trình phường bên")  # not visible
    form = client.get(CREATE, {"parent": parent.pk}).content.decode()
    assert client.get(CREATE, {"parent": "abc", "document": "x"}).status_code == 200
    assert "Chương trình của tỉnh" in form
    assert "Chương trình của chi bộ" not in form and "Chương trình phường bên" not in form
    created = _create(client, tree.ward_a, resolution, parent=parent.pk)
    assert created.status_code == 302
    child = Program.objects.get(org=tree.ward_a)
    assert [t.title for t in child.tasks.all()] == ["Nâng tỷ lệ hộ dùng nước sạch"]
    # The province's programme is readable below, not changeable.
    assert client.post(reverse("programs:submit", args=[parent.pk])).status_code == 403
    add = reverse("programs:task_add", args=[parent.pk])
    assert client.post(add, {"title": "Khác"}).status_code == 403
    # The officer of ward A may not build for the province.
    refused = _create(client, tree.province, resolution)
    assert refused.status_code == 400 and Program.objects.count() == 4


def test_sibling_ward_sees_nothing(users, tree, resolution, login):
    program = _program(tree.ward_a, resolution)
    task = services.add_task(program, title="Sáp nhập khu 3 và khu 4")
    sibling = login(users.officer_b)
    assert sibling.get(_detail(program)).status_code == 404
    assert sibling.get(reverse("programs:timeline", args=[program.pk])).status_code == 404
    assert sibling.get(reverse("programs:task", args=[task.pk])).status_code == 404
    assert sibling.get(reverse("programs:task_edit", args=[task.pk])).status_code == 404
    assert sibling.post(reverse("programs:submit", args=[program.pk])).status_code == 404
    posted = sibling.post(reverse("programs:task", args=[task.pk]), {"progress": 90, "note": "x"})
    assert posted.status_code == 404
    page = sibling.get(LIST).content.decode()
    assert "Chương trình có sẵn" not in page and "Chưa có chương trình hành động nào" in page
    # A member without a managing role may not create one; an anonymous visitor logs in.
    assert login(users.member_a).get(CREATE).status_code == 403
    assert login(users.member_a).get(_detail(program)).status_code == 404
    from django.test import Client

    assert Client().get(LIST).status_code == 302


def test_bad_input_is_refused_with_a_message_and_changes_nothing(users, tree, resolution, login):
    client = login(users.officer_a)
    bad_date = _create(client, tree.ward_a, resolution, starts_on="2026-13-45")
    assert bad_date.status_code == 400 and "Ngày không hợp lệ." in bad_date.content.decode()
    backwards = _create(
        client, tree.ward_a, resolution, starts_on="2026-12-31", ends_on="2026-01-01"
    )
    assert backwards.status_code == 400
    assert "Ngày kết thúc trước ngày bắt đầu." in backwards.content.decode()
    assert not Program.objects.exists()

    program = _program(tree.ward_a, resolution)
    add = reverse("programs:task_add", args=[program.pk])
    late = client.post(add, {"title": "Việc", "due_on": "2027-05-01"})
    assert late.status_code == 400
    assert "Hạn hoàn thành phải nằm trong thời gian của chương trình." in late.content.decode()
    assert not Task.objects.exists()

    owner_account = UserFactory(username="phutrach")
    owner = PersonFactory(org=tree.cell_a1, user=owner_account)
    task = services.add_task(program, title="Việc", owner=owner, due_on=datetime.date(2026, 6, 30))
    task_url = reverse("programs:task", args=[task.pk])
    early = login(owner_account).post(task_url, {"progress": "30", "note": "Đã họp"})
    assert early.status_code == 400
    assert "Chỉ báo cáo tiến độ khi chương trình đã ban hành." in early.content.decode()
    edit = reverse("programs:task_edit", args=[task.pk])
    wrong = client.post(edit, {"title": "Việc mới", "due_on": "2026-02-30"})
    assert wrong.status_code == 400 and "Ngày không hợp lệ." in wrong.content.decode()
    out = client.post(edit, {"title": "Việc mới", "due_on": "2027-02-01"})
    assert out.status_code == 400
    task.refresh_from_db()
    assert task.title == "Việc" and task.due_on == datetime.date(2026, 6, 30)

    services.submit(program)
    services.issue(program, number="01-CTr/ĐU", issued_on=datetime.date(2026, 1, 5))
    too_much = login(owner_account).post(task_url, {"progress": "150", "note": "Vượt"})
    assert too_much.status_code == 400
    assert "Tiến độ từ 0 đến 100%." in too_much.content.decode()
    no_note = login(owner_account).post(task_url, {"progress": "50", "note": "  "})
    assert no_note.status_code == 400
    task.refresh_from_db()
    assert task.progress == 0 and not ProgressUpdate.objects.exists()
    bad_issue = client.post(reverse("programs:issue", args=[program.pk]), {"number": "x"})
    assert bad_issue.status_code == 400


def test_list_filters_and_counts_in_a_fixed_number_of_queries(users, tree, resolution, login):
    other = make_document(number="09-KH/ĐU", title="Kế hoạch khác")
    today = timezone.localdate()
    first = _program(
        tree.ward_a,
        resolution,
        starts_on=today - datetime.timedelta(days=100),
        ends_on=today + datetime.timedelta(days=100),
    )
    services.add_task(first, title="Xong", progress=100)
    services.add_task(first, title="Trễ", due_on=today - datetime.timedelta(days=1))
    services.add_task(first, title="Đang làm", due_on=today + datetime.timedelta(days=10))
    client = login(users.officer_a)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(LIST)
        assert response.status_code == 200
        return len(ctx.captured_queries), response.content.decode()

    few, page = queries()
    row = page.split("Chương trình có sẵn", 1)[1].split("</tr>", 1)[0]
    assert "15-NQ/ĐH" in row and "Dự thảo" in row
    assert '<td class="text-end">3</td>' in row  # tasks
    assert '<span class="text-success fw-semibold">1</span>' in row  # done
    assert '<span class="badge text-bg-danger">1</span>' in row  # overdue
    for i in range(5):
        program = _program(tree.ward_a, other, title=f"Chương trình số {i}")
        services.add_task(program, title="Việc", progress=100)
    many, page = queries()
    assert many == few
    assert page.count("Chương trình số") == 5

    filtered = client.get(LIST, {"document": resolution.pk}).content.decode()
    assert "Chương trình có sẵn" in filtered and "Chương trình số" not in filtered
    issued = client.get(LIST, {"status": "issued"}).content.decode()
    assert "Chương trình có sẵn" not in issued and "Chưa có chương trình" in issued
