"""The conference in progress: Uông Bí ward studies the XIV Congress resolution, now.

It started half an hour before the demo was loaded and ends three hours after. Everything a user
does is done here through the same services: the department plans it with the ward as host, the
ward officer adds the sites and the invitation rule, the operators' devices send the check-ins
in batches (`check_in_batch`; about two thirds of the invitees are in, the last ones late), a few
invitees are excused in advance, attendees ask questions from their phones, the moderator approves
and the presenter answers, and a poll is open. `diemcau` (operator of the host site) still has
people to check in, and `dangvien` is invited, not yet checked in, and can ask at once.

Attendees who ask or vote need an account; a dozen are made without a password (nobody can log
in with them; they stand for members using their phones).
"""

from __future__ import annotations

import datetime
import random
import uuid
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from quantriet.conferences.attendance import services as attendance
from quantriet.conferences.checkin import services as checkin
from quantriet.conferences.checkin.tokens import token_for_id
from quantriet.conferences.models import Conference, Format, Invitation, Method
from quantriet.demo.conferences_data import EXCUSE_NOTES, PARTY_CATEGORIES
from quantriet.demo.planner import AgendaPlan, ConferenceCounts, Planner, SitePlan, person_of
from quantriet.dialogue import polls
from quantriet.dialogue import services as dialogue
from quantriet.dialogue.models import Question, Settings
from quantriet.documents.models import Document
from quantriet.orgs.models import Org, Person

LIVE_TITLE = (
    "Hội nghị học tập, quán triệt và triển khai thực hiện Nghị quyết Đại hội XIV của Đảng, "
    "Đảng bộ phường Uông Bí"
)
WARD_NAME = "Đảng bộ phường Uông Bí"
CELL_SITES = 8
ATTENDEE_ACCOUNTS = 12
BATCH = checkin.MAX_BATCH

# (question, asked minutes after the start, status, answer or "", anonymous)
QUESTIONS: tuple[tuple[str, int, str, str, bool], ...] = (
    (
        "Đề nghị báo cáo viên làm rõ: chi bộ khu dân cư cần cụ thể hóa Nghị quyết Đại hội XIV "
        "thành những việc gì trong kế hoạch của chi bộ năm tới?",
        6,
        Question.Status.ANSWERED,
        "Chi bộ khu chọn ba đến bốn việc sát với khu mình: giữ gìn vệ sinh môi trường, an ninh "
        "trật tự, hỗ trợ người dân dùng dịch vụ công trực tuyến, vận động hộ kinh doanh nhỏ phát "
        "triển. Mỗi việc ghi rõ ai phụ trách và thời hạn, kiểm điểm trong sinh hoạt chi bộ hằng "
        "tháng.",
        False,
    ),
    (
        "Đảng viên cao tuổi ở khu chúng tôi không dùng điện thoại thông minh thì học tập nghị "
        "quyết trên nền tảng số như thế nào?",
        11,
        Question.Status.APPROVED,
        "",
        False,
    ),
    (
        "Mục tiêu tăng trưởng từ 10%/năm trở lên giai đoạn 2026–2030 thì phường Uông Bí đóng góp "
        "bằng những động lực nào khi ngành than không tăng sản lượng?",
        14,
        Question.Status.APPROVED,
        "",
        False,
    ),
    (
        "Khi nào thì tuyến đường vận chuyển than qua khu Điền Công được chuyển hẳn sang băng tải "
        "như đã hứa với nhân dân?",
        18,
        Question.Status.APPROVED,
        "",
        True,
    ),
    (
        "Chương trình hành động của Đảng ủy phường thực hiện Chỉ thị 01-CT/TW có giao chỉ tiêu "
        "riêng cho từng chi bộ không?",
        21,
        Question.Status.PENDING,
        "",
        False,
    ),
    (
        "Đề nghị hướng dẫn viết bài thu hoạch: nộp bản giấy cho chi bộ hay nộp trên hệ thống?",
        24,
        Question.Status.PENDING,
        "",
        False,
    ),
    (
        "Nhà văn hóa khu Yên Thanh 2 xuống cấp, mưa là dột. Phường có kế hoạch sửa chữa không?",
        27,
        Question.Status.PENDING,
        "",
        True,
    ),
)
POLL_QUESTION = (
    "Theo đồng chí, chi bộ khu cần ưu tiên việc nào trước khi thực hiện Nghị quyết Đại hội XIV?"
)
POLL_OPTIONS = (
    ("Hỗ trợ người dân dùng dịch vụ công trực tuyến", 3),
    ("Giữ gìn vệ sinh môi trường, giảm bụi than trên các tuyến đường", 4),
    ("Vận động hộ kinh doanh nhỏ phát triển theo Nghị quyết 68-NQ/TW", 2),
    ("Giữ vững an ninh, trật tự ở khu dân cư", 2),
)


