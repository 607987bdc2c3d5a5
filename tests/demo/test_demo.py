"""`manage.py load_demo`: a small version of the Uông Bí demo, loaded once per module."""

import datetime
import io
import uuid
from collections import Counter

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client
from django.utils import timezone

from quantriet.bulletins.models import Bulletin, OpinionReport, Receipt
from quantriet.conferences.checkin.context import clear_context_cache
from quantriet.conferences.models import CheckIn, Conference, Invitation, MakeUp, SiteReport
from quantriet.core.text import fold
from quantriet.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from quantriet.demo.conferences_data import UPCOMING_TITLE, XIV_TITLE
from quantriet.demo.dates import review_year
from quantriet.demo.live_data import LIVE_TITLE
from quantriet.demo.orgs_data import OLD_CITY_NAME, ROOT_NAME
from quantriet.dialogue.models import (
    Answer,
    ModerationLog,
    Poll,
    PollVote,
    Question,
    Settings,
    Vote,
)
from quantriet.dialogue.selectors import asker_key
from quantriet.documents.models import Circulation, Document, DocumentLink
from quantriet.orgs.access import visible_people
from quantriet.orgs.models import Grant, Org, Person
from quantriet.orgs.validators import normalise_party_card
from quantriet.presenters.models import (
    Presenter,
    Review,
    ReviewRound,
    Status,
    StatusChange,
    Training,
)
from quantriet.presenters.selectors import ranking
from quantriet.programs.models import Program, ProgressUpdate, Task
from quantriet.programs.status import TaskStatus, task_status

