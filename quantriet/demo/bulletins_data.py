"""The demo's orientation bulletins and public-opinion reports, dated from the day of loading:
the monthly bulletins of the last eleven months up to this month, from the province's department
to the whole corps, read by 96 % (the oldest) down to 72 % (this month's) of their recipients,
with reminders a week after publication; and about 120 reports of public opinion from the
presenters of the three wards over the same months. Seeded, so every load on a given day is the
same; a bulletin's subject and anniversaries match its month."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from quantriet.bulletins.models import Bulletin, OpinionReport, Receipt, ReportStatus, Topic
from quantriet.bulletins.services import recipients_for
from quantriet.demo.dates import at, month_start, today
from quantriet.demo.orgs_data import ROOT_NAME, WARD_NAMES
from quantriet.orgs.models import Org
from quantriet.presenters.models import Presenter, Status

MONTHS = 11  # this month's bulletin and the ten before it
REPORT_MONTHS = 11  # opinion reports of the past eleven months, up to today
REPORTS = 120
REMIND_AFTER = datetime.timedelta(days=7)
PUBLISH_DAY = 3  # the department publishes each month's bulletin on the 3rd, at 8:00

STEMS = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
BRANCHES = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")


def lunar_year(year: int) -> str:
    """The year's name in the sexagenary cycle: 2026 → "Bính Ngọ"."""
    return f"{STEMS[(year - 4) % 10]} {BRANCHES[(year - 4) % 12]}"


# What a month's bulletin is about, for a year: anniversaries are counted from the year, so a
# bulletin's subject matches its date. Two months of 2026 had subjects of their own.
SPECIAL = {
    (2026, 1): "tuyên truyền Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
    (2026, 3): (
        "tuyên truyền kết quả Đại hội XIV của Đảng và cuộc bầu cử đại biểu Quốc hội khóa XVI, "
        "đại biểu HĐND các cấp nhiệm kỳ 2026–2031"
    ),
}


def _count(n: int) -> str:
    return ("một", "hai", "ba", "bốn")[n - 1] if 1 <= n <= 4 else str(n)


def subject(year: int, month: int) -> str:
    special = SPECIAL.get((year, month))
    if special:
        return special
    y = year
    return {
        1: f"tổng kết công tác tuyên giáo năm {y - 1}, triển khai nhiệm vụ năm {y}",
        2: (
            f"mừng Đảng, mừng Xuân {lunar_year(y)}, kỷ niệm {y - 1930} năm Ngày thành lập Đảng "
            f"Cộng sản Việt Nam (3/2/1930 – 3/2/{y})"
        ),
        3: (
            f"kỷ niệm {y - 1931} năm Ngày thành lập Đoàn Thanh niên Cộng sản Hồ Chí Minh "
            f"(26/3/1931 – 26/3/{y})"
        ),
        4: (
            f"kỷ niệm {y - 1975} năm Ngày giải phóng miền Nam, thống nhất đất nước "
            f"(30/4/1975 – 30/4/{y})"
        ),
        5: f"kỷ niệm {y - 1890} năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/{y})",
        6: "phòng, chống ma túy; Ngày Gia đình Việt Nam 28/6; bảo vệ môi trường vùng than",
        7: (
            f"{_count(y - 2025)} năm vận hành chính quyền địa phương hai cấp (1/7/2025 – 1/7/{y}); kỷ "
            f"niệm {y - 1947} năm Ngày Thương binh – Liệt sĩ"
        ),
        8: f"kỷ niệm {y - 1945} năm Cách mạng Tháng Tám thành công và Quốc khánh 2/9",
        9: (
            "Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo "
            "và chuyển đổi số quốc gia"
        ),
        10: (
            "phát triển kinh tế tư nhân theo Nghị quyết số 68-NQ/TW; phòng, chống thiên tai mùa "
            "mưa bão"
        ),
        11: (
            f"Ngày hội Đại đoàn kết toàn dân tộc, kỷ niệm {y - 1930} năm Ngày thành lập Mặt trận "
            f"Tổ quốc Việt Nam (18/11/1930 – 18/11/{y})"
        ),
        12: (
            f"kỷ niệm {y - 1944} năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 – "
            f"22/12/{y}) và {y - 1989} năm Ngày hội Quốc phòng toàn dân"
        ),
    }[month]


