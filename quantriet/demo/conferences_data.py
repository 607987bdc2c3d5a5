"""Data of the demo conferences (`conferences`, `planner`, `briefings`, `ward_conferences`,
`live_data`): dates, titles, texts, agendas, and the figures they are planned with.

An agenda row is (start, end, title, speaker): start and end are (hour, minute) on the
conference's day, the speaker is "presenter" (the province's presenter), "leader" (the
department's head), "chair" (the ward's officer) or None.
"""

from __future__ import annotations

import datetime

from quantriet.conferences.models import Invitation
from quantriet.orgs.models import Category

XIV_DAY = datetime.date(2026, 2, 7)
LATE_AFTER_MINUTES = 15
CELL_SITES_PER_WARD = 14  # residential cells with a site of their own, the largest first
WORKSHOP_SITES = {"coal": 3, "power": 2}  # the largest workshops of each company
UPCOMING_CELL_SITES = 14
PARTY_CATEGORIES = [Category.PARTY_MEMBER, Category.KEY_CADRE]
WARD_OFFICERS = {"Uông Bí": "uongbi", "Yên Tử": "yentu", "Vàng Danh": "vangdanh"}

Agenda = tuple[tuple[tuple[int, int], tuple[int, int], str, str | None], ...]

XIV_TITLE = (
    "Hội nghị toàn quốc nghiên cứu, học tập, quán triệt và triển khai thực hiện Nghị quyết Đại "
    "hội XIV của Đảng"
)
XIV_DESCRIPTION = (
    "Hội nghị toàn quốc do Bộ Chính trị, Ban Bí thư tổ chức, từ 7 giờ 30 phút đến 17 "
    "giờ 00 phút ngày 07/02/2026; điểm cầu chính tại Phòng họp Diên Hồng, Nhà Quốc "
    "hội, kết nối tới hơn 31.000 điểm cầu với hơn 1,93 triệu cán bộ, đảng viên. Tại "
    "khu vực Uông Bí, cán bộ, đảng viên ba phường Uông Bí, Yên Tử, Vàng Danh và các "
    "đảng bộ doanh nghiệp than, nhiệt điện học tập tại điểm cầu phường, chi bộ khu và "
    "phân xưởng; đảng viên vắng mặt học bù và viết bài thu hoạch."
)
XIV_DOCUMENTS = ("xiv", "ct01", "guide_xiv")  # keys of `documents_data.DOCUMENTS`
XIV_AGENDA: Agenda = (
    ((7, 30), (7, 45), "Chào cờ; tuyên bố lý do, giới thiệu đại biểu", None),
    (
        (7, 45),
        (9, 30),
        "Chuyên đề 1: Những nội dung cơ bản, cốt lõi và điểm mới trong các văn kiện "
        "Đại hội XIV của Đảng",
        None,
    ),
    (
        (9, 45),
        (11, 30),
        "Chuyên đề 2: Phương hướng, nhiệm vụ phát triển đất nước 5 năm 2026–2030 và "
        "các đột phá chiến lược",
        None,
    ),
    (
        (13, 30),
        (15, 30),
        "Chuyên đề 3: Chương trình hành động thực hiện Nghị quyết Đại hội XIV; quán "
        "triệt Kế hoạch của Ban Thường vụ Tỉnh ủy, liên hệ thực tiễn Quảng Ninh",
        "presenter",
    ),
    (
        (15, 30),
        (17, 0),
        "Hướng dẫn viết bài thu hoạch, tổ chức học bù; kết luận hội nghị tại điểm cầu tỉnh",
        "leader",
    ),
)

UPCOMING_TITLE = (
    "Hội nghị học tập, quán triệt Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Quảng Ninh lần thứ "
    "XVI và Kế hoạch thực hiện của Đảng ủy phường Uông Bí"
)
UPCOMING_DESCRIPTION = (
    "Đảng ủy phường Uông Bí tổ chức cho cán bộ, đảng viên toàn Đảng bộ học tập tại "
    "hội trường phường và điểm cầu các chi bộ; đảng viên mang theo thẻ đảng viên "
    "hoặc mã QR trên điện thoại để điểm danh."
)
UPCOMING_DOCUMENTS = ("qn16", "ward_plan")
UPCOMING_AGENDA: Agenda = (
    ((14, 0), (14, 10), "Khai mạc; tuyên bố lý do, giới thiệu đại biểu", "chair"),
    (
        (14, 10),
        (15, 30),
        "Quán triệt những nội dung cơ bản của Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI",
        "presenter",
    ),
    (
        (15, 30),
        (16, 10),
        "Triển khai Kế hoạch 15-KH/ĐU của Đảng ủy phường thực hiện Nghị quyết",
        "chair",
    ),
    ((16, 10), (16, 30), "Trao đổi, thảo luận; kết luận hội nghị", "chair"),
)

EXCUSE_NOTES: dict[str, tuple[str, ...]] = {
    Invitation.Excuse.ILLNESS: (
        "Đang điều trị tại Bệnh viện Việt Nam – Thụy Điển Uông Bí",
        "Ốm, có giấy xác nhận của Trạm Y tế phường",
        "Sau phẫu thuật, đang nghỉ dưỡng tại nhà",
    ),
    Invitation.Excuse.WORK: (
        "Đi công tác theo quyết định của cơ quan",
        "Trực sản xuất theo ca, đã báo cáo Bí thư Chi bộ",
        "Tham gia lớp bồi dưỡng tại Trường Chính trị tỉnh",
    ),
    Invitation.Excuse.OLD_AGE: (
        "Tuổi cao, sức yếu; gia đình đã báo Chi bộ",
        "Tuổi cao, đi lại khó khăn; đề nghị được tự nghiên cứu tài liệu",
    ),
    Invitation.Excuse.FAMILY: (
        "Gia đình có việc hiếu",
        "Đưa người thân đi khám bệnh tại Hà Nội",
        "Gia đình có việc hỷ",
    ),
    Invitation.Excuse.OTHER: ("Đang ở nước ngoài thăm con", "Đi học tập trung dài hạn"),
}
TECHNICAL_PROBLEMS = (
    "Đường truyền gián đoạn khoảng 3 phút lúc 09:10, kỹ thuật viên đã khắc phục.",
    "Âm thanh từ điểm cầu Trung ương bị rè trong 5 phút đầu, đã chuyển sang đường truyền dự phòng.",
    "Máy chiếu hỏng, dùng màn hình ti vi thay thế.",
    "Mất điện 10 phút lúc 14:05; chạy máy phát điện.",
)
SITE_NOTES = (
    "Hội nghị bảo đảm nghiêm túc, đúng thời gian; đảng viên tham dự đầy đủ, tập trung theo dõi.",
    "Đảng viên theo dõi nghiêm túc; Chi bộ sẽ tổ chức học bù cho đảng viên vắng mặt.",
    "Điểm cầu chuẩn bị chu đáo; đã phát tài liệu và hướng dẫn viết bài thu hoạch.",
)