PEOPLE = 300
WARDS = ["Đảng bộ phường Uông Bí", "Đảng bộ phường Yên Tử", "Đảng bộ phường Vàng Danh"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load once for the module (the load is the slow part), and clean up after."""
    with django_db_blocker.unblock():
        out = io.StringIO()
        call_command("load_demo", people=PEOPLE, stdout=out)
        yield out.getvalue()
        # Sites protect their invitations and check-ins: those go first.
        models = (CheckIn, Invitation, Conference, DocumentLink, Circulation, Document)
        for model in (
            Program,
            OpinionReport,
            Bulletin,
            ReviewRound,
            Training,
            Presenter,
            *models,
            Grant,
            Person,
        ):
            model.objects.all().delete()
        User.objects.all().delete()
        for org in Org.objects.order_by("-depth"):
            org.delete()


@pytest.fixture
def loaded(demo, db):
    return demo


def test_tree_has_root_wards_history_and_mass_organisations(loaded):
    root = Org.objects.get(depth=1, name=ROOT_NAME)
    assert root.kind.code == "province-party"
    for name in WARDS:
        ward = Org.objects.get(name=name)
        assert ward.parent == root
        assert ward.kind.code == "commune-party"
        kinds = set(Org.objects.filter(parent=ward).values_list("kind__code", flat=True))
        assert {"dependent-cell", "fatherland-front"} <= kinds
        # Since 2025 the mass organisations sit under the ward's Fatherland Front (DOMAIN.md).
        front = Org.objects.get(parent=ward, kind__code="fatherland-front")
        under_front = set(Org.objects.filter(parent=front).values_list("kind__code", flat=True))
        assert {
            "youth-union",
            "womens-union",
            "farmers-association",
            "veterans-association",
            "trade-union",
        } <= under_front
    old_city = Org.objects.get(name=OLD_CITY_NAME)
    assert not old_city.is_active
    assert old_city.dissolved_on.isoformat() == "2025-06-30"
    assert not old_city.people.exists()
    assert Org.objects.filter(name__startswith="Đảng bộ Công ty Than").count() == 3
    assert 150 <= Org.objects.count() <= 250


def test_people_are_about_the_number_asked_with_unique_cards(loaded):
    assert PEOPLE <= Person.objects.count() <= PEOPLE + len(DEMO_ACCOUNTS)
    cards = list(Person.objects.exclude(party_card_no=None).values_list("party_card_no", flat=True))
    assert cards
    assert len(cards) == len(set(cards))
    assert all(normalise_party_card(card) == card for card in cards)
    assert not Person.objects.filter(search_name="").exists()
    person = Person.objects.filter(full_name__contains="ị").first()
    assert person is not None
    assert "ị" not in person.search_name


def test_documents_include_a_secret_one_with_circulation_and_linked_plan(loaded):
    assert Document.objects.count() >= 12
    secret = Document.objects.get(secrecy="mat")
    assert Circulation.objects.filter(document=secret, role="officer").count() == 3
    assert Circulation.objects.filter(document=secret, role="admin", org__depth=1).exists()
    plan = Document.objects.get(number="15-KH/ĐU")
    link = DocumentLink.objects.get(source=plan)
    assert link.relation == "implements"
    assert "Đảng bộ tỉnh Quảng Ninh lần thứ XVI" in link.target.title
    assert Document.objects.filter(number="57-NQ/TW", search_text__contains="doi moi").exists()


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.username)
def test_each_demo_account_logs_in_and_holds_its_grant(loaded, account):
    client = Client()
    assert client.login(request=HttpRequest(), username=account.username, password=DEMO_PASSWORD)
    user = User.objects.get(username=account.username)
    if not account.role:
        assert user.is_superuser
        return
    assert Grant.objects.filter(
        account=user, role=account.role, org__name=account.org_name
    ).exists()
    assert user.person.full_name == account.full_name


def test_ward_officer_sees_only_the_ward_subtree(loaded):
    officer = User.objects.get(username="uongbi")
    ward = Org.objects.get(name="Đảng bộ phường Uông Bí")
    visible = visible_people(officer)
    assert visible.count() == Person.objects.filter(org__path__startswith=ward.path).count() > 0
    assert not visible.exclude(org__path__startswith=ward.path).exists()


def test_member_account_is_a_party_member_of_a_residential_cell(loaded):
    person = User.objects.get(username="dangvien").person
    assert person.party_card_no
    assert person.org.name == "Chi bộ khu 1"
    assert person.org.parent.name == "Đảng bộ phường Uông Bí"


def test_running_twice_changes_nothing_and_prints_the_accounts(loaded):
    assert "Tài khoản demo" in loaded
    assert "hội nghị" in loaded
    assert "25 câu hỏi" in loaded
    assert "đánh giá" in loaded
    models = (Org, Person, Document, Conference, Invitation, CheckIn)
    counts = [model.objects.count() for model in models]
    out = io.StringIO()
    call_command("load_demo", people=PEOPLE, stdout=out)
    assert [model.objects.count() for model in models] == counts
    assert "không nạp lại" in out.getvalue()
    assert "bantuyengiao" in out.getvalue()


def test_xiv_conference_has_about_sixty_sites_with_one_host_at_the_province(loaded):
    conference = Conference.objects.get(title=XIV_TITLE)
    assert conference.host_org.name == ROOT_NAME
    assert conference.format == "hybrid"
    assert conference.starts_at.isoformat() == "2026-02-07T00:30:00+00:00"  # 07:30 in Hà Nội
    assert 55 <= conference.sites.count() <= 65
    host = conference.sites.get(is_host=True)
    assert host.org.name == ROOT_NAME
    assert "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng" in set(
        conference.documents.values_list("title", flat=True)
    )
    assert conference.presenters.filter(user__username="baocaovien").exists()
    assert 4 <= conference.agenda.count() <= 6
    ward_site = conference.sites.get(org__name="Đảng bộ phường Uông Bí")
    assert list(ward_site.operators.values_list("username", flat=True)) == ["diemcau"]


@pytest.mark.parametrize("title", [XIV_TITLE, UPCOMING_TITLE])
def test_invitations_sit_at_the_nearest_site_above_the_person(loaded, title):
    conference = Conference.objects.get(title=title)
    site_paths = set(conference.sites.values_list("org__path", flat=True))
    rows = conference.invitations.values_list("person__org__path", "site__org__path", "site_id")
    assert rows
    per_site = {}
    for person_path, site_path, site_id in rows:
        assert person_path.startswith(site_path)
        # No other site sits between the person and their site.
        between = {p for p in site_paths if person_path.startswith(p) and len(p) > len(site_path)}
        assert not between
        per_site[site_id] = per_site.get(site_id, 0) + 1
    for site in conference.sites.all():
        assert site.expected == per_site.get(site.pk, 0)


def test_xiv_attendance_has_late_excused_absent_and_make_up_study(loaded):
    conference = Conference.objects.get(title=XIV_TITLE)
    invited = conference.invitations.count()
    checkins = conference.checkins.all()
    people = list(checkins.values_list("person_id", flat=True))
    assert len(people) == len(set(people))
    present = checkins.filter(invited=True)
    assert 0.8 * invited <= present.count() <= 0.95 * invited
    late = present.filter(late=True)
    assert late.exists()
    assert all(c.at.isoformat() > "2026-02-07T00:45:00+00:00" for c in late)
    assert not present.filter(late=False, at__gt="2026-02-07T00:45:00+00:00").exists()
    assert set(checkins.values_list("method", flat=True)) == {"qr", "manual", "self"}
    # Each invited check-in is at the person's site.
    site_of = dict(conference.invitations.values_list("person_id", "site_id"))
    assert all(site_of[p] == s for p, s in present.values_list("person_id", "site_id"))
    excused = conference.invitations.exclude(excuse="")
    assert excused.exists()
    assert not excused.filter(person__in=people).exists()
    assert not excused.filter(excuse_note="").exists()
    absent = conference.invitations.filter(excuse="").exclude(person__in=people)
    assert absent.exists()
    makeups = MakeUp.objects.filter(conference=conference)
    assert makeups.exists()
    assert not makeups.filter(person__in=people).exists()
    assert {"session", "self_study"} == set(makeups.values_list("kind", flat=True))
    reports = SiteReport.objects.filter(site__conference=conference)
    assert 0 < reports.count() < conference.sites.count()
    for report in reports.select_related("site"):
        assert report.present == checkins.filter(site=report.site).count()


def test_upcoming_conference_has_invitations_and_nobody_checked_in(loaded):
    conference = Conference.objects.get(title=UPCOMING_TITLE)
    assert conference.starts_at > timezone.now()
    assert conference.host_org.name == "Đảng bộ phường Uông Bí"
    assert 10 <= conference.sites.count() <= 20
    assert conference.sites.filter(is_host=True).count() == 1
    assert conference.invitations.exists()
    assert not conference.checkins.exists()
    assert not MakeUp.objects.filter(conference=conference).exists()


def test_xiv_dialogue_questions_are_answered_voted_and_moderated_on_the_record(loaded):
    conference = Conference.objects.get(title=XIV_TITLE)
    settings = Settings.objects.get(conference=conference)
    assert (settings.moderation, settings.anonymity) == ("approval", "moderators")
    S = Question.Status
    questions = list(conference.questions.all())
    statuses = Counter(q.status for q in questions)
    assert statuses == {S.ANSWERED: 17, S.APPROVED: 3, S.REJECTED: 2, S.MERGED: 2, S.PENDING: 1}
    attendees = set(conference.checkins.values_list("person_id", flat=True))
    presenters = set(conference.presenters.values_list("pk", flat=True))
    logs = Counter(
        ModerationLog.objects.filter(
            question__conference=conference, actor__username="bantuyengiao"
        ).values_list("question_id", "action")
    )
    assert ModerationLog.objects.filter(question__conference=conference).count() == logs.total()
    for q in questions:
        assert q.asked_by_id in attendees
        assert q.asker_key == asker_key(conference.pk, q.asked_by_id)
        assert q.search_text == fold(q.text)
        assert q.votes == q.vote_rows.count()
        if q.status != S.PENDING:
            assert logs[q.pk, "reject" if q.status == S.REJECTED else "approve"] == 1
    assert any(q.anonymous for q in questions)
    for q in (q for q in questions if q.status == S.ANSWERED):
        answers = list(q.answers.all())
        assert answers
        assert all(a.presenter_id in presenters and len(a.text) > 100 for a in answers)
        assert logs[q.pk, "answered"] == 1
    assert {True, False} == set(
        Answer.objects.filter(question__conference=conference).values_list("live", flat=True)
    )
    for q in (q for q in questions if q.status == S.REJECTED):
        assert q.reject_reason
        assert ModerationLog.objects.filter(
            question=q, action="reject", reason=q.reject_reason
        ).exists()
    for q in (q for q in questions if q.status == S.MERGED):
        assert q.merged_into.status == S.ANSWERED
        assert logs[q.pk, "merge"] == 1
    assert conference.questions.filter(status=S.PENDING, moderation_log__isnull=True).exists()
    voters = Vote.objects.filter(question__conference=conference).values_list(
        "person_id", flat=True
    )
    assert set(voters) <= attendees


def test_xiv_poll_and_feedback_come_from_attendees_once_each(loaded):
    conference = Conference.objects.get(title=XIV_TITLE)
    attendees = set(conference.checkins.values_list("person_id", flat=True))
    poll = Poll.objects.get(conference=conference)
    assert (poll.status, poll.kind, poll.options.count()) == ("closed", "single", 4)
    votes = list(PollVote.objects.filter(poll=poll).values_list("person_id", "site_id"))
    assert votes
    people = [person for person, _site in votes]
    assert len(people) == len(set(people))
    assert set(people) <= attendees
    assert all(site for _person, site in votes)
    feedback = conference.feedback.all()
    people = list(feedback.values_list("person_id", flat=True))
    assert people
    assert len(people) == len(set(people))
    assert set(people) <= attendees
    presenters = set(conference.presenters.values_list("pk", flat=True))
    assert set(feedback.values_list("presenter_id", flat=True)) <= presenters
    ratings = set(feedback.values_list("presenter_rating", "content_rating"))
    assert {r for pair in ratings for r in pair} <= {3, 4, 5}
    assert feedback.exclude(comment="").exists()
    upcoming = Conference.objects.get(title=UPCOMING_TITLE)
    assert not upcoming.questions.exists()
    assert not upcoming.feedback.exists()


def test_corps_with_a_year_of_history_and_a_ranking_with_reasons(loaded):
    presenters = Presenter.objects.filter(kind="presenter")
    assert presenters.filter(status=Status.ACTIVE).count() >= 3
    # (Propagandists come from the cells' members: this 300-person demo leaves none over.)
    replaced = presenters.filter(status=Status.REPLACED).first()
    if replaced is not None:
        change = StatusChange.objects.get(presenter=replaced, to_status=Status.REPLACED)
        assert change.replaced_by == replaced.replaced_by and change.reason
    assert Training.objects.filter(kind="briefing", conference__isnull=False).count() == 10
    ranked = ranking(Presenter.objects.all(), review_year())
    assert ranked and all(r.score.reason for r in ranked)
    assert [r.score.total for r in ranked] == sorted((r.score.total for r in ranked), reverse=True)
    assert any(r.figures.review for r in ranked)
    # The past year's sessions: in the first weeks of January all of them lie in the year before.
    last_year = ranking(Presenter.objects.all(), review_year() - 1)
    assert any(r.figures.ratings for r in ranked + last_year)
    mine = User.objects.get(username="baocaovien").person.presenter
    assert mine.status == Status.ACTIVE and mine.tier.code == "province"


def test_bulletins_with_read_receipts_and_opinion_reports(loaded):
    bulletins = Bulletin.objects.exclude(published_at=None)
    assert bulletins.count() == 11
    assert OpinionReport.objects.exists()


def test_action_programmes_from_the_province_down_with_late_tasks(loaded):
    province = Program.objects.get(org__depth=1)
    assert province.status == "issued" and province.number == "05-CTr/TU"
    wards = Program.objects.filter(parent=province)
    assert wards.count() == 3 and wards.filter(status="draft").count() == 1
    assert not Task.objects.filter(program__status="issued", owner__isnull=True).exists()
    assert Task.objects.filter(program__status="issued", progress__gt=0).exists()


# --- dated from the load day: what a user sees as today's state ---------------------------


def _month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def test_this_months_bulletin_is_out_with_the_months_before_it(loaded):
    today = timezone.localdate()
    now = timezone.now()
    this_month = today.replace(day=1)
    bulletin = Bulletin.objects.get(month=this_month)
    assert bulletin.title.startswith(f"Thông tin định hướng tháng {today.month}/{today.year}:")
    assert bulletin.published_at <= now
    assert bulletin.receipts.exists()
    # The last several months up to this one, one a month, each named by its own month.
    months = sorted(Bulletin.objects.values_list("month", flat=True))
    assert [_month_index(m) for m in months] == list(
        range(_month_index(today) - len(months) + 1, _month_index(today) + 1)
    )
    for b in Bulletin.objects.all():
        assert b.month.day == 1
        assert b.title.startswith(f"Thông tin định hướng tháng {b.month.month}/{b.month.year}:")
        for year in range(2020, 2040):  # an anniversary's closing year is the bulletin's year
            if f"– 3/2/{year})" in b.title or f"– 18/11/{year})" in b.title:
                assert year == b.month.year
    receipts = Receipt.objects.filter(bulletin__org__depth=1)
    assert not receipts.filter(read_at__gt=now).exists()
    assert not receipts.filter(reminded_at__gt=now).exists()
    oldest = Bulletin.objects.order_by("month").first()
    assert oldest.receipts.exclude(read_at=None).count() > oldest.receipts.count() / 2
    assert not OpinionReport.objects.filter(created_at__gt=now).exists()
    assert not OpinionReport.objects.filter(reviewed_at__gt=now).exists()
    recent = now - datetime.timedelta(days=31)
    assert OpinionReport.objects.filter(created_at__gt=recent).exists()


def test_the_province_programme_has_done_on_track_at_risk_and_overdue_tasks_today(loaded):
    today = timezone.localdate()
    province = Program.objects.get(org__depth=1)
    tasks = list(province.tasks.all())
    statuses = Counter(task_status(t.progress, t.start_on, t.due_on, today) for t in tasks)
    assert {TaskStatus.DONE, TaskStatus.ON_TRACK, TaskStatus.AT_RISK, TaskStatus.OVERDUE} <= set(
        statuses
    )
    # Issued some months ago; the open tasks fall due over the coming months.
    assert today - datetime.timedelta(days=366) < province.issued_on < today
    coming = {_month_index(t.due_on) for t in tasks if t.due_on > today}
    assert len(coming) >= 4
    assert all(t.done_on <= today for t in tasks if t.done_on)
    # A few overdue, not every task.
    issued = Task.objects.filter(program__status="issued")
    overdue = [
        t for t in issued if task_status(t.progress, t.start_on, t.due_on, today) == "overdue"
    ]
    assert 0 < len(overdue) <= issued.count() / 4


def test_no_task_is_due_before_its_programme_is_issued(loaded):
    now = timezone.now()
    assert Program.objects.filter(status="issued").count() >= 3
    for program in Program.objects.filter(status="issued"):
        assert program.issued_on <= timezone.localdate()
        for task in program.tasks.all():
            assert task.due_on >= program.issued_on, (program.title, task.title)
            assert program.starts_on <= task.due_on <= program.ends_on
        reports = ProgressUpdate.objects.filter(task__program=program)
        assert not reports.filter(created_at__gt=now).exists()
        assert not reports.filter(created_at__date__lt=program.issued_on).exists()


def test_no_programme_is_issued_before_the_document_it_implements(loaded):
    programs = Program.objects.select_related("document")
    assert programs.exists()
    for program in programs:
        assert program.starts_on >= program.document.issued_on
        if program.issued_on:
            assert program.issued_on > program.document.issued_on


def test_presenters_are_reviewed_for_the_current_year_with_its_events_behind(loaded):
    today = timezone.localdate()
    assert review_year() == today.year
    assert Review.objects.filter(year=today.year).exists()
    assert not Review.objects.exclude(year=today.year).exists()
    assert ReviewRound.objects.filter(year=today.year).exists()
    assert not StatusChange.objects.filter(on__gt=today).exists()
    assert not Training.objects.filter(starts_on__gt=today).exists()
    for training in Training.objects.filter(title__contains=" năm 20"):
        assert training.title.endswith(f"năm {training.starts_on.year}")
    # After the national conference of 7/2/2026, however early in 2026 the demo is loaded.
    for update in Training.objects.filter(title__contains="Nghị quyết Đại hội XIV"):
        assert update.starts_on > datetime.date(2026, 2, 7)
    for conference in Conference.objects.filter(title__startswith="Hội nghị báo cáo viên tháng"):
        day = timezone.localtime(conference.starts_at).date()
        assert conference.title == f"Hội nghị báo cáo viên tháng {day.month}/{day.year}"


# --- what a user finds on the day the demo is loaded --------------------------------------


def _live():
    now = timezone.now()
    return Conference.objects.get(starts_at__lte=now, ends_at__gt=now)


def test_a_conference_is_in_progress_now_with_check_ins_questions_and_a_poll(loaded):
    conference = _live()
    assert conference.title == LIVE_TITLE
    now = timezone.now()
    assert 25 * 60 <= (now - conference.starts_at).total_seconds() <= 35 * 60
    assert 2.9 * 3600 <= (conference.ends_at - now).total_seconds() <= 3.1 * 3600
    assert conference.host_org.name == "Đảng bộ phường Uông Bí"
    assert conference.sites.count() >= 2
    assert conference.sites.get(is_host=True).operators.filter(username="diemcau").exists()
    invited = conference.invitations.count()
    checkins = conference.checkins.all()
    assert 0.4 * invited <= checkins.count() < invited
    assert checkins.filter(late=True).exists() and checkins.filter(late=False).exists()
    assert not checkins.filter(at__gt=now).exists()
    assert conference.invitations.exclude(excuse="").exists()
    statuses = set(conference.questions.values_list("status", flat=True))
    assert {"pending", "approved", "answered"} <= statuses
    poll = Poll.objects.get(conference=conference, status="open")
    assert PollVote.objects.filter(poll=poll).exists()
    assert conference.presenters.filter(user__username="baocaovien").exists()
    assert conference.agenda.filter(
        presenter__user__username="baocaovien", starts_at__lte=now, ends_at__gt=now
    ).exists()


@pytest.mark.parametrize(
    "username", ["bantuyengiao", "uongbi", "diemcau", "baocaovien", "dangvien"]
)
def test_the_conference_in_progress_is_on_the_first_page_of_the_list(loaded, username):
    client = Client()
    assert client.login(request=HttpRequest(), username=username, password=DEMO_PASSWORD)
    response = client.get("/conferences/")
    assert response.status_code == 200
    page = response.content.decode()
    assert LIVE_TITLE in page
    # Marked as happening now, and only it.
    assert page.count("Đang diễn ra") == 1
    assert page.index("Đang diễn ra") < page.index(LIVE_TITLE)


def test_the_operator_checks_someone_in_at_once(loaded, api):
    clear_context_cache()
    conference = _live()
    host = conference.sites.get(is_host=True)
    present = conference.checkins.values_list("person_id", flat=True)
    waiting = (
        conference.invitations.filter(site=host, excuse="")
        .exclude(person_id__in=present)
        .values_list("person_id", flat=True)
        .first()
    )
    assert waiting is not None
    before = conference.checkins.count()
    response = api(User.objects.get(username="diemcau")).post(
        f"/api/v1/conferences/{conference.pk}/checkins",
        {"client_id": str(uuid.uuid4()), "site": host.pk, "method": "manual", "person": waiting},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["person"] == waiting
    assert conference.checkins.count() == before + 1


def test_the_member_is_invited_and_asks_a_question_at_once(loaded, api):
    conference = _live()
    member = User.objects.get(username="dangvien")
    assert conference.invitations.filter(person=member.person).exists()
    response = api(member).post(
        f"/api/v1/conferences/{conference.pk}/questions",
        {"text": "Chi bộ khu 1 triển khai Nghị quyết trong quý tới như thế nào?"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert conference.questions.filter(asked_by=member.person, status="pending").exists()


def test_every_conference_has_sites_and_invitees(loaded):
    conferences = Conference.objects.all()
    assert conferences.count() >= 40
    assert not conferences.filter(sites__isnull=True).exists()
    assert not conferences.filter(invitations__isnull=True).exists()
    assert conferences.filter(starts_at__gt=timezone.now()).exists()
    year_ago = timezone.now() - datetime.timedelta(days=366)
    past = conferences.filter(ends_at__lt=timezone.now(), starts_at__gt=year_ago)
    assert past.count() >= 30
    assert not past.filter(checkins__isnull=True).exists()
    assert not conferences.filter(title__icontains="giao ban").exists()
    assert conferences.filter(title__startswith="Hội nghị báo cáo viên tháng").count() == 10


def test_xiv_national_conference_has_its_real_title_and_hours(loaded):
    conference = Conference.objects.get(title=XIV_TITLE)
    assert XIV_TITLE == (
        "Hội nghị toàn quốc nghiên cứu, học tập, quán triệt và triển khai thực hiện Nghị quyết "
        "Đại hội XIV của Đảng"
    )
    assert conference.ends_at.isoformat() == "2026-02-07T10:00:00+00:00"  # 17:00 in Hà Nội
    assert "Phòng họp Diên Hồng, Nhà Quốc hội" in conference.description


def test_documents_follow_the_domain_facts(loaded):
    ct45 = Document.objects.get(number="45-CT/TW")
    assert ct45.issued_on.isoformat() == "2025-04-14"
    assert DocumentLink.objects.filter(
        source=ct45, target__number="35-CT/TW", relation="replaces"
    ).exists()
    assert Document.objects.get(number="01-CT/TW").issued_on.isoformat() == "2026-01-23"
    regulation = Document.objects.get(number="973-QĐ/BTGTW")
    assert regulation.issued_on.isoformat() == "2021-12-15"
    xiv = Document.objects.get(title="Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng")
    assert "của Đảng, đoàn kết" not in xiv.summary
    assert Document.objects.filter(
        title__contains="Đảng bộ phường Uông Bí lần thứ I", issued_on="2025-08-08"
    ).exists()
    qn16 = Document.objects.get(
        title__contains="Đảng bộ tỉnh Quảng Ninh lần thứ XVI", kind="resolution"
    )
    assert qn16.issued_on.isoformat() == "2025-09-27"
    for number in ("05-HD/BTGDVTU", "15-KH/ĐU", "28-KH/TU"):
        assert "ví dụ minh họa" in Document.objects.get(number=number).summary


def test_wards_have_their_real_composition_and_khu(loaded):
    assert not [n for n in Org.objects.values_list("name", flat=True) if "to dan pho" in fold(n)]
    assert not Person.objects.filter(position__icontains="tổ dân phố").exists()
    where = {
        "Chi bộ khu Trưng Vương 1": "Đảng bộ phường Vàng Danh",
        "Chi bộ khu Nam Khê 1": "Đảng bộ phường Vàng Danh",
        "Chi bộ khu Bắc Sơn 1": "Đảng bộ phường Vàng Danh",
        "Chi bộ khu Điền Công 1": "Đảng bộ phường Uông Bí",
        "Chi bộ khu Thanh Sơn 1": "Đảng bộ phường Uông Bí",
        "Chi bộ khu Yên Thanh 1": "Đảng bộ phường Uông Bí",
        "Chi bộ khu Phương Đông 1": "Đảng bộ phường Yên Tử",
        "Chi bộ khu Thượng Yên Công": "Đảng bộ phường Yên Tử",
    }
    for cell, ward in where.items():
        assert Org.objects.get(name=cell).parent.name == ward
    uong_bi = Org.objects.get(name="Đảng bộ phường Uông Bí")
    assert not Org.objects.filter(
        path__startswith=uong_bi.path, name__regex=r"khu (Trưng Vương|Nam Khê)"
    ).exists()


def test_presenters_have_real_theory_levels_and_tier_names(loaded):
    assert not Presenter.objects.filter(theory_level__gt=3).exists()
    names = set(Presenter.objects.values_list("tier__name", flat=True))
    assert names <= {
        "Báo cáo viên Trung ương",
        "Báo cáo viên cấp tỉnh (Tỉnh ủy)",
        "Báo cáo viên Đảng ủy xã, phường, đặc khu",
        "Tuyên truyền viên cơ sở",
    }


def test_issued_programmes_show_who_submitted_and_issued_them_on_their_days(loaded):
    from quantriet.programs.models import Program

    issued = Program.objects.filter(status=Program.State.ISSUED).prefetch_related("transitions")
    assert issued.exists()
    for program in issued:
        steps = list(program.transitions.all())
        assert [s.to_status for s in steps] == ["submitted", "issued"], program
        assert all(s.by_id is not None for s in steps)
        assert timezone.localtime(steps[-1].created_at).date() == program.issued_on
        assert steps[0].created_at < steps[-1].created_at
