"""The monthly "Hội nghị báo cáo viên" of the demo corps (`corps`): an online conference of the
department with a site in each ward, the corps invited, attendance counted as training hours."""

from __future__ import annotations

from django.contrib.auth.models import User

from quantriet.conferences.models import Format
from quantriet.demo.conferences_data import WARD_OFFICERS
from quantriet.demo.dates import at, months_back
from quantriet.demo.planner import Planner, SitePlan
from quantriet.demo.presenters_data import BRIEFING_DESCRIPTION, BRIEFING_TITLE
from quantriet.orgs.models import Org
from quantriet.presenters.models import Presenter, Training, TrainingAttendance


def hold_briefings(
    *,
    planner: Planner,
    users: dict[str, User],
    root: Org,
    dept: Org,
    wards: list[Org],
    corps: list[Presenter],
) -> int:
    """The monthly "Hội nghị báo cáo viên" of the past ten months: the province's hall and a
    site in each ward, the corps invited, attendance counted as training hours; → how many."""
    admin = users["bantuyengiao"]
    held = 0
    people = sorted({p.person_id for p in corps})
    ward_sites = [
        SitePlan(
            ward,
            f"Điểm cầu Đảng ủy {ward.name.removeprefix('Đảng bộ ')}",
            f"Phòng họp trực tuyến Đảng ủy {ward.name.removeprefix('Đảng bộ ')}",
            officer=users.get(WARD_OFFICERS[ward.name.removeprefix("Đảng bộ phường ")]),
        )
        for ward in wards
    ]
    for k in range(10, 0, -1):
        day = months_back(k, 5)
        planned = planner.plan(
            user=admin,
            title=BRIEFING_TITLE.format(month=day.month, year=day.year),
            description=BRIEFING_DESCRIPTION,
            format=Format.ONLINE,
            starts_at=at(day, 14),
            ends_at=at(day, 16),
            host_org=root,
            sites=[
                SitePlan(
                    dept,
                    "Điểm cầu Ban Tuyên giáo và Dân vận Tỉnh ủy",
                    "Hội trường Tỉnh ủy Quảng Ninh",
                    is_host=True,
                ),
                *ward_sites,
            ],
            rules=[],
            manual=people,
        )
        checkins, _missing = planner.past_attendance(
            planned, rate=(0.85, 0.8), excused_share=0.6, makeup_share=(0.0, 0.0)
        )
        present = {c.person_id for c in checkins}
        training = Training.objects.create(
            title=planned.conference.title,
            kind=Training.Kind.BRIEFING,
            org=root,
            starts_on=day,
            ends_on=day,
            hours=2,
            conference=planned.conference,
        )
        held += 1
        TrainingAttendance.objects.bulk_create(
            TrainingAttendance(training=training, presenter=p, attended=p.person_id in present)
            for p in corps
        )
    return held
