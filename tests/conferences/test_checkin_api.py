import datetime
import json
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quantriet.conferences.checkin.context import clear_context_cache
from quantriet.conferences.checkin.tokens import checkin_token
from quantriet.conferences.models import CheckIn, Conference
from tests.factories import PersonFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_context_cache()


def url(conf, batch=False):
    base = f"/api/v1/conferences/{conf.conference.pk}/checkins"
    return base + "/batch" if batch else base


def body(conf, **kwargs):
    data = {"client_id": str(uuid.uuid4()), "site": conf.site_a.pk, "method": "qr"}
    data.update(kwargs)
    return data


def post(client, path, data):
    return client.post(path, data, content_type="application/json")


def test_first_201_then_200_with_the_original_record(conf, api):
    client = api(conf.operator_a)
    first = post(client, url(conf), body(conf, qr=checkin_token(conf.an)))
    assert first.status_code == 201
    created = first.json()
    assert created["person"] == conf.an.pk and created["person_name"] == "Nguyễn Văn An"
    assert created["site_name"] == "Điểm cầu phường Uông Bí"
    assert created["repeat"] is False and created["invited"] is True

    again = post(client, url(conf), body(conf, person=conf.an.pk, method="manual"))
    assert again.status_code == 200
    data = again.json()
    assert data["id"] == created["id"] and data["at"] == created["at"]
    assert data["method"] == "qr" and data["repeat"] is True
    assert data["message"] == f"Đã điểm danh lúc {created['at_local']} tại Điểm cầu phường Uông Bí."
    assert CheckIn.objects.count() == 1


def test_same_client_id_replayed_is_200_and_one_row(conf, api):
    client = api(conf.operator_a)
    data = body(conf, person=conf.an.pk, method="manual")
    assert post(client, url(conf), data).status_code == 201
    replay = post(client, url(conf), data)
    assert replay.status_code == 200 and replay.json()["repeat"] is True
    assert CheckIn.objects.count() == 1


def test_forged_token_is_400_with_the_message(conf, api):
    response = post(api(conf.operator_a), url(conf), body(conf, qr=checkin_token(conf.an) + "x"))
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "qr", "message": "Mã QR không hợp lệ hoặc đã bị làm giả."}
    ]
    assert not CheckIn.objects.exists()


