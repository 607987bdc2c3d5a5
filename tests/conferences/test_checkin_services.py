import datetime
import uuid

import pytest
from django.utils import timezone

from quantriet.conferences.checkin import services as checkin
from quantriet.conferences.checkin.context import clear_context_cache
from quantriet.conferences.checkin.services import CheckInError, Item, check_in, check_in_batch
from quantriet.conferences.checkin.tokens import (
    InvalidToken,
    checkin_token,
    person_id_from_token,
    qr_png,
    qr_svg,
)
from quantriet.conferences.models import CheckIn, Conference, Site
from tests.factories import PersonFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_context_cache()


def _in(conf, user, **kwargs):
    kwargs.setdefault("site", conf.site_a)
    kwargs.setdefault("client_id", uuid.uuid4())
    kwargs.setdefault("method", "qr")
    return check_in(conference=conf.conference, by=user, **kwargs)


def test_token_round_trip_hides_the_id(conf):
    token = checkin_token(conf.an)
    assert person_id_from_token(token) == conf.an.pk
    assert token.split(".")[0] != str(conf.an.pk)
    assert checkin_token(conf.an) == token  # one personal code for all conferences


@pytest.mark.parametrize(
    "bad", ["", "garbage", "QT12.abc", "12", "QT1.xyz", "QT1zz." + "A" * 43, "x" * 500]
)
def test_forged_or_garbled_token_is_refused(conf, bad):
    with pytest.raises(InvalidToken, match="không hợp lệ hoặc đã bị làm giả"):
        person_id_from_token(bad)


def test_token_check_is_django_signing(conf, monkeypatch):
    """The fast check accepts exactly what `Signer.unsign` accepts, fallback keys included: after
    a key rotation, cards printed under the old key still work while it is listed."""
    from django.core import signing

    from quantriet.conferences.checkin import tokens

    token = checkin_token(conf.an)
    assert tokens._unsign(token) == tokens._SIGNER.unsign(token)
    old = signing.Signer(key="an-earlier-secret-key-" + "k" * 30, salt=tokens.SALT, sep=".")
    printed = old.sign(token.split(".")[0])
    with pytest.raises(InvalidToken):
        person_id_from_token(printed)
    monkeypatch.setattr(tokens._SIGNER, "fallback_keys", [old.key])
    assert person_id_from_token(printed) == conf.an.pk
    assert person_id_from_token(token) == conf.an.pk
    with pytest.raises(InvalidToken):
        person_id_from_token(token.split(".")[0] + ".\ud800")


def test_token_of_another_person_cannot_be_edited(conf):
    token = checkin_token(conf.an)
    other = checkin_token(conf.binh)
    forged = other.split(".")[0] + "." + token.split(".")[1]
    with pytest.raises(InvalidToken):
        person_id_from_token(forged)


def test_qr_images():
    assert qr_svg("QT1a.b").startswith("<svg")
    assert qr_png("QT1a.b").startswith(b"\x89PNG")


def test_first_check_in_then_repeat_returns_the_original(conf):
    row, created = _in(conf, conf.operator_a, token=checkin_token(conf.an))
    assert created and row.method == "qr" and row.invited and not row.late
    again, created_again = _in(conf, conf.operator_a, person=conf.an, method="manual")
    assert not created_again
    assert again.pk == row.pk and again.at == row.at and again.method == "qr"
    assert CheckIn.objects.filter(person=conf.an).count() == 1


def test_same_client_id_replayed_counts_once(conf):
    client_id = uuid.uuid4()
    row, created = _in(conf, conf.operator_a, person=conf.an, client_id=client_id)
    again, created_again = _in(conf, conf.operator_a, person=conf.an, client_id=client_id)
    assert created and not created_again and again.pk == row.pk
    assert CheckIn.objects.count() == 1


def test_client_id_reused_for_another_person_is_an_error(conf):
    client_id = uuid.uuid4()
    _in(conf, conf.operator_a, person=conf.an, client_id=client_id)
    with pytest.raises(CheckInError) as exc:
        _in(conf, conf.operator_a, person=conf.binh, client_id=client_id)
    assert exc.value.field == "client_id"
    assert not CheckIn.objects.filter(person=conf.binh).exists()


def test_repeat_message_names_local_time_and_site(conf):
    at = datetime.datetime(2025, 10, 28, 0, 58, tzinfo=datetime.UTC)  # 07:58 in Hanoi
    row = CheckIn(at=at)
    assert checkin.repeat_message(row, conf.site_a.name) == (
        "Đã điểm danh lúc 07:58 tại Điểm cầu phường Uông Bí."
    )


def test_repeat_at_another_site_names_the_first_site(conf, users):
    row, _ = _in(conf, conf.operator_a, person=conf.an)
    ctx = checkin.context_for(users.admin, conf.conference.pk)
    item = Item(client_id=uuid.uuid4(), site=conf.site_b.pk, method="manual", person=conf.an.pk)
    [result] = checkin.record(ctx, [item], by=users.admin)
    local = timezone.localtime(row.at).strftime("%H:%M")
    assert result.status == 200 and result.checkin.pk == row.pk
    assert result.message == f"Đã điểm danh lúc {local} tại Điểm cầu phường Uông Bí."


