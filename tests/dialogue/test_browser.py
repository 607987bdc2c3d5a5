"""Two attendees on two sites follow the dialogue in real browsers, live over Server-Sent Events.

The SSE endpoint is an async view: it needs an ASGI server. pytest-django's live_server is a
threaded WSGI server, so uvicorn runs here in a thread of the test process, on the same
(transactional) test database; static files come through Django's ASGI static handler.
"""

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from quantriet.dialogue import services
from quantriet.dialogue.broker import reset_broker
from quantriet.dialogue.models import Question, Settings

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
    pytest.skip("Chromium is not installed", allow_module_level=True)

sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
uvicorn = pytest.importorskip("uvicorn")

# Data migrations (organisation kinds and levels) survive the flush after each test.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def asgi_server(settings):
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from django.core.asgi import get_asgi_application

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    reset_broker()
    port = free_port()
    config = uvicorn.Config(
        ASGIStaticFilesHandler(get_asgi_application()),
        host="127.0.0.1",
        port=port,
        lifespan="off",
        log_level="warning",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    # Open event streams never end by themselves: do not wait for them.
    server.should_exit = True
    server.force_exit = True
    thread.join(timeout=10)
    reset_broker()


def session_cookie(user, url):
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}


def wait_for(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def test_two_sites_see_questions_votes_answers_and_merges_live(dialogue, asgi_server):
    dialogue.settings.moderation = Settings.Moderation.OPEN
    dialogue.settings.save()
    ask_path = reverse("dialogue:ask", args=[dialogue.conference.pk])
    screen_path = reverse("dialogue:screen", args=[dialogue.conference.pk])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        phone = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}
        context_a = browser.new_context(**phone)
        context_b = browser.new_context(**phone)
        context_screen = browser.new_context(viewport={"width": 1600, "height": 900})
        context_a.add_cookies([session_cookie(dialogue.an_user, asgi_server)])
        context_b.add_cookies([session_cookie(dialogue.cuong_user, asgi_server)])
        context_screen.add_cookies([session_cookie(dialogue.operator_a, asgi_server)])
        posts = []
        for context in (context_a, context_b):
            context.on(
                "request",
                lambda request: posts.append(request.url) if request.method == "POST" else None,
            )
        try:
            page_a = context_a.new_page()
            page_b = context_b.new_page()
            screen = context_screen.new_page()
            for page, path in ((page_a, ask_path), (page_b, ask_path), (screen, screen_path)):
                page.goto(asgi_server + path)
                page.wait_for_selector('#qt-dialogue[data-live="open"]', state="attached")

            # An at site A asks (with markup in it); Cường at site B sees it appear as text.
            text = "Nghị quyết <b>mới</b> áp dụng <script>alert(1)</script> cho chi bộ thế nào?"
            page_a.fill("#id_text", text)
            assert page_a.locator("#qt-counter").inner_text().startswith(f"{len(text)}/200")
            page_a.click("#qt-ask-submit")
            page_a.wait_for_selector("#qt-ask-done:not(.d-none)")
            question = Question.objects.get()
            item_b = page_b.locator(f'#qt-questions [data-question-id="{question.pk}"]')
            item_b.wait_for(timeout=15000)
            assert item_b.locator('[data-field="text"]').inner_text() == text
            assert item_b.locator('[data-field="site"]').inner_text() == dialogue.site_a.name
            assert page_b.locator("#qt-questions script, #qt-questions b").count() == 0
            screen.locator(f'#qt-queue [data-question-id="{question.pk}"]').wait_for(timeout=15000)

            # Cường votes; An's count changes without a reload; Cường's button is disabled.
            item_b.locator("button[data-action=vote]").click()
            votes_a = page_a.locator(
                f'#qt-questions [data-question-id="{question.pk}"] [data-field="votes"]'
            )
            assert wait_for(lambda: votes_a.inner_text() == "1")
            assert item_b.locator("button[data-action=vote]").is_disabled()
            # The script asked and voted through the API, not by posting the pages' forms.
            assert posts == [
                f"{asgi_server}/api/v1/conferences/{dialogue.conference.pk}/questions",
                f"{asgi_server}/api/v1/questions/{question.pk}/vote",
            ]

            # A duplicate from site B with a vote of its own, merged by the moderator.
            duplicate = services.ask_question(
                conference=dialogue.conference,
                by=dialogue.cuong_user,
                text="Nghị quyết mới áp dụng cho chi bộ ra sao?",
            )
            services.vote(question=duplicate, by=dialogue.binh_user)
            dup_a = page_a.locator(f'#qt-questions [data-question-id="{duplicate.pk}"]')
            dup_a.wait_for(timeout=15000)
            services.merge(question=duplicate, by=dialogue.moderator, into=question)
            for page in (page_a, page_b):
                page.locator(f'[data-question-id="{duplicate.pk}"]').wait_for(
                    state="detached", timeout=15000
                )
                merged_votes = page.locator(
                    f'#qt-questions [data-question-id="{question.pk}"] [data-field="votes"]'
                )
                assert wait_for(lambda merged_votes=merged_votes: merged_votes.inner_text() == "2")

            # The presenter takes the question, then answers it in writing.
            services.mark_answering(question=question, by=dialogue.presenter_user)
            screen.locator(f'#qt-current [data-question-id="{question.pk}"]').wait_for(
                timeout=15000
            )
            services.answer(
                question=question,
                by=dialogue.presenter_user,
                text="Áp dụng cho mọi chi bộ <i>từ quý III</i>.",
                live=False,
            )
            for page in (page_a, page_b):
                answer = page.locator(
                    f'#qt-questions [data-question-id="{question.pk}"] [data-field="answer-text"]'
                )
                answer.wait_for(timeout=15000)
                assert answer.inner_text() == "Áp dụng cho mọi chi bộ <i>từ quý III</i>."
            status_b = page_b.locator(
                f'#qt-questions [data-question-id="{question.pk}"] [data-field="status"]'
            )
            assert status_b.inner_text() == "Đã trả lời"
            screen.locator(f'[data-question-id="{question.pk}"]').wait_for(
                state="detached", timeout=15000
            )
        finally:
            context_a.close()
            context_b.close()
            context_screen.close()
            browser.close()


