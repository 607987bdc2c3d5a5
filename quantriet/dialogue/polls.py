"""Quick polls during a session: moderators create, open and close them; attendees answer once.

Writes (services) and reads (selectors) of polls, keyword-only. Every change the room must see is
a PUBLIC live event (`poll.opened`, `poll.closed`, `poll.results`), written in the same
transaction and published after commit (see `quantriet.dialogue.events`).

Decisions:
- One open poll per conference: opening a poll closes the one that was open (the room answers
  one question at a time; the screen shows it).
- One answer per person: a second answer is refused ("Đồng chí đã trả lời khảo sát này."), it does not
  replace the first, so a result shown on the screen never shrinks behind the room's back.
- The site of an answer is the person's invitation site (or, for an uninvited person, the site
  where they checked in), so results can be shown per site.
- `poll.results` is emitted after every answer; its payload is the counts only (no names).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from quantriet.conferences.models import CheckIn, Conference, Invitation
from quantriet.core.text import nfc
from quantriet.dialogue import access
from quantriet.dialogue.events import emit
from quantriet.dialogue.models import Poll, PollOption, PollVote
from quantriet.orgs.models import Person

MIN_OPTIONS = 2
MAX_OPTIONS = 10
QUESTION_MAX_LENGTH = 300
OPTION_MAX_LENGTH = 200


# --- reads -----------------------------------------------------------------------------


def polls_for(user: User | AnonymousUser, conference: Conference) -> QuerySet[Poll]:
    """The conference's polls the user may see: drafts only for moderators; options prefetched."""
    qs = Poll.objects.filter(conference=conference).prefetch_related("options")
    if not access.can_moderate(user, conference):
        qs = qs.exclude(status=Poll.Status.DRAFT)
    return qs


