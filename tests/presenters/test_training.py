from quantriet.presenters.models import Standard, Training
from tests.factories import UserFactory


def test_officer_sets_the_standard_and_the_ranking_follows_it(corps, login, users, tree):
    corps("Đoàn Văn Chuẩn")
    client = login(users.officer_a)
    ranking = client.get("/presenters/ranking/").content.decode()
    assert "Bồi dưỡng 0/16 giờ trong năm" in ranking
    response = client.post(
        f"/presenters/standards/?org={tree.ward_a.pk}",
        {"min_theory_level": 3, "training_hours": 30, "sessions": 2, "min_score": 50},
    )
    assert response.status_code == 302
    assert Standard.objects.get(org=tree.ward_a).training_hours == 30
    ranking = client.get("/presenters/ranking/").content.decode()
    assert "Bồi dưỡng 0/30 giờ trong năm" in ranking
    assert "Trình độ lý luận chính trị dưới mức Cao cấp" in ranking


def test_bad_standard_is_refused(login, users, tree):
    response = login(users.officer_a).post(
        f"/presenters/standards/?org={tree.ward_a.pk}",
        {"min_theory_level": 9, "training_hours": -1, "sessions": 2, "min_score": 500},
    )
    assert response.status_code == 400 and not Standard.objects.exists()


def test_training_attendance_counts_hours_on_the_presenters_page(corps, login, users, tree):
    account = UserFactory(username="hocvien")
    learner = corps("Lạc Thị Học", user=account)
    absent = corps("Tô Văn Vắng")
    client = login(users.officer_a)
    created = client.post(
        "/presenters/trainings/",
        {
            "managing_org": tree.ward_a.pk,
            "title": "Bồi dưỡng nghiệp vụ báo cáo viên",
            "kind": "course",
            "starts_on": "2026-03-17",
            "ends_on": "2026-03-19",
            "hours": 24,
        },
    )
    assert created.status_code == 302
    training = Training.objects.get()
    client.post(f"/presenters/trainings/{training.pk}/", {"present": [learner.pk]})
    assert set(training.attendance.filter(attended=True).values_list("presenter", flat=True)) == {
        learner.pk
    }
    assert training.attendance.filter(presenter=absent, attended=False).exists()
    page = client.get(f"/presenters/{learner.pk}/?year=2026").content.decode()
    assert "24 giờ bồi dưỡng" in page
    # The learner sees the course and that they were present; the other ward sees nothing.
    mine = login(account).get(f"/presenters/trainings/{training.pk}/").content.decode()
    assert "Đồng chí đã có mặt ở lớp này." in mine
    assert login(users.officer_b).get(f"/presenters/trainings/{training.pk}/").status_code == 404


def test_training_ending_before_it_starts_is_refused(login, users, tree):
    response = login(users.officer_a).post(
        "/presenters/trainings/",
        {
            "managing_org": tree.ward_a.pk,
            "title": "Lớp sai ngày",
            "kind": "course",
            "starts_on": "2026-03-17",
            "ends_on": "2026-03-10",
            "hours": 8,
        },
    )
    assert response.status_code == 400
    assert "Ngày kết thúc trước ngày bắt đầu." in response.content.decode()
    assert not Training.objects.exists()


def test_standard_of_another_committee_is_refused_not_redirected(login, users, tree):
    body = {"min_theory_level": 3, "training_hours": 30, "sessions": 2, "min_score": 50}
    response = login(users.officer_b).post(f"/presenters/standards/?org={tree.ward_a.pk}", body)
    assert response.status_code == 404 and not Standard.objects.exists()


def test_part_names_follow_the_readers_language(corps, login, users):
    corps("Lưu Văn Ngữ")
    client = login(users.officer_a)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/presenters/ranking/").content.decode()
    assert "Người nghe đánh giá" not in page
