"""The topics of public opinion as data: edit or add rows in the admin, not code."""

from django.db import migrations

TOPICS = [
    "Kinh tế, việc làm",
    "Đất đai, giải phóng mặt bằng",
    "Môi trường, khai thác than",
    "Y tế, giáo dục",
    "Cải cách hành chính, sắp xếp đơn vị hành chính",
    "Xây dựng Đảng, cán bộ",
    "An ninh, trật tự",
    "Khác",
]


def seed(apps, schema_editor):
    Topic = apps.get_model("bulletins", "Topic")
    for rank, name in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(name=name, defaults={"rank": rank})


class Migration(migrations.Migration):
    dependencies = [("bulletins", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
