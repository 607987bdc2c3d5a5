from django.utils import timezone

from quantriet.presenters.models import (
    ReviewDecision,
    ReviewRound,
    Status,
    StatusChange,
)

YEAR = timezone.localdate().year


def test_a_review_round_from_start_to_end_in_the_ui(corps, login, users, tree):
    keep = corps("Nguyễn Văn Giữ")
    leaving = corps("Trần Văn Đi", fields=["Kinh tế"])
    unfit = corps("Lê Thị Chưa Đủ", status=Status.CANDIDATE, level=1, fields=["Kinh tế"])
    other = corps("Phạm Văn Khác", status=Status.CANDIDATE, level=3, fields=["Pháp luật"])
    best = corps("Vũ Thị Hợp", status=Status.CANDIDATE, level=3, fields=["Kinh tế"])
    client = login(users.officer_a)

    opened = client.post(
        "/presenters/reviews/",
        {"org": tree.ward_a.pk, "year": YEAR, "title": f"Rà soát báo cáo viên năm {YEAR}"},
    )
    assert opened.status_code == 302
    review_round = ReviewRound.objects.get()
    page = client.get(f"/presenters/reviews/{review_round.pk}/").content.decode()
    assert "Nguyễn Văn Giữ" in page and "Trần Văn Đi" in page and "2 chưa có quyết định" in page

    # Closing with presenters left undecided is refused and says how many.
    refused = client.post(f"/presenters/reviews/{review_round.pk}/close/")
    assert (
        refused.status_code == 400
        and "Còn 2 báo cáo viên chưa có quyết định" in refused.content.decode()
    )

    prefix = f"p{keep.pk}"
    client.post(
        f"/presenters/reviews/{review_round.pk}/decide/{keep.pk}/",
        {f"{prefix}-decision": "keep", f"{prefix}-note": ""},
    )
    prefix = f"p{leaving.pk}"
    to_replace = client.post(
        f"/presenters/reviews/{review_round.pk}/decide/{leaving.pk}/",
        {
            f"{prefix}-decision": "replace",
            f"{prefix}-note": "Không hoàn thành nhiệm vụ hai năm liền",
        },
    )
    assert to_replace.status_code == 302 and "/replace/" in to_replace["Location"]
    choose = client.get(to_replace["Location"]).content.decode()
    # Ranked by fit: same field and level first; the candidate below the standard is absent.
    assert choose.index("Vũ Thị Hợp") < choose.index("Phạm Văn Khác")
    assert "Lê Thị Chưa Đủ" not in choose
    done = client.post(
        to_replace["Location"].split("?")[0],
        {"replacement": best.pk, "note": "Không hoàn thành nhiệm vụ hai năm liền"},
    )
    assert done.status_code == 302

    leaving.refresh_from_db()
    best.refresh_from_db()
    assert leaving.status == Status.REPLACED and leaving.replaced_by == best
    assert best.status == Status.ACTIVE
    change = StatusChange.objects.get(presenter=leaving, to_status=Status.REPLACED)
    assert change.replaced_by == best and "hai năm liền" in change.reason
    decision = ReviewDecision.objects.get(presenter=leaving)
    assert decision.decision == "replace" and decision.replacement == best

    # The successor joined the round's list; decide and close.
    prefix = f"p{best.pk}"
    client.post(
        f"/presenters/reviews/{review_round.pk}/decide/{best.pk}/",
        {f"{prefix}-decision": "retrain", f"{prefix}-note": "Mới được công nhận"},
    )
    assert client.post(f"/presenters/reviews/{review_round.pk}/close/").status_code == 302
    review_round.refresh_from_db()
    assert review_round.state == "closed"
    assert unfit.status == Status.CANDIDATE and other.status == Status.CANDIDATE


def test_retrain_without_a_reason_is_refused(corps, login, users, tree):
    presenter = corps("Hồ Văn Lý")
    review_round = ReviewRound.objects.create(org=tree.ward_a, year=YEAR, title="Rà soát")
    prefix = f"p{presenter.pk}"
    response = login(users.officer_a).post(
        f"/presenters/reviews/{review_round.pk}/decide/{presenter.pk}/",
        {f"{prefix}-decision": "retrain", f"{prefix}-note": ""},
    )
    assert response.status_code == 400 and "Cần ghi lý do." in response.content.decode()
    assert not ReviewDecision.objects.exists()


def test_rounds_of_another_committee_are_invisible(corps, login, users, tree):
    presenter = corps("Mạc Văn Kín")
    review_round = ReviewRound.objects.create(org=tree.ward_a, year=YEAR, title="Rà soát phường A")
    client = login(users.officer_b)
    assert client.get(f"/presenters/reviews/{review_round.pk}/").status_code == 404
    assert "Rà soát phường A" not in client.get("/presenters/reviews/").content.decode()
    prefix = f"p{presenter.pk}"
    assert (
        client.post(
            f"/presenters/reviews/{review_round.pk}/decide/{presenter.pk}/",
            {f"{prefix}-decision": "keep"},
        ).status_code
        == 404
    )
    assert login(users.member_a).get("/presenters/reviews/").status_code == 403


def test_department_scores_a_presenter_against_the_criteria(corps, login, api, users):
    from quantriet.presenters.models import Criterion, Review

    presenter = corps("Khúc Văn Chấm")
    criteria = list(Criterion.objects.all())
    client = login(users.officer_a)
    form = client.get(f"/presenters/{presenter.pk}/review/?year={YEAR}").content.decode()
    assert all(c.name in form for c in criteria)
    posted = client.post(
        f"/presenters/{presenter.pk}/review/?year={YEAR}",
        {**{f"c{c.pk}": 5 for c in criteria}, "comment": "Nắm chắc nghị quyết"},
    )
    assert posted.status_code == 302
    page = client.get(f"/presenters/{presenter.pk}/?year={YEAR}").content.decode()
    assert "Đánh giá của Ban" in page and "100,0" in page
    # Through the API: every criterion, 1–5; a missing one is named in the error.
    scores = {str(c.pk): 3 for c in criteria}
    url = f"/api/v1/presenters/{presenter.pk}/reviews"
    saved = api(users.officer_a).put(
        url, {"year": YEAR, "scores": scores, "comment": ""}, content_type="application/json"
    )
    assert saved.status_code == 200 and saved.json()["review_part"] == 50.0
    partial = dict(list(scores.items())[1:])
    refused = api(users.officer_a).put(
        url, {"year": YEAR, "scores": partial}, content_type="application/json"
    )
    error = refused.json()["errors"][0]
    assert refused.status_code == 400 and error["field"] == "scores"
    assert criteria[0].name in error["message"]
    assert Review.objects.get().scores.filter(score=3).count() == len(criteria)
    assert (
        api(users.officer_b)
        .put(url, {"year": YEAR, "scores": scores}, content_type="application/json")
        .status_code
        == 404
    )
    assert login(users.officer_b).get(f"/presenters/{presenter.pk}/review/").status_code == 404
