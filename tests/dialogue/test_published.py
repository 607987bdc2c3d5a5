"""Published Q&A: the selector, the Q&A page, the document page block, the API and /search."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from quantriet.conferences.models import Conference
from quantriet.core.text import fold
from quantriet.dialogue.models import Answer, Question
from quantriet.dialogue.published import published_qa
from tests.documents.conftest import make_document


def _ask(d, text, *, answer="", status=Question.Status.ANSWERED, site=None, asker=None, votes=0):
    question = Question.objects.create(
        conference=d.conference,
        site=site or d.site_a,
        asked_by=asker or d.an,
        asker_key=f"k{Question.objects.count()}",
        text=text,
        search_text=fold(text),
        status=status,
        votes=votes,
    )
    if answer is not None:
        Answer.objects.create(question=question, presenter=d.presenter, text=answer, live=False)
    return question


@pytest.fixture
def d(dialogue):
    """The conference ended yesterday; it studied a resolution."""
    started = timezone.now() - datetime.timedelta(days=1)
    Conference.objects.filter(pk=dialogue.conference.pk).update(
        starts_at=started, ends_at=started + datetime.timedelta(hours=3)
    )
    dialogue.conference.refresh_from_db()
    dialogue.document = make_document(
        number="",
        title="Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
        issued_on=datetime.date(2026, 1, 23),
    )
    dialogue.conference.documents.add(dialogue.document)
    return dialogue


# --- selector -------------------------------------------------------------------------------


def test_published_qa_only_answered_questions_with_answers(d):
    answered = _ask(d, "Việc quán triệt nghị quyết ở chi bộ thế nào?", answer="Theo kế hoạch.")
    _ask(d, "Câu hỏi chưa trả lời", status=Question.Status.APPROVED, answer=None)
    _ask(d, "Đã trả lời nhưng chưa có câu trả lời", answer=None)
    _ask(d, "Câu hỏi bị từ chối", status=Question.Status.REJECTED, answer="x")

    assert list(published_qa(user=d.admin, conference=d.conference)) == [answered]


def test_published_qa_waits_until_the_conference_ends(d):
    _ask(d, "Câu hỏi", answer="Trả lời")
    Conference.objects.filter(pk=d.conference.pk).update(
        ends_at=timezone.now() + datetime.timedelta(hours=1)
    )

    assert list(published_qa(user=d.admin, conference=d.conference)) == []


def test_published_qa_outsider_sees_nothing(d):
    _ask(d, "Câu hỏi", answer="Trả lời")

    assert list(published_qa(user=d.stranger)) == []


@pytest.mark.parametrize("q", ["quan triet", "QUÁN TRIỆT", "tiep can so", "khu dan cu"], ids=str)
def test_published_qa_search_ignores_accents_in_questions_and_answers(d, q):
    found = _ask(
        d,
        "Việc quán triệt nghị quyết ở khu dân cư?",
        answer="Ứng dụng tiếp cận số, tổ chức học tập thường xuyên.",
    )
    _ask(d, "Một câu hỏi khác", answer="Một câu trả lời khác")

    assert list(published_qa(user=d.admin, q=q)) == [found]


def test_published_qa_search_matches_accented_capitals_in_answers(d):
    found = _ask(d, "Câu hỏi", answer="ĐẢNG BỘ TỈNH Quảng Ninh")

    assert list(published_qa(user=d.admin, q="dang bo tinh")) == [found]


def test_published_qa_by_document(d):
    found = _ask(d, "Câu hỏi về nghị quyết", answer="Trả lời")
    other = make_document(number="99-KH/TU", title="Kế hoạch khác")

    assert list(published_qa(user=d.admin, document=d.document)) == [found]
    assert list(published_qa(user=d.admin, document=other)) == []


# --- Q&A page ---------------------------------------------------------------------------------


def test_qa_page_outsider_gets_404(d, login):
    assert login(d.stranger).get(reverse("dialogue:qa", args=[d.conference.pk])).status_code == 404


def test_qa_page_shows_site_not_asker_and_escapes_html(d, login):
    _ask(
        d,
        "<script>alert('hỏi')</script> Quán triệt thế nào?",
        answer="<b>Trả lời</b> cụ thể",
        asker=d.binh,
    )

    html = login(d.cuong_user).get(reverse("dialogue:qa", args=[d.conference.pk])).content.decode()

    assert "&lt;script&gt;alert(&#x27;hỏi&#x27;)&lt;/script&gt; Quán triệt thế nào?" in html
    assert "&lt;b&gt;Trả lời&lt;/b&gt; cụ thể" in html
    assert "<b>Trả lời</b>" not in html
    assert "Điểm cầu phường Uông Bí" in html
    assert "Trần Thị Bình" not in html
    assert "Phạm Thị Dung" in html  # the presenter who answered


def test_qa_page_search_without_accents(d, login):
    _ask(d, "Việc quán triệt nghị quyết ở khu dân cư?", answer="Trả lời")
    _ask(d, "Công tác tổ chức hội nghị", answer="Trả lời")

    html = (
        login(d.admin)
        .get(reverse("dialogue:qa", args=[d.conference.pk]), {"q": "quan triet"})
        .content.decode()
    )

    assert "Việc quán triệt nghị quyết ở khu dân cư?" in html
    assert "Công tác tổ chức hội nghị" not in html


@pytest.mark.parametrize("count", [1, 3])
def test_qa_page_runs_a_fixed_number_of_queries(d, login, django_assert_num_queries, count):
    for i in range(count):
        _ask(d, f"Câu hỏi số {i}", answer=f"Trả lời số {i}", site=[d.site_a, d.site_b][i % 2])
    client = login(d.admin)
    url = reverse("dialogue:qa", args=[d.conference.pk])
    client.get(url)  # warm the session

    # session, user, scope (person, grants), conference, count, base.html's user.person,
    # questions, answers: the same for 1 and 3 questions
    with django_assert_num_queries(9):
        response = client.get(url)

    assert response.content.decode().count('id="q-') == count


# --- document page ----------------------------------------------------------------------------


def test_document_page_shows_published_questions_linked_to_the_qa_page(d, login):
    question = _ask(
        d, "Điểm mới của Nghị quyết <là gì>?", answer="Kỷ nguyên vươn mình.", asker=d.binh
    )

    html = login(d.admin).get(reverse("documents:detail", args=[d.document.pk])).content.decode()

    assert "Điểm mới của Nghị quyết &lt;là gì&gt;?" in html
    assert f"{reverse('dialogue:qa', args=[d.conference.pk])}#q-{question.pk}" in html
    assert "Trần Thị Bình" not in html


def test_document_page_without_questions_has_no_qa_block(d, login):
    html = login(d.admin).get(reverse("documents:detail", args=[d.document.pk])).content.decode()

    assert "published-qa" not in html


# --- API --------------------------------------------------------------------------------------


def test_api_conference_qa_with_search(d, api):
    _ask(d, "Việc quán triệt nghị quyết ở khu dân cư?", answer="Theo kế hoạch.", asker=d.binh)
    _ask(d, "Công tác tổ chức", answer="Tốt.")
    url = f"/api/v1/conferences/{d.conference.pk}/qa"

    body = api(d.cuong_user).get(url, {"q": "quan triet"}).json()

    assert body["count"] == 1
    item = body["items"][0]
    assert (item["site"], item["text"]) == (
        "Điểm cầu phường Uông Bí",
        "Việc quán triệt nghị quyết ở khu dân cư?",
    )
    assert item["answers"][0]["text"] == "Theo kế hoạch."
    assert "asked_by" not in item and "Trần Thị Bình" not in str(body)
    assert api(d.stranger).get(url).status_code == 404


def test_api_search_includes_questions_after_documents(d, api):
    question = _ask(
        d, "Việc quán triệt Nghị quyết Đại hội ở khu dân cư?", answer="Theo kế hoạch của chi bộ."
    )

    body = api(d.admin).get("/api/v1/search", {"q": "quan triet nghi quyet"}).json()

    types = [i["type"] for i in body["items"]]
    assert types[-1] == "question"
    item = body["items"][-1]
    assert (item["id"], item["title"], item["snippet"]) == (
        question.pk,
        "Việc quán triệt Nghị quyết Đại hội ở khu dân cư?",
        "Theo kế hoạch của chi bộ.",
    )
    assert item["url"].endswith(f"#q-{question.pk}")
    assert body["count"] == len(body["items"])


def test_api_search_pages_through_documents_then_questions(d, api):
    for i in range(3):
        _ask(d, f"Nghị quyết câu hỏi {i}", answer="Trả lời")

    first = api(d.admin).get("/api/v1/search", {"q": "nghi quyet", "page_size": 2}).json()
    second = (
        api(d.admin).get("/api/v1/search", {"q": "nghi quyet", "page_size": 2, "page": 2}).json()
    )

    assert first["count"] == second["count"] == 4  # the resolution and three questions
    assert [i["type"] for i in first["items"]] == ["document", "question"]
    assert [i["type"] for i in second["items"]] == ["question", "question"]
    ids = [i["id"] for i in first["items"][1:] + second["items"]]
    assert len(set(ids)) == 3


def test_api_search_hides_questions_from_outsiders(d, api):
    _ask(d, "Việc quán triệt nghị quyết?", answer="Trả lời")

    body = api(d.stranger).get("/api/v1/search", {"q": "quan triet"}).json()

    assert [i for i in body["items"] if i["type"] == "question"] == []
