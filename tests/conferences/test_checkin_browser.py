"""The operator's phone page in a real browser: roll call, camera QR scan, offline queue.

Chromium's fake camera plays a Y4M video of an invitee's personal QR code, so the vendored
jsQR decoder reads a real image.
"""

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from quantriet.conferences.checkin.context import clear_context_cache
from quantriet.conferences.checkin.tokens import checkin_token, qr_matrix
from quantriet.conferences.models import CheckIn
from tests.factories import PersonFactory

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
    pytest.skip("Chromium is not installed", allow_module_level=True)

sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright

# Data migrations (organisation kinds and levels) survive the flush after each test.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTH, HEIGHT, FRAMES = 640, 480, 12


def write_qr_video(path: Path, text: str) -> None:
    """A YUV4MPEG2 (4:2:0) video whose every frame shows `text` as a QR code, black on white."""
    matrix = qr_matrix(text)
    quiet = 4
    modules = len(matrix) + 2 * quiet
    scale = min(WIDTH, HEIGHT) * 9 // 10 // modules
    left, top = (WIDTH - modules * scale) // 2, (HEIGHT - modules * scale) // 2
    luma = bytearray(b"\xeb" * (WIDTH * HEIGHT))  # white
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if not dark:
                continue
            y0, x0 = top + (r + quiet) * scale, left + (c + quiet) * scale
            for y in range(y0, y0 + scale):
                luma[y * WIDTH + x0 : y * WIDTH + x0 + scale] = b"\x10" * scale
    chroma = b"\x80" * ((WIDTH // 2) * (HEIGHT // 2))
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(FRAMES):
            out.write(b"FRAME\n")
            out.write(luma)
            out.write(chroma)
            out.write(chroma)


def wait_for(predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


@pytest.fixture
def browser_env(conf, tmp_path, live_server, tree):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    clear_context_cache()
    dung = PersonFactory(full_name="Phạm Thị Dung", org=tree.cell_a1)
    conf.conference.invitations.create(person=dung, site=conf.site_a)
    video = tmp_path / "qr.y4m"
    write_qr_video(video, checkin_token(conf.binh))
    session = Client()
    session.force_login(conf.operator_a)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-video-capture={video}",
            ],
        )
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": session.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        page = context.new_page()
        yield conf, dung, context, page, live_server
        context.close()
        browser.close()


def test_roll_call_qr_scan_and_offline_queue_on_a_phone(browser_env):
    conf, dung, context, page, server = browser_env
    batch_posts = []
    page.on(
        "request",
        lambda r: batch_posts.append(r.url) if r.method == "POST" and "/batch" in r.url else None,
    )
    page.goto(server.url + reverse("conferences:checkin", args=[conf.site_a.pk]))
    roll = page.locator("#qt-roll")

    # (a) roll call: accent-insensitive search, tick the name
    page.fill("#qt-search", "nguyen van an")
    an_row = roll.locator(f'[data-person="{conf.an.pk}"]')
    assert an_row.is_visible()
    assert roll.locator(f'[data-person="{conf.binh.pk}"]').is_hidden()
    an_row.locator(".qt-tick").check()
    page.wait_for_selector(f'#qt-roll [data-person="{conf.an.pk}"].is-present')
    assert page.locator("#qt-banner.is-new").is_visible()
    assert wait_for(lambda: CheckIn.objects.filter(person=conf.an, method="manual").count() == 1)
    assert page.locator('[data-counter="present"]').inner_text() == "1"

    # (b) the camera sees Bình's personal QR code
    page.fill("#qt-search", "")
    page.click("#qt-scan-start")
    page.wait_for_selector(f'#qt-roll [data-person="{conf.binh.pk}"].is-present', timeout=20000)
    assert wait_for(lambda: CheckIn.objects.filter(person=conf.binh, method="qr").count() == 1)
    assert "Trần Thị Bình" in page.locator("#qt-banner").inner_text()
    page.click("#qt-scan-stop")

    # (c) offline: the tick waits in the browser, then goes through the batch endpoint
    context.set_offline(True)
    page.locator(f'#qt-roll [data-person="{dung.pk}"] .qt-tick').check()
    page.wait_for_selector('#qt-waiting[data-count="1"]')
    assert page.locator("#qt-waiting").is_visible()
    assert not CheckIn.objects.filter(person=dung).exists()
    queued = page.evaluate(f"localStorage.getItem('quantriet.checkin.queue.{conf.conference.pk}')")
    context.set_offline(False)
    page.wait_for_selector('#qt-waiting[data-count="0"]', state="attached", timeout=20000)
    page.wait_for_selector(f'#qt-roll [data-person="{dung.pk}"].is-present')
    assert batch_posts, "the queue is sent through the batch endpoint"
    assert CheckIn.objects.filter(person=dung).count() == 1

    # a replayed queue (the same item twice) still counts once
    item = json.loads(queued)[0]
    page.evaluate(
        "([key, items]) => { localStorage.setItem(key, JSON.stringify(items));"
        " window.dispatchEvent(new Event('online')); }",
        [f"quantriet.checkin.queue.{conf.conference.pk}", [item, item]],
    )
    page.wait_for_selector('#qt-waiting[data-count="0"]', state="attached")
    page.wait_for_selector("#qt-banner.is-repeat")
    assert len(batch_posts) >= 2
    assert CheckIn.objects.filter(person=dung).count() == 1
    assert CheckIn.objects.filter(conference=conf.conference).count() == 3