@dataclass
class LiveCounts:
    checkins: int = 0
    late: int = 0
    questions: int = 0
    poll_votes: int = 0


def create_live_conference(
    *,
    rng: random.Random,
    users: dict[str, User],
    documents: dict[str, Document],
    counts: ConferenceCounts,
) -> LiveCounts:
    admin, officer, operator = users["bantuyengiao"], users["uongbi"], users["diemcau"]
    presenter = person_of(users.get("baocaovien"))
    chair = person_of(officer)
    ward = Org.objects.get(name=WARD_NAME)
    now = timezone.now()
    start = (now - datetime.timedelta(minutes=30)).replace(second=0, microsecond=0)
    end = start + datetime.timedelta(hours=3, minutes=30)
    minutes = datetime.timedelta(minutes=1)
    cells = _largest_cells(ward)
    planner = Planner(rng, counts)
    planned = planner.plan(
        user=admin,
        planner=officer,
        title=LIVE_TITLE,
        description=(
            "Đảng ủy phường Uông Bí phối hợp với Ban Tuyên giáo và Dân vận Tỉnh ủy tổ chức cho "
            "cán bộ, đảng viên toàn Đảng bộ học tập, quán triệt Nghị quyết Đại hội XIV của Đảng "
            "và Chỉ thị số 01-CT/TW ngày 23/01/2026 của Bộ Chính trị, tại hội trường phường và "
            "điểm cầu các chi bộ khu. Đồng chí đặt câu hỏi cho báo cáo viên ngay trên điện "
            "thoại; câu hỏi được duyệt trước khi hiển thị."
        ),
        format=Format.HYBRID,
        starts_at=start,
        ends_at=end,
        host_org=ward,
        documents=[documents[k] for k in ("xiv", "ct01", "guide_xiv") if k in documents],
        presenters=[p for p in (presenter, chair) if p],
        sites=[
            SitePlan(
                ward,
                "Điểm cầu Hội trường Đảng ủy phường Uông Bí",
                "Hội trường Đảng ủy – HĐND – UBND phường Uông Bí",
                is_host=True,
                operators=[operator],
                officer=officer,
            ),
            *(
                SitePlan(
                    cell,
                    f"Điểm cầu {cell.name}",
                    f"Nhà văn hóa {cell.name.removeprefix('Chi bộ ')}, phường Uông Bí",
                    officer=officer,
                )
                for cell in cells
            ),
        ],
        rules=[([ward], PARTY_CATEGORIES)],
        agenda=[
            AgendaPlan(
                start, start + 10 * minutes, "Khai mạc; tuyên bố lý do, giới thiệu đại biểu", chair
            ),
            AgendaPlan(
                start + 10 * minutes,
                start + 80 * minutes,
                "Chuyên đề 1: Những nội dung cơ bản, cốt lõi và điểm mới trong các văn kiện Đại "
                "hội XIV của Đảng",
                presenter,
            ),
            AgendaPlan(
                start + 90 * minutes,
                start + 150 * minutes,
                "Chuyên đề 2: Chương trình hành động của Đảng ủy phường thực hiện Nghị quyết Đại "
                "hội XIV và Chỉ thị 01-CT/TW",
                chair,
            ),
            AgendaPlan(
                start + 150 * minutes,
                start + 195 * minutes,
                "Trao đổi, đối thoại: báo cáo viên trả lời câu hỏi của đảng viên",
                presenter,
            ),
            AgendaPlan(
                start + 195 * minutes, end, "Hướng dẫn viết bài thu hoạch; kết luận hội nghị", chair
            ),
        ],
    )
    conference = planned.conference
    account_ids = {u.pk for u in users.values()}
    live = LiveCounts()

    # A few excused in advance, through the attendance service.
    excused: set[int] = set()
    others = [i for i in planned.invitees if i.user_id not in account_ids]
    for invitee in rng.sample(others, min(8, len(others))):
        reason = rng.choice(
            [Invitation.Excuse.ILLNESS, Invitation.Excuse.WORK, Invitation.Excuse.FAMILY]
        )
        attendance.mark_excused(
            invitation=Invitation.objects.get(pk=invitee.invitation_id),
            reason=reason,
            note=rng.choice(EXCUSE_NOTES[reason]),
            by=officer,
        )
        excused.add(invitee.person_id)

    # The check-ins so far, as the devices send them: the host's by its operator, the cells' by
    # the ward officer. Nobody with a demo log-in is checked in (they try it themselves).
    host = next(s for s in planned.sites if s.is_host)
    items: dict[int, list[checkin.Item]] = {operator.pk: [], officer.pk: []}
    late_limit = start + datetime.timedelta(minutes=15)
    for invitee in planned.invitees:
        if invitee.user_id in account_ids or invitee.person_id in excused:
            continue
        if rng.random() >= (0.6 if invitee.site_id == host.pk else 0.72):
            continue
        # From 25 minutes before the start to a minute ago; a tail comes after the 15 minutes.
        offset = rng.triangular(-25, 15, -6) if rng.random() < 0.88 else rng.uniform(16, 29)
        moment = min(
            start + datetime.timedelta(minutes=offset), now - datetime.timedelta(seconds=20)
        )
        qr = rng.random() < 0.75
        items[operator.pk if invitee.site_id == host.pk else officer.pk].append(
            checkin.Item(
                client_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                site=invitee.site_id,
                method=Method.QR if qr else Method.MANUAL,
                person=None if qr else invitee.person_id,
                qr=token_for_id(invitee.person_id) if qr else None,
                at=moment,
            )
        )
        live.late += moment > late_limit
    for by in (operator, officer):
        queue = items[by.pk]
        for begin in range(0, len(queue), BATCH):
            results = checkin.check_in_batch(
                conference=conference, items=queue[begin : begin + BATCH], by=by
            )
            bad = [r for r in results if r.checkin is None]
            if bad:
                raise RuntimeError(f"demo check-in refused: {bad[0].message}")
            live.checkins += len(results)
    counts.checkins += live.checkins
    counts.late += live.late

    _dialogue(rng, conference, users, live, start)
    return live