def test_late_flag(conf):
    conference = conf.conference
    conference.starts_at = timezone.now() - datetime.timedelta(minutes=30)
    conference.late_after_minutes = 15
    conference.save()
    row, _ = _in(conf, conf.operator_a, person=conf.an)
    assert row.late
    early, _ = _in(
        conf,
        conf.operator_a,
        person=conf.binh,
        at=conference.starts_at + datetime.timedelta(minutes=5),
    )
    assert not early.late


@pytest.mark.parametrize(
    "delta",
    [datetime.timedelta(minutes=10), -datetime.timedelta(days=3)],
    ids=["future", "too-early"],
)
def test_time_out_of_range_is_refused(conf, delta):
    base = timezone.now() if delta.total_seconds() > 0 else conf.conference.starts_at
    with pytest.raises(CheckInError) as exc:
        _in(conf, conf.operator_a, person=conf.an, at=base + delta)
    assert exc.value.field == "at"


def test_uninvited_recorded_with_flag_when_allowed(conf, tree):
    stranger = PersonFactory(full_name="Hoàng Văn Đông", org=tree.cell_a1)
    row, created = _in(conf, conf.operator_a, token=checkin_token(stranger))
    assert created and row.invited is False


def test_uninvited_refused_when_the_conference_says_so(conf, tree):
    Conference.objects.filter(pk=conf.conference.pk).update(allow_uninvited=False)
    conf.conference.refresh_from_db()
    clear_context_cache()
    stranger = PersonFactory(full_name="Hoàng Văn Đông", org=tree.cell_a1)
    with pytest.raises(CheckInError, match="không có trong danh sách mời của hội nghị"):
        _in(conf, conf.operator_a, token=checkin_token(stranger))
    assert not CheckIn.objects.exists()


def test_operator_of_site_a_cannot_check_in_at_site_b(conf):
    with pytest.raises(CheckInError) as exc:
        _in(conf, conf.operator_a, site=conf.site_b, person=conf.cuong)
    assert exc.value.status == 403
    assert not CheckIn.objects.exists()


def test_officer_b_cannot_check_in_at_site_a(conf, users):
    with pytest.raises(CheckInError) as exc:
        _in(conf, users.officer_b, site=conf.site_a, person=conf.an)
    assert exc.value.status == 403
    assert not CheckIn.objects.exists()


def test_site_of_another_conference_is_refused(conf, tree):
    other = Conference.objects.create(
        title="Hội nghị khác",
        starts_at=conf.conference.starts_at,
        ends_at=conf.conference.ends_at,
        host_org=tree.province,
    )
    foreign = Site.objects.create(conference=other, name="Điểm cầu khác", org=tree.ward_a)
    with pytest.raises(CheckInError) as exc:
        _in(conf, conf.operator_a, site=foreign, person=conf.an)
    assert exc.value.field == "site"


def test_self_check_in_with_the_site_code(conf, users):
    member = users.member_a.person
    conf.conference.invitations.create(person=member, site=conf.site_a)
    with pytest.raises(CheckInError, match="Mã điểm cầu không đúng"):
        _in(conf, users.member_a, method="self", person=member, code="WRONG1")
    row, created = _in(
        conf, users.member_a, method="self", person=member, code=conf.site_a.code.lower()
    )
    assert created and row.method == "self" and row.person == member


def test_member_cannot_check_in_someone_else(conf, users):
    conf.conference.invitations.create(person=users.member_a.person, site=conf.site_a)
    with pytest.raises(CheckInError) as exc:
        _in(conf, users.member_a, method="self", person=conf.an, code=conf.site_a.code)
    assert exc.value.status == 403
    with pytest.raises(CheckInError) as exc:
        _in(conf, users.member_a, method="manual", person=conf.an)
    assert exc.value.status == 403
    assert not CheckIn.objects.exists()


def test_batch_with_duplicates_and_replays(conf):
    first = uuid.uuid4()
    _in(conf, conf.operator_a, person=conf.an, client_id=first)
    items = [
        Item(client_id=uuid.uuid4(), site=conf.site_a.pk, method="manual", person=conf.binh.pk),
        Item(client_id=first, site=conf.site_a.pk, method="qr", person=conf.an.pk),  # replay
        Item(client_id=uuid.uuid4(), site=conf.site_a.pk, method="qr", qr=checkin_token(conf.binh)),
        Item(client_id=uuid.uuid4(), site=conf.site_a.pk, method="qr", qr="forged.token"),
        Item(client_id=uuid.uuid4(), site=conf.site_b.pk, method="manual", person=conf.cuong.pk),
    ]
    results = check_in_batch(conference=conf.conference, items=items, by=conf.operator_a)
    assert [r.status for r in results] == [201, 200, 200, 400, 403]
    assert [r.index for r in results] == [0, 1, 2, 3, 4]
    assert results[2].checkin.pk == results[0].checkin.pk
    assert results[3].errors[0]["field"] == "qr"
    assert CheckIn.objects.filter(person=conf.binh).count() == 1
    assert CheckIn.objects.count() == 2
