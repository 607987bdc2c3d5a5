"""Member-list import of a good 10 000-row .xlsx: validate (dry run), then apply; target < 30 s.

Fails (FAILED in its section, `bench.Failed`) when the file does not validate or a step does
not end with exactly the file's rows; in smoke mode the file has 300 rows.
"""

import datetime
import io
import random
import time

import bench

ROWS = bench.size("BENCH_IMPORT_ROWS", 10_000, 300)
TARGET_SECONDS = 30
WARDS = ("Uông Bí", "Yên Tử", "Vàng Danh")
CELLS_PER_WARD = 50

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Thanh", "Ngọc", "Bá"]
MIDDLE_FEMALE = ["Thị", "Thu", "Thanh", "Ngọc", "Minh", "Hồng", "Bích", "Thúy", "Kim", "Diệu"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Tâm",
    "Thắng",
    "Tuấn",
    "Việt",
]
GIVEN_FEMALE = [
    "Anh",
    "Chi",
    "Dung",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Mai",
    "Nga",
    "Ngọc",
    "Oanh",
    "Phương",
    "Thảo",
    "Trang",
    "Yến",
]
POSITIONS = [
    "",
    "",
    "",
    "Đảng viên",
    "Bí thư chi bộ",
    "Phó bí thư chi bộ",
    "Chi ủy viên",
    "Tổ trưởng",
]
CATEGORIES = ["Đảng viên"] * 8 + ["Cán bộ chủ chốt", "Đoàn viên", "Hội viên", "Quần chúng"]
HEADER = ["Họ và tên", "Ngày sinh", "Giới tính", "Số thẻ đảng viên", "Đơn vị / Chi bộ", "Chức vụ"]
HEADER += ["Đối tượng", "Điện thoại", "Email", "Địa chỉ"]


def make_tree():
    from django.contrib.auth.models import User

    from quantriet.orgs.models import OrgKind, OrgLevel, Role
    from quantriet.orgs.services import create_org, grant_role

    def kind(code):
        return OrgKind.objects.get(code=code)

    def level(code):
        return OrgLevel.objects.get(code=code)

    province = create_org(
        name="Đảng bộ tỉnh Quảng Ninh", kind=kind("province-party"), level=level("province")
    )
    cells = []
    for ward_name in WARDS:
        ward = create_org(
            name=f"Đảng bộ phường {ward_name}",
            parent=province,
            kind=kind("commune-party"),
            level=level("commune"),
        )
        for n in range(1, CELLS_PER_WARD + 1):
            cell = create_org(
                name=f"Chi bộ khu {n} phường {ward_name}",
                parent=ward,
                kind=kind("dependent-cell"),
                level=level("cell"),
            )
            cells.append(cell.name)
    admin = User.objects.create_user("bench-import-admin")  # acts through services only
    grant_role(account=admin, role=Role.ADMIN, org=province)
    return admin, cells