def test_qr_with_a_lone_surrogate_is_400_not_a_crash(conf, api):
    # JSON may carry "\ud800", which decodes to a string no encoder accepts.
    raw = json.dumps(body(conf))[:-1] + ', "qr": "QT1b.\\ud800"}'
    response = api(conf.operator_a).post(url(conf), raw, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "qr"
    assert not CheckIn.objects.exists()


def test_site_of_another_conference_is_400(conf, api, tree):
    other = Conference.objects.create(
        title="Hội nghị khác",
        starts_at=conf.conference.starts_at,
        ends_at=conf.conference.ends_at,
        host_org=tree.province,
    )
    foreign = other.sites.create(name="Điểm cầu khác", org=tree.ward_a)
    foreign.operators.add(conf.operator_a)
    response = post(api(conf.operator_a), url(conf), body(conf, site=foreign.pk, person=conf.an.pk))
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "site"


def test_conference_outside_the_callers_view_is_404(conf, api, users):
    response = post(api(users.outsider), url(conf), body(conf, person=conf.an.pk))
    assert response.status_code == 404
    missing = post(api(conf.operator_a), "/api/v1/conferences/999999/checkins", body(conf))
    assert missing.status_code == 404
    assert not CheckIn.objects.exists()


def test_operator_a_at_site_b_is_403_and_nothing_stored(conf, api):
    response = post(
        api(conf.operator_a), url(conf), body(conf, site=conf.site_b.pk, person=conf.cuong.pk)
    )
    assert response.status_code == 403
    assert not CheckIn.objects.exists()


def test_officer_b_cannot_check_in_ward_a_people_at_site_a(conf, api, users):
    response = post(api(users.officer_b), url(conf), body(conf, qr=checkin_token(conf.an)))
    assert response.status_code == 403
    assert not CheckIn.objects.exists()
    own = post(
        api(users.officer_b), url(conf), body(conf, site=conf.site_b.pk, person=conf.cuong.pk)
    )
    assert own.status_code == 201


def test_uninvited_allowed_with_flag_or_refused(conf, api, tree):
    stranger = PersonFactory(full_name="Hoàng Văn Đông", org=tree.cell_a1)
    client = api(conf.operator_a)
    allowed = post(client, url(conf), body(conf, qr=checkin_token(stranger)))
    assert allowed.status_code == 201 and allowed.json()["invited"] is False
    assert "không có trong danh sách mời" in allowed.json()["message"]

    Conference.objects.filter(pk=conf.conference.pk).update(allow_uninvited=False)
    clear_context_cache()
    other = PersonFactory(full_name="Đinh Thị Én", org=tree.cell_a1)
    refused = post(client, url(conf), body(conf, qr=checkin_token(other)))
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["message"] == (
        "Đinh Thị Én không có trong danh sách mời của hội nghị."
    )
    assert not CheckIn.objects.filter(person=other).exists()


def test_self_check_in_right_and_wrong_code(conf, api, users):
    member = users.member_a.person
    conf.conference.invitations.create(person=member, site=conf.site_a)
    client = api(users.member_a)
    wrong = post(client, url(conf), body(conf, method="self", code="ZZZZZZ"))
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "code"
    right = post(client, url(conf), body(conf, method="self", code=conf.site_a.code.lower()))
    assert right.status_code == 201 and right.json()["person"] == member.pk


def test_member_cannot_check_in_someone_else(conf, api, users):
    conf.conference.invitations.create(person=users.member_a.person, site=conf.site_a)
    client = api(users.member_a)
    other = post(
        client, url(conf), body(conf, method="self", person=conf.an.pk, code=conf.site_a.code)
    )
    assert other.status_code == 403
    manual = post(client, url(conf), body(conf, method="manual", person=conf.an.pk))
    assert manual.status_code == 403
    assert not CheckIn.objects.exists()


def test_bad_payload_is_400_field_by_field(conf, api):
    response = post(
        api(conf.operator_a),
        url(conf),
        {"client_id": "nope", "site": conf.site_a.pk, "method": "fly"},
    )
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"client_id", "method"} <= fields


def test_batch_in_order_with_duplicates_and_replays(conf, api):
    client = api(conf.operator_a)
    replayed = body(conf, person=conf.an.pk, method="manual")
    assert post(client, url(conf), replayed).status_code == 201
    items = [
        body(conf, qr=checkin_token(conf.binh)),
        replayed,
        body(conf, person=conf.binh.pk, method="manual"),
        body(conf, qr="QT1x.forged"),
        body(conf, site=conf.site_b.pk, person=conf.cuong.pk),
        replayed,
    ]
    response = post(client, url(conf, batch=True), {"items": items})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["index"] for r in results] == list(range(6))
    assert [r["status"] for r in results] == [201, 200, 200, 400, 403, 200]
    assert results[3]["checkin"] is None and results[3]["errors"][0]["field"] == "qr"
    assert results[2]["checkin"]["id"] == results[0]["checkin"]["id"]
    assert CheckIn.objects.count() == 2


def test_batch_accepts_a_bare_list_and_replays_count_once(conf, api):
    client = api(conf.operator_a)
    items = [
        body(conf, person=conf.an.pk, method="manual"),
        body(conf, person=conf.binh.pk, method="manual"),
    ]
    first = post(client, url(conf, batch=True), items)
    again = post(client, url(conf, batch=True), items)
    assert [r["status"] for r in first.json()["results"]] == [201, 201]
    assert [r["status"] for r in again.json()["results"]] == [200, 200]
    assert CheckIn.objects.count() == 2


def test_batch_over_1000_is_refused(conf, api):
    items = [body(conf, person=conf.an.pk)] * 1001
    response = post(api(conf.operator_a), url(conf, batch=True), {"items": items})
    assert response.status_code == 400
    assert not CheckIn.objects.exists()