BODY = (
    "1. Nội dung tuyên truyền trọng tâm: {subject}.\n"
    "2. Định hướng: bám sát các văn bản của Trung ương, Tỉnh ủy; liên hệ kết quả thực hiện "
    "nhiệm vụ chính trị của phường, khu dân cư; nêu gương điển hình tiên tiến.\n"
    "3. Thông tin tình hình: những vấn đề cán bộ, đảng viên và nhân dân quan tâm trong tháng "
    "(tổng hợp từ phản ánh của báo cáo viên, tuyên truyền viên).\n"
    "4. Đấu tranh phản bác thông tin sai trái, xuyên tạc trên mạng xã hội; không chia sẻ thông "
    "tin chưa được kiểm chứng.\n"
    "5. Báo cáo viên, tuyên truyền viên phản ánh kịp thời dư luận xã hội về Ban Tuyên giáo và "
    "Dân vận trước ngày 25 hằng tháng."
)

# What people say, by topic; {area} is the residential area (khu).
OPINIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "Kinh tế, việc làm": (
        (
            "Lao động tự do ở {area} lo thiếu việc làm sau khi một số mỏ giảm sản lượng.",
            "Phối hợp Trung tâm dịch vụ việc làm mở phiên giao dịch việc làm tại phường.",
        ),
        (
            "Hộ kinh doanh ở {area} băn khoăn về chuyển đổi sang nộp thuế theo phương pháp kê khai.",
            "Đề nghị Thuế cơ sở tổ chức hướng dẫn trực tiếp tại khu dân cư.",
        ),
        (
            "Nhân dân {area} phấn khởi vì giá nông sản, dịch vụ du lịch Yên Tử tăng dịp lễ hội.",
            "Tuyên truyền gương hộ làm kinh tế giỏi.",
        ),
    ),
    "Đất đai, giải phóng mặt bằng": (
        (
            "Một số hộ ở {area} chưa đồng tình với đơn giá bồi thường dự án mở rộng đường.",
            "Tổ chức đối thoại công khai phương án bồi thường, hỗ trợ tái định cư.",
        ),
        (
            "Người dân {area} hỏi về thủ tục cấp giấy chứng nhận quyền sử dụng đất sau sắp xếp.",
            "Niêm yết quy trình, thời hạn giải quyết tại Trung tâm phục vụ hành chính công.",
        ),
    ),
    "Môi trường, khai thác than": (
        (
            "Bụi than trên tuyến đường qua {area} vào giờ cao điểm vận chuyển.",
            "Đề nghị doanh nghiệp than tăng tưới nước, che chắn xe tải.",
        ),
        (
            "Nhân dân {area} lo ngại nguy cơ sạt lở bãi thải khi mưa lớn.",
            "Kiểm tra, cắm biển cảnh báo và phương án sơ tán.",
        ),
        (
            "Nước suối chảy qua {area} có màu đục sau mưa.",
            "Đề nghị quan trắc chất lượng nước, thông tin công khai kết quả.",
        ),
    ),
    "Y tế, giáo dục": (
        (
            "Phụ huynh {area} phản ánh sĩ số lớp đông ở trường tiểu học.",
            "Rà soát quy hoạch mạng lưới trường lớp.",
        ),
        (
            "Người cao tuổi ở {area} mong được khám sức khỏe định kỳ tại trạm y tế.",
            "Phối hợp Hội Người cao tuổi tổ chức khám lưu động.",
        ),
    ),
    "Cải cách hành chính, sắp xếp đơn vị hành chính": (
        (
            "Nhân dân {area} hoan nghênh thủ tục trực tuyến nhưng người cao tuổi còn lúng túng.",
            "Tổ công nghệ số cộng đồng hỗ trợ tại nhà văn hóa khu.",
        ),
        (
            "Người dân {area} hỏi về việc đổi giấy tờ sau khi thay đổi địa giới hành chính.",
            "Tuyên truyền rõ: giấy tờ đã cấp vẫn còn giá trị, không bắt buộc đổi.",
        ),
    ),
    "Xây dựng Đảng, cán bộ": (
        (
            "Đảng viên {area} đánh giá cao việc tinh gọn bộ máy, mong cán bộ phường sâu sát cơ sở.",
            "Duy trì lịch tiếp dân, đối thoại của Bí thư Đảng ủy phường.",
        ),
        (
            "Một số đảng viên cao tuổi ở {area} đề nghị giữ hình thức sinh hoạt chi bộ trực tiếp.",
            "Kết hợp sinh hoạt trực tiếp với cập nhật tài liệu điện tử.",
        ),
    ),
    "An ninh, trật tự": (
        (
            "Xuất hiện tin nhắn lừa đảo giả danh công an, ngân hàng tới người dân {area}.",
            "Công an phường tuyên truyền cách nhận biết, cảnh báo qua loa truyền thanh.",
        ),
        (
            "Tình trạng xe tải đỗ lấn chiếm lòng đường tại {area} vào ban đêm.",
            "Tăng cường tuần tra, xử lý vi phạm.",
        ),
    ),
    "Khác": (
        (
            "Nhân dân {area} đề nghị sửa chữa nhà văn hóa khu trước mùa mưa bão.",
            "Đưa vào kế hoạch duy tu năm sau.",
        ),
    ),
}
# Relative weights: mining wards talk most about the environment and land.
WEIGHTS = {
    "Kinh tế, việc làm": 4,
    "Đất đai, giải phóng mặt bằng": 4,
    "Môi trường, khai thác than": 5,
    "Y tế, giáo dục": 2,
    "Cải cách hành chính, sắp xếp đơn vị hành chính": 3,
    "Xây dựng Đảng, cán bộ": 2,
    "An ninh, trật tự": 3,
    "Khác": 1,
}
NOTES = (
    "Đã chuyển UBND phường xem xét, trả lời.",
    "Đưa vào thông tin định hướng tháng sau.",
    "Đã báo cáo Thường trực Đảng ủy.",
    "Phối hợp Mặt trận Tổ quốc phường tổ chức đối thoại.",
)


