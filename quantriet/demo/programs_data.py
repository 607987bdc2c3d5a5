"""Data of the demo's action programmes (`programs`): the province's tasks with how each stands
today, the progress notes, titles, and the delays between the levels' programmes.
"""

from __future__ import annotations

import datetime

from quantriet.demo.orgs_data import WARD_NAMES
from quantriet.programs.status import TaskStatus

# The resolution's term ends with 2030 (Đại hội XVI, nhiệm kỳ 2025–2030).
TERM_END = datetime.date(2030, 12, 31)
ISSUED_MONTHS_AGO = 7
# A committee drafts, consults on and adopts its programme in weeks, not days: the province's
# programme comes at least this long after the resolution it implements.
PREPARATION = datetime.timedelta(weeks=8)
WARDS_AFTER = datetime.timedelta(weeks=3)  # the wards build theirs from the province's
CELLS_AFTER = datetime.timedelta(weeks=4)  # the cells from their ward's
# No task falls due before the last cell has issued its plan, with a fortnight to spare.
FIRST_DUE = (
    WARDS_AFTER
    + datetime.timedelta(days=len(WARD_NAMES))
    + CELLS_AFTER
    + datetime.timedelta(weeks=2)
)
REPORT_DAY = 25  # officers report progress by the 25th of each month

DONE, OVERDUE, AT_RISK, ON_TRACK = (
    TaskStatus.DONE,
    TaskStatus.OVERDUE,
    TaskStatus.AT_RISK,
    TaskStatus.ON_TRACK,
)
# (task, indicator, target, unit, starts: months after the programme is issued,
#  due: end of the month this many months from today, how the province's stands today)
TASKS = [
    (
        "Quán triệt Nghị quyết đến 100% cán bộ, đảng viên",
        "Đảng viên được học tập, quán triệt",
        "100",
        "%",
        0,
        -4,
        DONE,
    ),
    (
        "Rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2025–2030",
        "Chức danh được rà soát quy hoạch",
        "100",
        "%",
        0,
        -2,
        DONE,
    ),
    (
        "Sắp xếp, kiện toàn các khu dân cư sau hợp nhất",
        "Khu dân cư được kiện toàn",
        "100",
        "%",
        0,
        -1,
        OVERDUE,
    ),
    (
        "Tuyên truyền, phản bác quan điểm sai trái trên không gian mạng",
        "Tin, bài tuyên truyền",
        "120",
        "tin, bài",
        0,
        1,
        ON_TRACK,
    ),
    (
        "Chuyển đổi số trong giải quyết thủ tục hành chính",
        "Hồ sơ nộp trực tuyến",
        "80",
        "%",
        1,
        3,
        AT_RISK,
    ),
    ("Nâng tỷ lệ hộ dân dùng nước sạch", "Hộ dùng nước sạch", "98", "%", 1, 5, ON_TRACK),
    ("Kết nạp đảng viên mới", "Đảng viên mới được kết nạp", "40", "đảng viên", 0, 6, ON_TRACK),
    ("Giảm nghèo bền vững", "Hộ nghèo còn lại", "0", "hộ", 0, 9, ON_TRACK),
    (
        "Phát triển du lịch tâm linh, sinh thái Yên Tử",
        "Lượt khách",
        "1200000",
        "lượt",
        2,
        11,
        ON_TRACK,
    ),
]
NOTES = [
    "Đã tổ chức hội nghị, lập danh sách theo dõi từng chi bộ.",
    "Hoàn thành khảo sát, đang triển khai ở các khu dân cư.",
    "Phối hợp Mặt trận Tổ quốc và các đoàn thể vận động nhân dân.",
    "Vướng mặt bằng, đã báo cáo Thường trực Đảng ủy xin ý kiến.",
    "Kết quả vượt tiến độ so với kế hoạch quý.",
]
DONE_NOTE = "Hoàn thành nhiệm vụ, đã báo cáo kết quả với cấp ủy."

PROVINCE_TITLE = "Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI"
PROVINCE_OBJECTIVES = (
    "Cụ thể hóa các mục tiêu, chỉ tiêu của Nghị quyết thành nhiệm vụ có người phụ "
    "trách, thời hạn. (Số, ký hiệu các chương trình, kế hoạch trong dữ liệu mẫu là ví "
    "dụ minh họa.)"
)
WARD_TITLE = (
    "Chương trình hành động của Đảng ủy phường {ward} thực hiện Nghị quyết Đại hội Đảng bộ tỉnh "
    "lần thứ XVI"
)
CELL_TITLE = "Kế hoạch thực hiện của {cell}"
