"""The wards' monthly study conferences of the demo corps (`corps`): a topic, presenters of the
ward's corps, the attendance, and the audience's ratings of each presenter."""

from __future__ import annotations

import random

from django.contrib.auth.models import User

from quantriet.conferences.models import Format
from quantriet.demo.conferences_data import PARTY_CATEGORIES, WARD_OFFICERS
from quantriet.demo.dates import at, months_back
from quantriet.demo.planner import AgendaPlan, Planner, SitePlan
from quantriet.demo.presenters_data import TOPICS
from quantriet.dialogue.models import Feedback
from quantriet.orgs.models import Category, Org
from quantriet.presenters.models import Presenter


def _stars(rng: random.Random, quality: float) -> int:
    if rng.random() < 0.08 + (1 - quality) * 0.25:
        return 3
    return 5 if rng.random() < quality else 4


def hold_ward_conferences(
    *,
    rng: random.Random,
    planner: Planner,
    users: dict[str, User],
    wards: list[Org],
    by_ward: dict[int, list[Presenter]],
    quality: dict[int, float],
) -> tuple[int, int]:
    """Each ward's monthly study conference of the past eleven months: a topic, presenters of
    the ward's corps, the attendance, and the audience's ratings of each presenter (`quality`,
    by presenter id, is how well audiences take them); → (presenters' sessions, feedback)."""
    sessions = 0
    feedback = []
    for w, ward in enumerate(wards):
        corps = by_ward[ward.pk]
        if len(corps) < 2:
            continue
        name = ward.name.removeprefix("Đảng bộ phường ")
        officer = users[WARD_OFFICERS[name]]
        host = SitePlan(
            ward,
            f"Điểm cầu Hội trường Đảng ủy phường {name}",
            f"Hội trường Đảng ủy – HĐND – UBND phường {name}",
            is_host=True,
            operators=[users["diemcau"]] if name == "Uông Bí" else [],
            officer=officer,
        )
        cells = sorted(
            Org.objects.filter(parent=ward, name__startswith="Chi bộ khu"), key=lambda o: o.path
        )[:4]
        for k in range(11, 0, -1):
            day = months_back(k, 8 + 7 * w)
            topic = TOPICS[(k + w) % len(TOPICS)].format(year=day.year)
            # Twice a year all the ward's Party members, at the hall and four khu; the other
            # months the key cadres and cell secretaries at the hall.
            everyone = k % 6 == 1
            speakers = rng.sample(corps, min(3, len(corps)))
            planned = planner.plan(
                user=officer,
                title=f"Hội nghị học tập, quán triệt: {topic} (phường {name}, {day:%d/%m/%Y})",
                format=Format.HYBRID if everyone else Format.IN_PERSON,
                starts_at=at(day, 8),
                ends_at=at(day, 11),
                host_org=ward,
                presenters=[s.person for s in speakers],
                sites=[
                    host,
                    *(
                        SitePlan(
                            cell,
                            f"Điểm cầu {cell.name}",
                            f"Nhà văn hóa {cell.name.removeprefix('Chi bộ ')}, phường {name}",
                            officer=officer,
                        )
                        for cell in (cells if everyone else [])
                    ),
                ],
                rules=[([ward], PARTY_CATEGORIES if everyone else [Category.KEY_CADRE])],
                agenda=[
                    AgendaPlan(
                        at(day, 8 + i),
                        at(day, 9 + i),
                        topic if i == 0 else f"Liên hệ thực tiễn phường {name}",
                        speaker.person,
                    )
                    for i, speaker in enumerate(speakers)
                ],
            )
            sessions += len(speakers)
            checkins, _missing = planner.past_attendance(
                planned, rate=(0.9, 0.85), late_share=0.06, makeup_share=(0.5, 0.3)
            )
            # Some presenters draw far more listeners (and ratings) than others.
            listeners = [c.person_id for c in checkins]
            for person_id in rng.sample(listeners, min(len(listeners), rng.randint(12, 70))):
                speaker = speakers[0] if rng.random() < 0.6 else rng.choice(speakers[1:])
                feedback.append(
                    Feedback(
                        conference=planned.conference,
                        person_id=person_id,
                        presenter=speaker.person,
                        presenter_rating=_stars(rng, quality[speaker.pk]),
                        content_rating=_stars(rng, 0.6),
                        relevance_rating=_stars(rng, 0.5),
                        organisation_rating=_stars(rng, 0.55),
                    )
                )
    # Past feedback in bulk: `give_feedback` stamps the present moment, one row at a time.
    Feedback.objects.bulk_create(feedback)
    return sessions, len(feedback)