@dataclass
class BulletinCounts:
    bulletins: int = 0
    receipts: int = 0
    read: int = 0
    reminded: int = 0
    opinion_reports: int = 0
    reviewed: int = 0


def _bulletins(rng: random.Random, by: User | None, counts: BulletinCounts) -> None:
    """This month's bulletin and the ten before it. Each is published on the 3rd; this month's,
    when the demo is loaded before the 3rd, an hour or two ago (the end of last month, if need
    be: departments often send the coming month's orientation a day or two early). Receipts
    are read, and reminders sent, only up to now."""
    root = Org.objects.get(depth=1, name=ROOT_NAME)
    recipients = recipients_for(root)
    now = timezone.now()
    this_month = month_start(today())
    last = MONTHS - 1
    for index in range(MONTHS):
        month = month_start(this_month, index - last)
        about = subject(month.year, month.month)
        published = min(at(month.replace(day=PUBLISH_DAY), 8), now - datetime.timedelta(hours=2))
        bulletin = Bulletin.objects.create(
            org=root,
            title=f"Thông tin định hướng tháng {month.month}/{month.year}: {about}",
            month=month,
            body=BODY.format(subject=about),
            published_at=published,
            created_by=by,
        )
        Bulletin.objects.filter(pk=bulletin.pk).update(
            created_at=published - datetime.timedelta(days=1), updated_at=published
        )
        # Older bulletins have had longer to be read: 96 % of the oldest down to 72 % of this
        # month's (fewer, if it came out only days ago: no read lies in the future).
        rate = 0.96 - 0.24 * index / last
        reminder = published + REMIND_AFTER
        receipts = []
        for presenter_id in recipients:
            read_at = None
            if rng.random() < rate:
                # Most open it within two or three days; a few only after the reminder.
                minutes = min(10 + rng.expovariate(1 / (2 * 24 * 60)), 25 * 24 * 60)
                read_at = published + datetime.timedelta(minutes=int(minutes))
                if read_at > now:
                    read_at = None
            unread = read_at is None or read_at > reminder
            reminded_at = reminder if unread and reminder <= now else None
            receipts.append(
                Receipt(
                    bulletin=bulletin,
                    presenter_id=presenter_id,
                    read_at=read_at,
                    reminded_at=reminded_at,
                )
            )
            counts.read += read_at is not None
            counts.reminded += reminded_at is not None
        Receipt.objects.bulk_create(receipts, batch_size=1000)
        counts.bulletins += 1
        counts.receipts += len(receipts)


