"""Seed the levels and kinds in use since the 1/7/2025 reform (the district level kept for history).

They are rows, not code: an administrator may add, rename or retire them in the admin.
"""

from django.db import migrations

LEVELS = [
    ("central", "Trung ương", 0, True),
    ("province", "Tỉnh, thành phố", 1, True),
    ("district", "Huyện, thị xã, thành phố thuộc tỉnh (trước 1/7/2025)", 2, False),
    ("commune", "Xã, phường, đặc khu", 3, True),
    ("grassroots", "Cơ sở", 4, True),
    ("cell", "Chi bộ", 5, True),
]

KINDS = [
    ("central-committee", "Ban Chấp hành Trung ương", True, 1),
    ("province-party", "Đảng bộ tỉnh", True, 10),
    ("district-party", "Đảng bộ huyện, thành phố (trước 1/7/2025)", True, 15),
    ("commune-party", "Đảng bộ xã, phường, đặc khu", True, 20),
    ("direct-party", "Đảng bộ trực thuộc tỉnh", True, 25),
    ("grassroots-party", "Đảng bộ cơ sở", True, 30),
    ("grassroots-cell", "Chi bộ cơ sở", True, 40),
    ("dependent-cell", "Chi bộ trực thuộc đảng ủy cơ sở", True, 50),
    ("party-agency", "Cơ quan tham mưu của cấp ủy", True, 55),
    ("fatherland-front", "Ủy ban Mặt trận Tổ quốc Việt Nam", False, 60),
    ("youth-union", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", False, 70),
    ("womens-union", "Hội Liên hiệp Phụ nữ", False, 71),
    ("farmers-association", "Hội Nông dân", False, 72),
    ("veterans-association", "Hội Cựu chiến binh", False, 73),
    ("trade-union", "Công đoàn", False, 74),
    ("agency", "Cơ quan, đơn vị", False, 80),
]


def seed(apps: object, schema_editor: object) -> None:
    OrgLevel = apps.get_model("orgs", "OrgLevel")  # type: ignore[attr-defined]
    OrgKind = apps.get_model("orgs", "OrgKind")  # type: ignore[attr-defined]
    for code, name, rank, current in LEVELS:
        OrgLevel.objects.update_or_create(code=code, defaults={"name": name, "rank": rank, "is_current": current})
    for code, name, is_party, sort in KINDS:
        OrgKind.objects.update_or_create(code=code, defaults={"name": name, "is_party": is_party, "sort": sort})


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