def test_single_check_in_query_count(conf, api):
    client = api(conf.operator_a)
    post(client, url(conf), body(conf, person=conf.binh.pk, method="manual"))  # warms the cache
    with CaptureQueriesContext(connection) as new:
        assert post(client, url(conf), body(conf, qr=checkin_token(conf.an))).status_code == 201
    with CaptureQueriesContext(connection) as repeat:
        assert post(client, url(conf), body(conf, qr=checkin_token(conf.an))).status_code == 200
    # An invited person's first check-in is one statement, INSERT … SELECT from the invitation
    # … ON CONFLICT DO NOTHING RETURNING (the token is remembered by then). On PostgreSQL a
    # repeat adds one SELECT of what the INSERT met; elsewhere the person + invitation lookup
    # and one SELECT of the original, never a second INSERT.
    assert len(new) == 1, [q["sql"] for q in new]
    if connection.vendor == "postgresql":
        assert len(repeat) == 2, [q["sql"] for q in repeat]
    else:
        assert len(repeat) == 3, [q["sql"] for q in repeat]
        assert sum(q["sql"].startswith("INSERT") for q in repeat) == 1


@pytest.mark.parametrize("n", [10, 100])
def test_batch_query_count_is_fixed(conf, api, tree, n):
    people = PersonFactory.create_batch(n, org=tree.cell_a1)
    client = api(conf.operator_a)
    post(client, url(conf), body(conf, person=conf.an.pk, method="manual"))  # warms the cache
    items = [body(conf, qr=checkin_token(p)) for p in people]
    with CaptureQueriesContext(connection) as fresh:
        response = post(client, url(conf, batch=True), {"items": items})
    assert {r["status"] for r in response.json()["results"]} == {201}
    with CaptureQueriesContext(connection) as replay:
        response = post(client, url(conf, batch=True), {"items": items})
    assert {r["status"] for r in response.json()["results"]} == {200}
    assert len(fresh) == 2
    assert len(replay) == 3
    assert CheckIn.objects.count() == n + 1


def test_person_qr_svg_and_png(conf, api, users):
    client = api(users.officer_a)
    svg = client.get(f"/api/v1/people/{conf.an.pk}/qr")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.content
    png = client.get(f"/api/v1/people/{conf.an.pk}/qr", headers={"Accept": "image/png"})
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")


def test_person_qr_visibility(conf, api, users):
    assert api(users.officer_b).get(f"/api/v1/people/{conf.an.pk}/qr").status_code == 404
    own = users.member_a.person
    assert api(users.member_a).get(f"/api/v1/people/{own.pk}/qr").status_code == 200
    assert api(users.member_a).get(f"/api/v1/people/{conf.an.pk}/qr").status_code == 404


def test_single_with_a_time_and_numbers_as_text_is_read_by_the_schema(conf, api):
    # Not the plain usual scan: Django Ninja's schema reads it, with the same result.
    at = timezone.now().replace(microsecond=0).isoformat()
    data = body(conf, person=str(conf.an.pk), site=str(conf.site_a.pk), method="manual", at=at)
    response = post(api(conf.operator_a), url(conf), data)
    assert response.status_code == 201, response.json()
    assert response.json()["person"] == conf.an.pk and response.json()["at"] == at


@pytest.mark.parametrize("batch", [False, True])
def test_unreadable_bodies_get_the_schema_errors(conf, api, batch):
    client = api(conf.operator_a)
    path = url(conf, batch=batch)
    empty = client.post(path, "", content_type="application/json")
    assert empty.status_code == 400
    assert empty.json()["errors"] == [{"field": None, "message": "Trường này là bắt buộc."}]
    garbled = client.post(path, "{not json", content_type="application/json")
    assert garbled.status_code == 400 and garbled.json()["detail"] == "Cannot parse request body"
    long_qr = body(conf, qr="x" * 201)
    bad = post(client, path, [long_qr] if batch else long_qr)
    assert bad.status_code == 400
    assert bad.json()["errors"][-1]["message"] == "Chuỗi quá dài."
    assert not CheckIn.objects.exists()


