"""Data of the demo corps (`corps`, `briefings`, `ward_conferences`): its size, the topics of
the wards' monthly conferences, and the titles and texts of its year. Decision numbers of the ward
committees are examples.
"""

from __future__ import annotations

import datetime

PRESENTERS_PER_WARD = 20
PROPAGANDISTS_PER_WARD = 100
RECOGNISED_ON = datetime.date(2025, 9, 15)  # the new wards' first decisions, after 1/7/2025
TERM_END = datetime.date(2030, 9, 30)
TOPICS = (
    "Nghị quyết Đại hội XIV của Đảng",
    "Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo",
    "Nghị quyết số 66-NQ/TW về đổi mới công tác xây dựng và thi hành pháp luật",
    "Nghị quyết số 68-NQ/TW về phát triển kinh tế tư nhân",
    "Nghị quyết Đại hội Đảng bộ tỉnh Quảng Ninh lần thứ XVI",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm {year}",
    "Bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác quan điểm sai trái",
    "Chuyển đổi số và xây dựng chính quyền số cấp phường",
)


EDUCATION = (
    "Cử nhân Luật",
    "Cử nhân Kinh tế",
    "Thạc sĩ Quản lý công",
    "Cử nhân Chính trị học",
    "Kỹ sư Mỏ",
)
RECOGNISED_REASON = "Công nhận theo Quyết định số {number} (số hiệu ví dụ minh họa)"
SUSPENDED_REASON = "Điều trị bệnh dài ngày"
REPLACED_REASON = "Chuyển công tác về Ban Tuyên giáo và Dân vận Tỉnh ủy"
XIV_UPDATE_TITLE = "Cập nhật kiến thức: Nghị quyết Đại hội XIV của Đảng"
COURSE_TITLE = "Bồi dưỡng nghiệp vụ báo cáo viên năm {year}"
RESOLUTIONS_UPDATE_TITLE = (
    "Cập nhật kiến thức: các nghị quyết của Bộ Chính trị về khoa học, công nghệ và kinh tế tư nhân"
)
REVIEW_TITLE = "Rà soát, đánh giá đội ngũ báo cáo viên {org} năm {year}"
BRIEFING_TITLE = "Hội nghị báo cáo viên tháng {month}/{year}"
BRIEFING_DESCRIPTION = (
    "Hội nghị báo cáo viên trực tuyến của Ban Tuyên giáo và Dân vận Tỉnh ủy, kết "
    "nối tới điểm cầu các đảng ủy phường: thông tin thời sự, định hướng tuyên "
    "truyền trong tháng."
)
