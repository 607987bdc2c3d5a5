"""The organisation's words as practice uses them."""

import importlib

from django.apps import apps

from quantriet.orgs.models import OrgKind, Person, Role

labels = importlib.import_module("quantriet.orgs.migrations.0003_labels_of_practice")


def test_role_and_list_names():
    assert str(Role.OFFICER.label) == "Cán bộ phụ trách công tác tuyên giáo"
    assert str(Person._meta.verbose_name_plural) == "cán bộ, đảng viên, hội viên"


def test_a_body_sits_under_the_tinh_uy(db):
    assert OrgKind.objects.get(code="direct-party").name == "Đảng bộ trực thuộc Tỉnh ủy"
    OrgKind.objects.filter(code="direct-party").update(name="Đảng bộ trực thuộc tỉnh")
    labels.rename_kinds(apps, None)
    assert OrgKind.objects.get(code="direct-party").name == "Đảng bộ trực thuộc Tỉnh ủy"


def test_people_pages_use_the_words_of_practice(users, tree, login):
    client = login(users.admin)
    people = client.get("/orgs/people/").content.decode()
    assert "Danh sách cán bộ, đảng viên, hội viên" in people
    assert "Thêm đảng viên, hội viên" in people and "Thêm người" not in people
    org = client.get(f"/orgs/{tree.ward_a.pk}/").content.decode()
    assert "Danh sách cán bộ, đảng viên, hội viên" in org and "Danh sách người" not in org