def test_batch_items_with_times_and_plain_items_mixed(conf, api):
    client = api(conf.operator_a)
    at = timezone.now().replace(microsecond=0).isoformat()
    items = [
        body(conf, person=conf.an.pk, method="manual", at=at),
        body(conf, qr=checkin_token(conf.binh)),
    ]
    results = post(client, url(conf, batch=True), {"items": items}).json()["results"]
    assert [r["status"] for r in results] == [201, 201], results
    assert results[0]["checkin"]["at"] == at


def test_check_in_bodies_are_documented(db):
    from django.test import Client

    schema = Client().get("/api/v1/openapi.json").json()
    paths = schema["paths"]

    def resolve(node):
        if "$ref" in node:
            return schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
        return node

    single = paths["/api/v1/conferences/{conference_id}/checkins"]["post"]["requestBody"]
    props = resolve(single["content"]["application/json"]["schema"])["properties"]
    assert {"client_id", "site", "method", "person", "qr", "at", "code"} <= set(props)
    batch = paths["/api/v1/conferences/{conference_id}/checkins/batch"]["post"]["requestBody"]
    body = resolve(batch["content"]["application/json"]["schema"])
    kinds = [resolve(one) for one in body["anyOf"]]
    assert "items" in kinds[0]["properties"]
    assert resolve(kinds[1]["items"])["properties"].keys() == props.keys()


def test_batch_answer_keeps_each_items_own_time_offset(conf, api, tree):
    people = PersonFactory.create_batch(2, org=tree.cell_a1)
    now = timezone.now().replace(microsecond=0)
    utc = now.astimezone(datetime.UTC).isoformat()
    hanoi = now.astimezone(datetime.timezone(datetime.timedelta(hours=7))).isoformat()
    items = [
        body(conf, qr=checkin_token(people[0]), at=utc),
        body(conf, qr=checkin_token(people[1]), at=hanoi),
    ]
    results = post(api(conf.operator_a), url(conf, batch=True), items).json()["results"]
    assert [r["status"] for r in results] == [201, 201]
    assert [r["checkin"]["at"] for r in results] == [utc, hanoi]
    assert results[0]["checkin"]["at_local"] == results[1]["checkin"]["at_local"]


def test_the_database_refuses_a_check_in_of_a_person_who_does_not_exist(conf):
    """The person's key is a database constraint (models.py says what it costs)."""
    from django.db import IntegrityError, transaction

    now = timezone.now()
    row = CheckIn(
        conference=conf.conference,
        person_id=2**40,
        site=conf.site_a,
        client_id=uuid.uuid4(),
        method="manual",
        at=now,
        recorded_at=now,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.bulk_create([row])
        connection.check_constraints(table_names=[CheckIn._meta.db_table])
    assert not CheckIn.objects.exists()


def test_deletes_follow_the_check_ins_without_database_foreign_keys(conf, api):
    """The check-in row has no database-level keys to the conference, site and operator (hot
    rows under load): Django's on_delete still keeps the data whole."""
    from django.db.models import ProtectedError

    client = api(conf.operator_a)
    assert post(client, url(conf), body(conf, qr=checkin_token(conf.an))).status_code == 201
    row = CheckIn.objects.get()
    with pytest.raises(ProtectedError):
        conf.site_a.delete()
    conf.operator_a.delete()
    row.refresh_from_db()
    assert row.recorded_by_id is None
    conf.an.delete()
    assert not CheckIn.objects.exists()


def test_scan_endpoint_answers_like_the_rest_of_the_api(conf, api, users):
    """Scanners' single check-ins are served ahead of Django Ninja (config/urls.py); every other
    caller and every error still gets the API's own JSON answers."""
    client = api(conf.operator_a)
    missing = post(client, "/api/v1/conferences/999999/checkins", body(conf))
    assert missing.status_code == 404 and missing.json() == {
        "detail": "Không tìm thấy.",
        "errors": [],
    }
    bad = post(client, url(conf), body(conf, person="An", at="sáng nay"))
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} >= {"person", "at"}
    assert client.get(url(conf)).status_code == 405
    no_token = post(api(None), url(conf), body(conf, person=conf.an.pk))
    assert no_token.status_code == 401 and no_token.json()["detail"]
    forged = Client(headers={"Authorization": "Bearer not-a-token"})
    assert post(forged, url(conf), body(conf, person=conf.an.pk)).status_code == 401
    assert not CheckIn.objects.exists()
    # A browser session (the operator page's own calls) goes through Django Ninja, CSRF-checked.
    session = Client(enforce_csrf_checks=True)
    session.force_login(conf.operator_a)
    refused = post(session, url(conf), body(conf, person=conf.an.pk))
    assert refused.status_code in (401, 403) and not CheckIn.objects.exists()
    schema = api(None).get("/api/v1/openapi.json").json()
    assert "post" in schema["paths"]["/api/v1/conferences/{conference_id}/checkins"]