def test_moderator_and_presenter_act_through_the_api_from_their_pages(dialogue, asgi_server):
    """The cards' buttons: the script sends each form to /api/v1/ (never as JSON to the page),
    then fetches the changed card as an HTML partial."""
    first = services.ask_question(
        conference=dialogue.conference, by=dialogue.an_user, text="Câu hỏi thứ nhất"
    )
    second = services.ask_question(
        conference=dialogue.conference, by=dialogue.binh_user, text="Câu hỏi thứ hai"
    )
    moderate_path = reverse("dialogue:moderate", args=[dialogue.conference.pk])
    presenter_path = reverse("dialogue:presenter", args=[dialogue.conference.pk])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        moderator = browser.new_context(viewport={"width": 1280, "height": 900})
        presenter = browser.new_context(viewport={"width": 1280, "height": 900})
        moderator.add_cookies([session_cookie(dialogue.moderator, asgi_server)])
        presenter.add_cookies([session_cookie(dialogue.presenter_user, asgi_server)])
        posts = []
        for context in (moderator, presenter):
            context.on(
                "request",
                lambda request: (
                    posts.append((request.method, request.url))
                    if request.method in ("POST", "PATCH")
                    else None
                ),
            )
        try:
            page = moderator.new_page()
            page.goto(asgi_server + moderate_path)
            page.wait_for_selector('#qt-dialogue[data-live="open"]', state="attached")

            # Approve the first: its card leaves the queue without a reload.
            card = page.locator(f'#qt-pending [data-question-id="{first.pk}"]')
            card.locator("button[data-action=approve]").click()
            card.wait_for(state="detached", timeout=15000)
            assert wait_for(lambda: page.locator('[data-count="approved"]').inner_text() == "1")

            # Reject the second with a reason.
            card = page.locator(f'#qt-pending [data-question-id="{second.pk}"]')
            card.locator("input[name=reason]").fill("Không thuộc nội dung hội nghị")
            card.locator("button[data-action=reject]").click()
            card.wait_for(state="detached", timeout=15000)
            second.refresh_from_db()
            assert second.status == Question.Status.REJECTED
            assert second.reject_reason == "Không thuộc nội dung hội nghị"
            assert page.url.endswith(moderate_path)  # no page load

            # The presenter takes the approved question, then answers it in writing.
            page = presenter.new_page()
            page.goto(asgi_server + presenter_path)
            page.wait_for_selector('#qt-dialogue[data-live="open"]', state="attached")
            card = page.locator(f'#qt-waiting [data-question-id="{first.pk}"]')
            card.locator("button[data-action=answering]").click()
            page.locator(
                f'#qt-waiting [data-question-id="{first.pk}"][data-status="answering"]'
            ).wait_for(timeout=15000)
            card = page.locator(f'#qt-waiting [data-question-id="{first.pk}"]')
            card.locator("summary").click()
            card.locator("textarea[name=text]").fill("Trả lời <b>bằng văn bản</b>")
            card.locator("button[data-action=answer]").click()
            answered = page.locator(f'#qt-answered [data-question-id="{first.pk}"]')
            answered.wait_for(timeout=15000)
            assert "Trả lời <b>bằng văn bản</b>" in answered.inner_text()
        finally:
            moderator.close()
            presenter.close()
            browser.close()

    first.refresh_from_db()
    assert first.status == Question.Status.ANSWERED
    assert not first.answers.get().live
    api = f"{asgi_server}/api/v1/questions/"
    assert posts == [
        ("PATCH", f"{api}{first.pk}"),
        ("PATCH", f"{api}{second.pk}"),
        ("PATCH", f"{api}{first.pk}"),
        ("POST", f"{api}{first.pk}/answer"),
    ]