def _reports(rng: random.Random, by: User | None, counts: BulletinCounts) -> None:
    topics = {topic.name: topic for topic in Topic.objects.all()}
    names = [name for name in WEIGHTS if name in topics]
    weights = [WEIGHTS[name] for name in names]
    wards = []
    for ward_name in WARD_NAMES:
        ward = Org.objects.get(name=f"Đảng bộ phường {ward_name}")
        corps = list(
            Presenter.objects.filter(org=ward, status=Status.ACTIVE)
            .select_related("org")
            .order_by("pk")
        )
        areas = list(
            Org.objects.filter(path__startswith=ward.path, name__startswith="Chi bộ khu").order_by(
                "path"
            )
        ) or [ward]
        if corps:
            wards.append((corps, areas))
    if not wards:
        return
    # Reports of the past eleven months, up to an hour ago.
    now = timezone.now()
    end = today()
    start = month_start(end, -REPORT_MONTHS) + datetime.timedelta(days=4)
    span = (end - start).days
    reports = []
    for _ in range(REPORTS):
        corps, areas = rng.choice(wards)
        presenter = rng.choice(corps)
        area = rng.choice(areas)
        name = rng.choices(names, weights)[0]
        summary, response = rng.choice(OPINIONS[name])
        area_label = (
            area.name.removeprefix("Chi bộ ") if area.name.startswith("Chi bộ") else area.name
        )
        day = start + datetime.timedelta(days=rng.randint(0, span))
        created = at(day, rng.randint(7, 20), rng.randint(0, 59))
        created = min(created, now - datetime.timedelta(hours=1))
        # The department reviews most reports within three weeks, never in the future.
        settled = day < end - datetime.timedelta(days=21)
        reviewed_at = created + datetime.timedelta(days=rng.randint(1, 7))
        reviewed = rng.random() < (0.9 if settled else 0.25) and reviewed_at < now
        reports.append(
            OpinionReport(
                presenter=presenter,
                topic=topics[name],
                area=area,
                summary=summary.format(area=area_label),
                suggested_response=response,
                status=ReportStatus.REVIEWED if reviewed else ReportStatus.NEW,
                reviewer_note=rng.choice(NOTES) if reviewed else "",
                reviewed_by=by if reviewed else None,
                reviewed_at=reviewed_at if reviewed else None,
            )
        )
        reports[-1].demo_created = created  # type: ignore[attr-defined]
        reports[-1].demo_updated = reviewed_at if reviewed else created  # type: ignore[attr-defined]
        counts.reviewed += reviewed
    created_rows = OpinionReport.objects.bulk_create(reports)
    for report in created_rows:
        report.created_at = report.demo_created  # type: ignore[attr-defined]
        report.updated_at = report.demo_updated  # type: ignore[attr-defined]
    OpinionReport.objects.bulk_update(created_rows, ["created_at", "updated_at"], batch_size=500)
    counts.opinion_reports = len(created_rows)


def create_bulletins(*, rng: random.Random, users: dict[str, User]) -> BulletinCounts:
    """Bulletins from the province root to every active presenter and propagandist, then the
    wards' opinion reports. Call after `create_presenters`."""
    counts = BulletinCounts()
    by = users.get("bantuyengiao")
    _bulletins(rng, by, counts)
    _reports(rng, by, counts)
    return counts