def _largest_cells(ward: Org) -> list[Org]:
    """The residential cells with the most Party members, and always Chi bộ khu 1 (dangvien's)."""
    cells = list(Org.objects.filter(parent=ward, name__startswith="Chi bộ khu").order_by("path"))
    sizes = {
        c.pk: Person.objects.filter(org=c, category__in=PARTY_CATEGORIES).count() for c in cells
    }
    chosen = sorted(cells, key=lambda c: (-sizes[c.pk], c.path))[:CELL_SITES]
    first = next((c for c in cells if c.name == "Chi bộ khu 1"), None)
    if first is not None and first not in chosen:
        chosen[-1] = first
    return chosen


def _attendee_accounts(conference_id: int, count: int, rng: random.Random) -> list[User]:
    """Accounts (no password) for some checked-in members, as if they had signed in on phones."""
    people = list(
        Person.objects.filter(checkins__conference_id=conference_id, user=None)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = sorted(rng.sample(people, min(count, len(people))))
    accounts = []
    for pk in chosen:
        user = User.objects.create_user(f"dudu{pk}")  # no password: cannot log in
        Person.objects.filter(pk=pk).update(user=user)
        accounts.append(user)
    return accounts


def _dialogue(
    rng: random.Random,
    conference: Conference,
    users: dict[str, User],
    live: LiveCounts,
    start: datetime.datetime,
) -> None:
    officer = users["uongbi"]
    presenter_user = users["baocaovien"]
    dialogue.update_settings(
        conference=conference,
        by=officer,
        moderation=Settings.Moderation.APPROVAL,
        anonymity=Settings.Anonymity.MODERATORS,
        moderators=[officer, users["bantuyengiao"]],
    )
    askers = _attendee_accounts(conference.pk, ATTENDEE_ACCOUNTS, rng)
    if len(askers) < len(QUESTIONS):
        return
    asked: list[tuple[Question, int]] = []
    for (text, minute, status, reply, anonymous), asker in zip(QUESTIONS, askers, strict=False):
        question = dialogue.ask_question(
            conference=conference,
            by=asker,
            text=text,
            anonymous=anonymous,
        )
        if status != Question.Status.PENDING:
            question = dialogue.approve(question=question, by=officer)
        if status == Question.Status.ANSWERED:
            question = dialogue.mark_answering(question=question, by=presenter_user)
            dialogue.answer(question=question, by=presenter_user, text=reply, live=True)
        asked.append((question, minute))
        live.questions += 1
    # Votes from the other attendees on the approved questions.
    public = [q for q, _m in asked if q.status != Question.Status.PENDING]
    for voter in askers:
        for question in rng.sample(public, rng.randint(0, len(public))):
            if question.asked_by_id != Person.objects.get(user=voter).pk:
                dialogue.vote(question=question, by=voter)
    # The questions came in over the first half hour: give them the times they were asked.
    for question, minute in asked:
        moment = start + datetime.timedelta(minutes=minute, seconds=rng.randint(0, 59))
        Question.objects.filter(pk=question.pk).update(created_at=moment)
    poll = polls.create_poll(
        conference=conference,
        by=officer,
        question=POLL_QUESTION,
        kind="single",
        options=[text for text, _w in POLL_OPTIONS],
    )
    poll = polls.open_poll(poll=poll, by=officer)
    options = list(poll.options.order_by("position").values_list("pk", flat=True))
    weights = [w for _t, w in POLL_OPTIONS]
    for voter in askers[: len(askers) - 2]:
        choice = rng.choices(options, weights=weights)[0]
        polls.answer_poll(poll=poll, by=voter, options=[choice])
        live.poll_votes += 1