def test_repeat_after_the_invitation_was_withdrawn_follows_the_conference_rule(conf, api):
    """A repeat is answered with the original only while the person is still invited; after
    the invitation was withdrawn a conference that refuses outsiders says so."""
    from quantriet.conferences.models import Invitation

    client = api(conf.operator_a)
    assert post(client, url(conf), body(conf, qr=checkin_token(conf.an))).status_code == 201
    Invitation.objects.filter(conference=conf.conference, person=conf.an).delete()
    Conference.objects.filter(pk=conf.conference.pk).update(allow_uninvited=False)
    clear_context_cache()
    again = post(client, url(conf), body(conf, qr=checkin_token(conf.an)))
    assert again.status_code == 400
    assert "không có trong danh sách mời" in again.json()["detail"]
    assert CheckIn.objects.count() == 1


def test_client_id_of_another_persons_check_in_is_refused(conf, api):
    client = api(conf.operator_a)
    first = body(conf, qr=checkin_token(conf.an))
    assert post(client, url(conf), first).status_code == 201
    reused = post(client, url(conf), {**first, "qr": checkin_token(conf.binh)})
    assert reused.status_code == 400
    assert reused.json()["errors"][0]["field"] == "client_id"
    assert CheckIn.objects.count() == 1


def test_message_in_the_callers_language(conf, api):
    """The new-check-in message follows the language the request picked (the switch's cookie),
    each language answered in its own even after the other was used."""
    from django.conf import settings

    client = api(conf.operator_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = post(client, url(conf), body(conf, qr=checkin_token(conf.an)))
    assert english.status_code == 201
    assert english.json()["message"] == f"{conf.an.full_name} checked in."
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    vietnamese = post(client, url(conf), body(conf, qr=checkin_token(conf.binh)))
    assert vietnamese.json()["message"] == f"Đã điểm danh {conf.binh.full_name}."


def _prepared_runs(fragment):
    """How often PostgreSQL ran, prepared, a statement holding `fragment` on this connection."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(generic_plans + custom_plans), 0) FROM pg_prepared_statements "
            "WHERE statement LIKE %s",
            [f"%{fragment}%"],
        )
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the raw-cursor path is PostgreSQL's")
def test_postgresql_scans_run_on_the_prepared_server_binding_cursor(conf, api):
    """The hot path is the one that runs: a scanner's check-in (and a batch) is executed as a
    server-side prepared statement — which only psycopg's server-binding cursor in
    checkin/sql.py makes; Django's own cursors never prepare."""
    client = api(conf.operator_a)
    single = 'INSERT INTO "conferences_checkin"'
    before = _prepared_runs(single)
    assert post(client, url(conf), body(conf, qr=checkin_token(conf.an))).status_code == 201
    assert _prepared_runs(single) == before + 1
    batch = "unnest("
    before = _prepared_runs(batch)
    items = [body(conf, qr=checkin_token(conf.binh)), body(conf, qr=checkin_token(conf.an))]
    results = post(client, url(conf, batch=True), items).json()["results"]
    assert [r["status"] for r in results] == [201, 200]
    assert _prepared_runs(batch) == before + 1
