"""Tiers, fields of expertise and review criteria as data (Regulation 973-QĐ/BTGTW's tiers
predate the 2025 reform: edit the rows, not code)."""

from django.db import migrations

TIERS = [
    ("central", "Trung ương", 1),
    ("province", "Tỉnh, thành phố", 2),
    ("commune", "Xã, phường, đặc khu", 3),
    ("grassroots", "Cơ sở (tuyên truyền viên)", 4),
]
FIELDS = [
    "Xây dựng Đảng",
    "Lý luận chính trị",
    "Kinh tế",
    "Văn hóa - xã hội",
    "Quốc phòng - an ninh",
    "Đối ngoại",
    "Pháp luật",
    "Dân vận",
]
CRITERIA = [
    ("Nắm vững nội dung nghị quyết, định hướng tuyên truyền", 3),
    ("Phương pháp truyền đạt, liên hệ thực tiễn địa phương", 3),
    ("Đối thoại, giải đáp băn khoăn của cán bộ, nhân dân", 2),
    ("Tham gia bồi dưỡng, giao ban báo cáo viên", 1),
    ("Phản ánh dư luận xã hội kịp thời", 1),
]


def seed(apps, schema_editor):
    Tier = apps.get_model("presenters", "Tier")
    Expertise = apps.get_model("presenters", "Expertise")
    Criterion = apps.get_model("presenters", "Criterion")
    for code, name, rank in TIERS:
        Tier.objects.get_or_create(code=code, defaults={"name": name, "rank": rank})
    for name in FIELDS:
        Expertise.objects.get_or_create(name=name)
    for name, weight in CRITERIA:
        Criterion.objects.get_or_create(name=name, defaults={"weight": weight})


class Migration(migrations.Migration):
    dependencies = [("presenters", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