def make_file(cells, rows=ROWS, seed=2025):
    """A realistic member list: varied names, dates as text and as date cells, some blanks."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    sheet.append(HEADER)
    cards = rng.sample(range(1_000_000), rows)
    for i in range(rows):
        female = rng.random() < 0.45
        middle, given = (MIDDLE_FEMALE, GIVEN_FEMALE) if female else (MIDDLE_MALE, GIVEN_MALE)
        name = f"{rng.choice(SURNAMES)} {rng.choice(middle)} {rng.choice(given)}"
        born = datetime.date(1945, 1, 1) + datetime.timedelta(days=rng.randrange(60 * 365))
        category = rng.choice(CATEGORIES)
        card = "" if category == "Quần chúng" else f"24.{cards[i]:06d}"
        sheet.append(
            [
                name,
                born if i % 2 else born.strftime("%d/%m/%Y"),
                "Nữ" if female else "Nam",
                card,
                rng.choice(cells),
                rng.choice(POSITIONS),
                category,
                f"09{rng.randrange(10**8):08d}" if rng.random() < 0.7 else "",
                f"dv{i}@example.vn" if rng.random() < 0.3 else "",
                f"Tổ {rng.randrange(1, 40)}, khu {rng.randrange(1, 12)}",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def grouped(value: float) -> str:
    """10 000 rather than 10,000: the Vietnamese-neutral thin grouping."""
    return f"{value:,.0f}".replace(",", " ")


def section() -> str:
    from django.db import connection

    # SQLite is the default section; another database gets a section of its own.
    on = "" if connection.vendor == "sqlite" else f", {connection.display_name}"
    return f"Member-list import ({grouped(ROWS)} rows{on})"


def sections() -> list[str]:
    return [section()]


def run():
    from django.core.files.base import ContentFile
    from django.db import connection

    from quantriet.orgs import importing
    from quantriet.orgs.importing import jobs
    from quantriet.orgs.models import ImportJob, Person

    admin, cells = make_tree()
    started = time.perf_counter()
    data = make_file(cells)
    generate = time.perf_counter() - started
    print(f"generated {ROWS} rows, {len(data) / 1e6:.1f} MB, in {generate:.2f} s")

    # 1. The service, as the API calls it.
    updates = []
    started = time.perf_counter()
    plan = importing.validate_file(
        user=admin,
        file=io.BytesIO(data),
        name="bench.xlsx",
        mode="create",
        progress=lambda done, total: updates.append(done),
    )
    validate = time.perf_counter() - started
    if not plan.ok:  # nothing to apply: the rest would measure nothing
        raise bench.Failed(f"the generated file does not validate: {plan.errors[:3]}")
    failures: list[str] = []
    started = time.perf_counter()
    created, _updated = importing.apply_plan(plan)
    apply = time.perf_counter() - started
    stored = Person.objects.count()
    bench.check(
        failures,
        created == ROWS == stored,
        f"apply created {created} of {ROWS} rows, {stored} members stored",
    )
    bench.check(
        failures,
        bool(updates) and updates[-1] == ROWS,
        f"validation progress ended at {updates[-1] if updates else 'nothing'} of {ROWS}",
    )
    total = validate + apply
    print(f"service: validate {validate:.2f} s, apply {apply:.2f} s, total {total:.2f} s")

    # 2. The background job path the pages use (progress writes, then re-check and write).
    Person.objects.all().delete()
    job = ImportJob.objects.create(
        created_by=admin, original_name="bench.xlsx", file=ContentFile(data, name="bench.xlsx")
    )
    started = time.perf_counter()
    jobs.run_validation(job.pk)
    job_validate = time.perf_counter() - started
    job.refresh_from_db()
    if job.status != ImportJob.Status.VALID:
        raise bench.Failed(f"the background validation ended {job.status}: {job.message}")
    jobs.start_apply(job)
    started = time.perf_counter()
    jobs.run_apply(job.pk)
    job_apply = time.perf_counter() - started
    job.refresh_from_db()
    stored = Person.objects.count()
    bench.check(
        failures,
        job.status == ImportJob.Status.APPLIED and job.created_count == ROWS == stored,
        f"the background apply ended {job.status} with {job.created_count} of {ROWS} rows "
        f"created, {stored} members stored ({job.message})",
    )
    print(f"job: validate {job_validate:.2f} s, apply (re-check + write) {job_apply:.2f} s")

    verdict = "met" if total < TARGET_SECONDS else "**missed**"
    on = "" if connection.vendor == "sqlite" else f", {connection.display_name}"
    bench.write_section(
        section(),
        f"""
Run: {bench.now_utc()} — `{"BENCH_DATABASE_URL=… " if on else ""}python -m bench import_people`
Machine: {bench.machine()}

A good .xlsx of {grouped(ROWS)} members ({len(data) / 1e6:.1f} MB; realistic Vietnamese names, half the
birth dates as date cells and half as dd/mm/yyyy text, {len(cells)} cells in 3 wards), imported by a
province administrator in create mode.

| step | seconds | rows/s |
|---|---:|---:|
| generate the file (not part of the import) | {generate:.2f} | — |
| validate (dry run: read, check every row, look up cards) | {validate:.2f} | {grouped(ROWS / validate)} |
| apply (bulk insert in one transaction) | {apply:.2f} | {grouped(ROWS / apply)} |
| **total, validate + apply** | **{total:.2f}** | {grouped(ROWS / total)} |
| background job: validate with progress | {job_validate:.2f} | {grouped(ROWS / job_validate)} |
| background job: apply (re-check, then write) | {job_apply:.2f} | {grouped(ROWS / job_apply)} |

Progress: {len(updates)} updates of `processed_rows` during validation (every
{importing.PROGRESS_EVERY} rows), the last at {grouped(updates[-1] if updates else 0)} of {grouped(ROWS)}.
Target: < {TARGET_SECONDS} s for validate + apply — {verdict}.
""",
        failures=failures,
    )
    bench.finish(failures)
