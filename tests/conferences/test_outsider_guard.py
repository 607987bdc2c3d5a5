"""A user from another organisation finds nothing of a conference: every page and endpoint
that names one (or one of its sites or invitees) answers 404, never the content."""

import pytest
from django.urls import reverse

PAGES = [
    ("conferences:detail", "conference"),
    ("conferences:edit", "conference"),
    ("conferences:sites", "conference"),
    ("conferences:rules", "conference"),
    ("conferences:invitees", "conference"),
    ("conferences:agenda", "conference"),
    ("conferences:materials", "conference"),
    ("conferences:self_checkin", "conference"),
    ("conferences:board", "conference"),
    ("conferences:attendance", "conference"),
    ("conferences:attendance_xlsx", "conference"),
    ("conferences:absentees", "conference"),
    ("conferences:site_edit", "site"),
    ("conferences:checkin", "site"),
    ("conferences:cards", "site"),
    ("dialogue:ask", "conference"),
    ("dialogue:qr", "conference"),
    ("dialogue:moderate", "conference"),
    ("dialogue:presenter", "conference"),
    ("dialogue:screen", "conference"),
    ("dialogue:polls", "conference"),
    ("dialogue:feedback", "conference"),
    ("dialogue:qa", "conference"),
]

API = [
    "/api/v1/conferences/{c}",
    "/api/v1/conferences/{c}/sites",
    "/api/v1/conferences/{c}/invitees",
    "/api/v1/conferences/{c}/attendance",
    "/api/v1/conferences/{c}/questions",
    "/api/v1/conferences/{c}/questions/stats",
    "/api/v1/conferences/{c}/polls",
    "/api/v1/conferences/{c}/qa",
    "/api/v1/conferences/{c}/feedback/summary",
]


@pytest.mark.parametrize(("name", "target"), PAGES)
def test_pages_are_404_for_another_organisation(conf, users, login, name, target):
    pk = conf.conference.pk if target == "conference" else conf.site_a.pk
    response = login(users.outsider).get(reverse(name, args=[pk]))
    assert response.status_code == 404, response.status_code


@pytest.mark.parametrize("path", API)
def test_endpoints_are_404_for_another_organisation(conf, users, api, path):
    response = api(users.outsider).get(path.format(c=conf.conference.pk))
    assert response.status_code == 404, response.content[:200]
    assert response.json()["errors"] == []


def test_invitee_pages_are_404_for_another_organisation(conf, users, login):
    client = login(users.outsider)
    for name in ("conferences:excuse", "conferences:makeup"):
        assert client.get(reverse(name, args=[conf.conference.pk, conf.an.pk])).status_code == 404
    report = reverse("conferences:site_report", args=[conf.conference.pk, conf.site_a.pk])
    assert client.get(report).status_code == 404
