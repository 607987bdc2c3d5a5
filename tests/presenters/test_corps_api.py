from django.utils import timezone

from quantriet.presenters.models import (
    ReviewRound,
    Standard,
    Status,
    StatusChange,
    Training,
)

YEAR = timezone.localdate().year
JSON = "application/json"


def test_standard_is_inherited_then_set(api, users, tree):
    client = api(users.officer_a)
    inherited = client.get(f"/api/v1/presenter-standards/{tree.ward_a.pk}").json()
    assert inherited["own"] is False and inherited["training_hours"] == 16
    body = {"min_theory_level": 3, "training_hours": 24, "sessions": 6, "min_score": 65}
    saved = client.put(f"/api/v1/presenter-standards/{tree.ward_a.pk}", body, content_type=JSON)
    assert saved.status_code == 200 and saved.json()["own"] is True
    assert Standard.objects.get(org=tree.ward_a).sessions == 6
    bad = client.put(
        f"/api/v1/presenter-standards/{tree.ward_a.pk}",
        {**body, "min_score": 101},
        content_type=JSON,
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "min_score"
    other = api(users.officer_b).put(
        f"/api/v1/presenter-standards/{tree.ward_a.pk}", body, content_type=JSON
    )
    assert other.status_code == 404


def test_training_with_attendance_through_the_api(api, users, tree, corps):
    learner = corps("Âu Văn Học")
    client = api(users.officer_a)
    created = client.post(
        "/api/v1/presenter-trainings",
        {
            "org": tree.ward_a.pk,
            "title": "Cập nhật kiến thức",
            "kind": "update",
            "starts_on": f"{YEAR}-02-24",
            "ends_on": f"{YEAR}-02-24",
            "hours": 8,
        },
        content_type=JSON,
    )
    assert created.status_code == 201
    training = created.json()["id"]
    marked = client.put(
        f"/api/v1/presenter-trainings/{training}/attendance",
        {"present": [learner.pk]},
        content_type=JSON,
    )
    assert marked.json()["present"] == [learner.pk]
    detail = client.get(f"/api/v1/presenters/{learner.pk}?year={YEAR}").json()
    assert detail["evaluation"]["training_hours"] == 8
    wrong = client.put(
        f"/api/v1/presenter-trainings/{training}/attendance",
        {"present": [999999]},
        content_type=JSON,
    )
    assert wrong.status_code == 400
    assert api(users.officer_b).get("/api/v1/presenter-trainings").json() == {
        "count": 0,
        "items": [],
    }
    backwards = client.post(
        "/api/v1/presenter-trainings",
        {
            "org": tree.ward_a.pk,
            "title": "Sai ngày",
            "kind": "course",
            "starts_on": f"{YEAR}-03-10",
            "ends_on": f"{YEAR}-03-01",
            "hours": 8,
        },
        content_type=JSON,
    )
    assert backwards.status_code == 400 and Training.objects.count() == 1


def test_review_round_through_the_api(api, users, tree, corps):
    keep = corps("Ninh Văn Ở")
    leaving = corps("Quách Văn Đi", fields=["Kinh tế"])
    best = corps("Đàm Thị Thay", status=Status.CANDIDATE, level=3, fields=["Kinh tế"])
    client = api(users.officer_a)
    opened = client.post(
        "/api/v1/presenter-reviews",
        {"org": tree.ward_a.pk, "year": YEAR, "title": "Rà soát năm nay"},
        content_type=JSON,
    )
    assert opened.status_code == 201 and opened.json()["undecided"] == 2
    rid = opened.json()["id"]
    again = client.post(
        "/api/v1/presenter-reviews",
        {"org": tree.ward_a.pk, "year": YEAR, "title": "Lần hai"},
        content_type=JSON,
    )
    assert again.status_code == 400 and again.json()["errors"][0]["field"] == "year"
    ranked = client.get(f"/api/v1/presenter-reviews/{rid}/candidates/{leaving.pk}").json()
    assert ranked[0]["presenter"] == best.pk and ranked[0]["shared_fields"] == ["Kinh tế"]
    url = f"/api/v1/presenter-reviews/{rid}/decisions"
    no_successor = client.post(
        url, {"presenter": leaving.pk, "decision": "replace", "note": "Nghỉ hưu"}, content_type=JSON
    )
    assert no_successor.status_code == 400
    assert no_successor.json()["errors"][0]["field"] == "replacement"
    assert (
        client.post(
            url,
            {
                "presenter": leaving.pk,
                "decision": "replace",
                "note": "Nghỉ hưu",
                "replacement": best.pk,
            },
            content_type=JSON,
        ).status_code
        == 200
    )
    change = StatusChange.objects.get(presenter=leaving, to_status=Status.REPLACED)
    assert change.replaced_by_id == best.pk and "Nghỉ hưu" in change.reason
    early = client.post(f"/api/v1/presenter-reviews/{rid}/close")
    assert early.status_code == 400
    for presenter in (keep, best):
        client.post(url, {"presenter": presenter.pk, "decision": "keep"}, content_type=JSON)
    closed = client.post(f"/api/v1/presenter-reviews/{rid}/close")
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    other = api(users.officer_b)
    assert other.get(f"/api/v1/presenter-reviews/{rid}").status_code == 404
    assert other.get("/api/v1/presenter-reviews").json() == []
    assert ReviewRound.objects.get().state == "closed"


def test_workload_through_the_api_is_scoped(api, users, corps):
    presenter = corps("Yên Văn Lịch")
    mine = api(users.officer_a).get(f"/api/v1/presenter-workload?year={YEAR}").json()
    assert [row["presenter"] for row in mine] == [presenter.pk] and mine[0]["months"] == [0] * 12
    assert api(users.officer_b).get("/api/v1/presenter-workload").json() == []