def get_poll(user: User | AnonymousUser, pk: object) -> Poll:
    """A poll of a conference the user may see (Http404 otherwise; drafts only for moderators)."""
    try:
        poll = Poll.objects.get(pk=int(pk))  # type: ignore[call-overload]
    except (Poll.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    conference = access.get_live_conference(user, poll.conference_id)
    poll.conference = conference
    if poll.status == Poll.Status.DRAFT and not access.can_moderate(user, conference):
        raise Http404
    return poll


def poll_payload(poll: Poll) -> dict[str, Any]:
    """What listeners are told about a poll (uses prefetched options when present)."""
    return {
        "id": poll.pk,
        "question": poll.question,
        "kind": poll.kind,
        "status": poll.status,
        "options": [{"id": o.pk, "text": o.text} for o in poll.options.all()],
    }


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def results_for(polls: Sequence[Poll]) -> dict[int, dict[str, Any]]:
    """Counts per option, overall and per site, for several polls: three queries in all.

    For a multiple-choice poll a percentage is of the respondents (people), so the bars of a
    poll may add up to more than 100 %; for a single-choice poll the two are the same.
    """
    ids = [p.pk for p in polls]
    if not ids:
        return {}
    options: dict[int, list[PollOption]] = {pk: [] for pk in ids}
    for option in PollOption.objects.filter(poll_id__in=ids).order_by("position", "id"):
        options[option.poll_id].append(option)
    votes = (
        PollVote.objects.filter(poll_id__in=ids)
        .values("poll_id", "option_id", "site_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    people = (
        PollVote.objects.filter(poll_id__in=ids)
        .values("poll_id", "site_id", "site__name")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
    )
    overall: dict[int, dict[int, int]] = {pk: {} for pk in ids}
    per_site: dict[tuple[int, int | None], dict[int, int]] = {}
    for row in votes:
        counts = overall[row["poll_id"]]
        counts[row["option_id"]] = counts.get(row["option_id"], 0) + row["n"]
        site_counts = per_site.setdefault((row["poll_id"], row["site_id"]), {})
        site_counts[row["option_id"]] = row["n"]
    sites: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    respondents: dict[int, int] = dict.fromkeys(ids, 0)
    for row in people:
        respondents[row["poll_id"]] += row["n"]
        sites[row["poll_id"]].append(
            {"id": row["site_id"], "name": row["site__name"] or "", "respondents": row["n"]}
        )
    out = {}
    for poll in polls:
        counts = overall[poll.pk]
        total = respondents[poll.pk]
        site_rows = sorted(sites[poll.pk], key=lambda s: (s["id"] is None, s["name"]))
        for site in site_rows:
            site_counts = per_site.get((poll.pk, site["id"]), {})
            site["options"] = [
                {
                    "id": o.pk,
                    "count": site_counts.get(o.pk, 0),
                    "percent": _percent(site_counts.get(o.pk, 0), site["respondents"]),
                }
                for o in options[poll.pk]
            ]
        out[poll.pk] = {
            "poll": poll.pk,
            "kind": poll.kind,
            "status": poll.status,
            "respondents": total,
            "votes": sum(counts.values()),
            "options": [
                {
                    "id": o.pk,
                    "text": o.text,
                    "count": counts.get(o.pk, 0),
                    "percent": _percent(counts.get(o.pk, 0), total),
                }
                for o in options[poll.pk]
            ],
            "sites": site_rows,
        }
    return out


def poll_results(poll: Poll) -> dict[str, Any]:
    """Counts per option, overall and per site (see `results_for`)."""
    return results_for([poll])[poll.pk]


def answered_poll_ids(user: User | AnonymousUser, polls: Iterable[Poll]) -> set[int]:
    """Which of these polls the user's person has answered (one query)."""
    person_id = _person_id(user)
    ids = [p.pk for p in polls]
    if person_id is None or not ids:
        return set()
    rows = PollVote.objects.filter(poll_id__in=ids, person_id=person_id).values_list(
        "poll_id", flat=True
    )
    return set(rows.distinct())


def _person_id(user: User | AnonymousUser) -> int | None:
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).values_list("pk", flat=True).first()


# --- writes ----------------------------------------------------------------------------


def _require_moderate(user: User | AnonymousUser, conference: Conference) -> None:
    if not access.can_moderate(user, conference):
        raise PermissionDenied


def _clean_options(options: Sequence[str]) -> list[str]:
    cleaned = [nfc(str(text)).strip() for text in options]
    if any(not text for text in cleaned):
        raise ValidationError({"options": _("Phương án trả lời không được để trống.")})
    if any(len(text) > OPTION_MAX_LENGTH for text in cleaned):
        raise ValidationError(
            {
                "options": _("Mỗi phương án dài tối đa %(limit)s ký tự.")
                % {"limit": OPTION_MAX_LENGTH}
            }
        )
    if len({text.casefold() for text in cleaned}) != len(cleaned):
        raise ValidationError({"options": _("Các phương án trả lời không được trùng nhau.")})
    if not MIN_OPTIONS <= len(cleaned) <= MAX_OPTIONS:
        raise ValidationError(
            {
                "options": _("Khảo sát cần từ %(min)s đến %(max)s phương án trả lời.")
                % {"min": MIN_OPTIONS, "max": MAX_OPTIONS}
            }
        )
    return cleaned


def create_poll(
    *, conference: Conference, by: User, question: str, kind: str, options: Sequence[str]
) -> Poll:
    """A draft poll with its options (moderators only). Nothing is shown until it is opened."""
    _require_moderate(by, conference)
    errors: dict[str, str] = {}
    question = nfc(question or "").strip()
    if not question:
        errors["question"] = _("Hãy nhập câu hỏi khảo sát.")
    elif len(question) > QUESTION_MAX_LENGTH:
        errors["question"] = _("Câu hỏi khảo sát dài tối đa %(limit)s ký tự.") % {
            "limit": QUESTION_MAX_LENGTH
        }
    if kind not in Poll.Kind.values:
        errors["kind"] = _("Kiểu khảo sát không hợp lệ.")
    try:
        cleaned = _clean_options(options or [])
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        poll = Poll.objects.create(
            conference=conference, question=question, kind=kind, created_by=by
        )
        PollOption.objects.bulk_create(
            PollOption(poll=poll, text=text, position=i) for i, text in enumerate(cleaned)
        )
    return poll


@transaction.atomic
def open_poll(*, poll: Poll, by: User) -> Poll:
    """Open a draft poll; the poll that was open in this conference closes first.

    Emits `poll.closed` (for that one) and `poll.opened` to everyone following the conference.
    """
    _require_moderate(by, poll.conference)
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    if poll.status != Poll.Status.DRAFT:
        raise ValidationError(_("Chỉ mở được khảo sát đang ở trạng thái chuẩn bị."))
    for other in Poll.objects.filter(conference_id=poll.conference_id, status=Poll.Status.OPEN):
        _close(other)
    poll.status = Poll.Status.OPEN
    poll.save(update_fields=["status"])
    emit(conference_id=poll.conference_id, kind="poll.opened", data=poll_payload(poll))
    return poll


@transaction.atomic
def close_poll(*, poll: Poll, by: User) -> Poll:
    """Close an open poll: no more answers. Emits `poll.closed` with the final results."""
    _require_moderate(by, poll.conference)
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    if poll.status != Poll.Status.OPEN:
        raise ValidationError(_("Khảo sát này không đang mở."))
    _close(poll)
    return poll


def _close(poll: Poll) -> None:
    poll.status = Poll.Status.CLOSED
    poll.save(update_fields=["status"])
    data = poll_payload(poll)
    data["results"] = poll_results(poll)
    emit(conference_id=poll.conference_id, kind="poll.closed", data=data)


def _attendee_site_id(conference_id: int, person_id: int) -> int | None:
    site_id = (
        Invitation.objects.filter(conference_id=conference_id, person_id=person_id)
        .values_list("site_id", flat=True)
        .first()
    )
    if site_id is None:
        site_id = (
            CheckIn.objects.filter(conference_id=conference_id, person_id=person_id)
            .values_list("site_id", flat=True)
            .first()
        )
    return site_id


def answer_poll(*, poll: Poll, by: User, options: Sequence[int]) -> dict[str, Any]:
    """Record one person's answer to an open poll, once; returns the new results.

    Emits `poll.results` (counts only) to everyone following the conference.
    """
    try:
        access.get_live_conference(by, poll.conference_id)
    except Http404:
        raise PermissionDenied from None
    person_id = _person_id(by)
    if person_id is None:
        raise ValidationError(
            _("Tài khoản của đồng chí chưa gắn với hồ sơ cá nhân nên chưa thể trả lời khảo sát.")
        )
    try:
        chosen = {int(o) for o in options or []}
    except (TypeError, ValueError):
        raise ValidationError({"options": _("Phương án không hợp lệ.")}) from None
    with transaction.atomic():
        # Serialises one person's concurrent answers (a double tap): the second sees the first.
        Person.objects.select_for_update().filter(pk=person_id).first()
        poll = Poll.objects.get(pk=poll.pk)
        if poll.status != Poll.Status.OPEN:
            raise ValidationError(_("Khảo sát chưa mở hoặc đã đóng."))
        valid = set(PollOption.objects.filter(poll=poll).values_list("pk", flat=True))
        if not chosen:
            raise ValidationError({"options": _("Hãy chọn một phương án.")})
        if not chosen <= valid:
            raise ValidationError({"options": _("Phương án không thuộc khảo sát này.")})
        if poll.kind == Poll.Kind.SINGLE and len(chosen) != 1:
            raise ValidationError({"options": _("Khảo sát này chỉ được chọn một phương án.")})
        if PollVote.objects.filter(poll=poll, person_id=person_id).exists():
            raise ValidationError(_("Đồng chí đã trả lời khảo sát này."))
        site_id = _attendee_site_id(poll.conference_id, person_id)
        try:
            with transaction.atomic():
                PollVote.objects.bulk_create(
                    PollVote(poll=poll, option_id=o, person_id=person_id, site_id=site_id)
                    for o in sorted(chosen)
                )
        except IntegrityError:
            raise ValidationError(_("Đồng chí đã trả lời khảo sát này.")) from None
        results = poll_results(poll)
        emit(conference_id=poll.conference_id, kind="poll.results", data=results)
    return results
