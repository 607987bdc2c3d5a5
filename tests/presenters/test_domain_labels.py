"""The presenters' words as practice uses them: the tiers of Quyết định 973-QĐ/BTGTW (with the
commune tier as this system's adaptation), the theory levels sơ cấp / trung cấp / cao cấp (a
bachelor in political science counts as cao cấp), the monthly "hội nghị báo cáo viên"."""

import importlib

import pytest
from django.apps import apps

from quantriet.presenters.models import Criterion, Presenter, Standard, TheoryLevel, Tier, Training

labels = importlib.import_module("quantriet.presenters.migrations.0004_labels_of_practice")


def test_tiers_are_named_as_the_regulation_names_them(db):
    assert list(Tier.objects.values_list("code", "name")) == [
        ("central", "Báo cáo viên Trung ương"),
        ("province", "Báo cáo viên cấp tỉnh (Tỉnh ủy)"),
        ("commune", "Báo cáo viên Đảng ủy xã, phường, đặc khu"),
        ("grassroots", "Tuyên truyền viên cơ sở"),
    ]
    help_text = str(Presenter._meta.get_field("tier").help_text)
    assert "973-QĐ/BTGTW" in help_text and "vận dụng sau khi bỏ cấp huyện" in help_text


def test_theory_levels_end_at_cao_cap():
    assert [str(label) for _, label in TheoryLevel.choices] == [
        "Chưa qua đào tạo",
        "Sơ cấp",
        "Trung cấp",
        "Cao cấp",
    ]
    field = Presenter._meta.get_field("theory_level")
    assert "Cử nhân chính trị được tính là cao cấp" in str(field.help_text)


def test_the_monthly_meeting_is_a_hoi_nghi_bao_cao_vien(db):
    assert str(Training.Kind.BRIEFING.label) == "Hội nghị báo cáo viên"
    names = set(Criterion.objects.values_list("name", flat=True))
    assert "Tham gia bồi dưỡng, hội nghị báo cáo viên" in names
    assert not any("giao ban" in name for name in names)


def test_migration_counts_a_bachelor_as_cao_cap_and_keeps_edited_names(corps, tree):
    bachelor = corps("Đặng Văn Cử Nhân", level=3)
    Presenter.objects.filter(pk=bachelor.pk).update(theory_level=4)  # the old "Cử nhân"
    Standard.objects.create(org=tree.ward_a, min_theory_level=4)
    Tier.objects.filter(code="central").update(name="Trung ương")  # still the seeded name
    Tier.objects.filter(code="province").update(name="Báo cáo viên Tỉnh ủy Quảng Ninh")  # edited
    labels.forward(apps, None)
    bachelor.refresh_from_db()
    assert bachelor.theory_level == TheoryLevel.ADVANCED
    assert Standard.objects.get(org=tree.ward_a).min_theory_level == TheoryLevel.ADVANCED
    assert Tier.objects.get(code="central").name == "Báo cáo viên Trung ương"
    assert Tier.objects.get(code="province").name == "Báo cáo viên Tỉnh ủy Quảng Ninh"


@pytest.mark.parametrize("level", [4, 5])
def test_api_refuses_a_level_above_cao_cap(corps, api, users, level):
    presenter = corps("Mai Văn Cao", level=2)
    response = api(users.officer_a).patch(
        f"/api/v1/presenters/{presenter.pk}",
        {"theory_level": level},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "theory_level"
    presenter.refresh_from_db()
    assert presenter.theory_level == 2
