"""Demo dialogue for the XIV Congress conference (7/2/2026): questions from the sites, votes,
moderation, answers by the conference's presenters, a closed poll and the attendees' feedback.

Rows are written with the models and `bulk_create`, not with the dialogue services: those emit
live events and stamp the present moment, and this conference is long over (the conference in
progress, `live_data`, goes through the services). Timestamps are set afterwards with `bulk_update`
(the models stamp `auto_now_add` fields on insert), so the history reads as it happened that
morning. Every choice comes from the loader's seeded generator.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from quantriet.conferences.models import CheckIn, Conference
from quantriet.core.text import fold
from quantriet.demo.orgs_data import COAL_GROUP_NAME, POWER_PLANT
from quantriet.dialogue.models import (
    Answer,
    Feedback,
    ModerationLog,
    Poll,
    PollOption,
    PollVote,
    Question,
    Settings,
    Vote,
)
from quantriet.dialogue.selectors import asker_key
from quantriet.orgs.models import Org, Person

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = datetime.date(2026, 2, 7)
BATCH_SIZE = 1000
POLL_VOTES = 300
FEEDBACK = 400
Status = Question.Status
REJECT_OFF_TOPIC = "Không thuộc nội dung hội nghị"
REJECT_PERSONAL = (
    "Nội dung phản ánh vụ việc cụ thể của cá nhân; đề nghị đồng chí gửi đơn tới Ủy ban nhân dân "
    "phường để được giải quyết theo quy định"
)


@dataclass
class DialogueCounts:
    """What was made, for the command's summary."""

    questions: int = 0
    answers: int = 0
    votes: int = 0
    poll_votes: int = 0
    feedback: int = 0


@dataclass(frozen=True)
class _Q:
    """One demo question. `by`: "bcv" (the province's presenter) or "pgd" (the deputy head of
    the department, who closed the conference); `where`: the kind of site the asker is at."""

    text: str
    status: str
    where: str = "any"  # "ward", "coal", "power", or "any" site
    answer: str = ""
    by: str = "bcv"
    live: bool = False
    anonymous: bool = False
    addressed: bool = False
    reason: str = ""
    merge_into: int | None = None  # index of the question it duplicates
    votes: int = 0  # with 5 000 attendees; fewer present, fewer votes
    asked: tuple[int, int] = (8, 0)


QUESTIONS: tuple[_Q, ...] = (
    # 0
    _Q(
        "Văn kiện Đại hội XIV đặt mục tiêu tăng trưởng kinh tế bình quân từ 10%/năm trở lên giai "
        "đoạn 2026–2030. Với một tỉnh công nghiệp như Quảng Ninh, động lực chính để đạt mục tiêu "
        "này là gì khi ngành than không còn tăng sản lượng?",
        Status.ANSWERED,
        answer=(
            "Mục tiêu tăng trưởng hai con số là mục tiêu chung của cả nước, Quảng Ninh phải đóng "
            "góp phần cao hơn mức bình quân. Động lực không còn nằm ở sản lượng than mà ở ba trụ "
            "cột tỉnh đã xác định: công nghiệp chế biến, chế tạo trong các khu công nghiệp, dịch "
            "vụ – du lịch, và kinh tế cửa khẩu, kinh tế biển. Riêng khu vực Uông Bí, Kế hoạch của "
            "Ban Thường vụ Tỉnh ủy giao tập trung hoàn thiện hạ tầng khu công nghiệp và phát huy "
            "giá trị Khu di tích và danh thắng Yên Tử."
        ),
        live=True,
        votes=86,
        asked=(7, 52),
    ),
    # 1
    _Q(
        "Nghị quyết 57-NQ/TW yêu cầu đột phá về khoa học, công nghệ, đổi mới sáng tạo và chuyển "
        "đổi số. Ở cấp chi bộ khu dân cư, đảng viên phần lớn đã cao tuổi thì thực hiện chuyển đổi "
        "số như thế nào cho thực chất?",
        Status.ANSWERED,
        where="ward",
        answer=(
            "Chuyển đổi số ở chi bộ khu dân cư trước hết là đưa sinh hoạt chi bộ, thông báo, tài "
            "liệu học tập lên môi trường số và hướng dẫn người dân dùng dịch vụ công trực tuyến. "
            "Với đảng viên cao tuổi, chi bộ phân công đảng viên trẻ, đoàn viên thanh niên kèm cặp "
            "từng người, không đặt chỉ tiêu hình thức. Phường sẽ tiếp tục duy trì tổ công nghệ số "
            "cộng đồng ở từng khu để hỗ trợ tại nhà."
        ),
        by="pgd",
        votes=64,
        asked=(7, 58),
    ),
    # 2
    _Q(
        "Đề nghị báo cáo viên làm rõ những điểm mới của Nghị quyết 68-NQ/TW về phát triển kinh tế "
        "tư nhân: hộ kinh doanh nhỏ ở địa phương được hỗ trợ cụ thể những gì khi chuyển lên "
        "doanh nghiệp?",
        Status.ANSWERED,
        where="ward",
        answer=(
            "Nghị quyết 68-NQ/TW xác định kinh tế tư nhân là một động lực quan trọng nhất của nền "
            "kinh tế, đặt mục tiêu đến năm 2030 cả nước có khoảng 2 triệu doanh nghiệp. Hộ kinh "
            "doanh chuyển lên doanh nghiệp được hỗ trợ thủ tục thành lập, kế toán, và được miễn, "
            "giảm một số loại thuế, phí trong thời gian đầu theo các văn bản hướng dẫn. Tỉnh đang "
            "xây dựng chương trình hỗ trợ riêng; các phường sẽ hướng dẫn trực tiếp cho từng hộ có "
            "nhu cầu."
        ),
        votes=71,
        asked=(8, 5),
    ),
    # 3
    _Q(
        "Sau khi sắp xếp bộ máy, bỏ cấp huyện từ 1/7/2025, khối lượng công việc ở phường tăng "
        "nhiều. Nghị quyết Đại hội XIV có định hướng gì về bố trí cán bộ và chế độ cho cán bộ "
        "cơ sở?",
        Status.ANSWERED,
        where="ward",
        answer=(
            "Văn kiện Đại hội XIV tiếp tục khẳng định xây dựng bộ máy tinh gọn, hoạt động hiệu "
            "lực, hiệu quả, gắn với nâng cao chất lượng đội ngũ cán bộ cấp cơ sở. Sau sắp xếp, "
            "phường được bổ sung biên chế từ cán bộ cấp huyện trước đây và được phân cấp, phân "
            "quyền nhiều hơn. Tỉnh đang rà soát vị trí việc làm để điều chỉnh, bảo đảm cán bộ "
            "phường không quá tải; chế độ, chính sách thực hiện theo quy định chung của Trung ương."
        ),
        live=True,
        anonymous=True,
        votes=92,
        asked=(8, 12),
    ),
    # 4
    _Q(
        "Ngành than đang giảm dần khai thác lộ thiên và chuyển sang cơ giới hóa, tự động hóa. "
        "Nghị quyết có định hướng gì để bảo đảm việc làm, thu nhập cho công nhân mỏ, nhất là thợ "
        "lò trên 45 tuổi?",
        Status.ANSWERED,
        where="coal",
        answer=(
            "Văn kiện nhấn mạnh phát triển nhanh, bền vững gắn với bảo đảm an sinh xã hội, không "
            "để ai bị bỏ lại phía sau. Với ngành than, Tập đoàn và Tỉnh thống nhất hướng đào tạo "
            "lại, chuyển đổi vị trí việc làm trong nội bộ doanh nghiệp trước khi tính đến giảm lao "
            "động. Thợ lò lớn tuổi được ưu tiên bố trí sang khâu phục vụ, sàng tuyển, và được hưởng "
            "đầy đủ chế độ nghỉ hưu trước tuổi theo quy định nếu có nguyện vọng."
        ),
        live=True,
        addressed=True,
        votes=118,
        asked=(8, 20),
    ),
    # 5
    _Q(
        "Chủ trương phát triển kinh tế xanh, giảm phát thải trong văn kiện Đại hội XIV sẽ tác "
        "động thế nào đến Nhà máy Nhiệt điện Uông Bí và người lao động của nhà máy?",
        Status.ANSWERED,
        where="power",
        answer=(
            "Chuyển đổi năng lượng là lộ trình dài hạn theo cam kết của Việt Nam, không phải đóng "
            "cửa nhà máy ngay. Trước mắt, nhà máy tiếp tục vận hành ổn định, đầu tư cải tạo hệ "
            "thống xử lý khói thải, tro xỉ để đáp ứng quy chuẩn mới. Về lâu dài, đơn vị cần chủ "
            "động đào tạo lại người lao động để làm chủ công nghệ mới; Đảng ủy công ty cần đưa "
            "nội dung này vào chương trình hành động của mình."
        ),
        addressed=True,
        votes=47,
        asked=(8, 31),
    ),
    # 6
    _Q(
        "Ô nhiễm bụi trên tuyến đường vận chuyển than qua phường Vàng Danh vẫn còn. Nghị quyết có "
        "yêu cầu gì về bảo vệ môi trường trong khai thác khoáng sản, và người dân được tham gia "
        "giám sát như thế nào?",
        Status.ANSWERED,
        where="ward",
        answer=(
            "Văn kiện Đại hội XIV yêu cầu không đánh đổi môi trường lấy tăng trưởng kinh tế. Các "
            "doanh nghiệp than trên địa bàn phải thực hiện đúng cam kết: che chắn phương tiện, "
            "phun sương, rửa xe trước khi ra đường và chuyển dần sang vận chuyển bằng băng tải. "
            "Người dân phản ánh qua Trưởng khu, Mặt trận Tổ quốc phường hoặc đường dây nóng của "
            "tỉnh; Ủy ban nhân dân phường có trách nhiệm kiểm tra và trả lời công khai."
        ),
        votes=103,
        asked=(8, 40),
    ),
    # 7
    _Q(
        "Đảng viên học tập nghị quyết xong cần viết bài thu hoạch theo mẫu nào, nộp ở đâu, hạn "
        "nộp khi nào? Đảng viên cao tuổi không tự viết được thì xử lý ra sao?",
        Status.ANSWERED,
        where="ward",
        answer=(
            "Bài thu hoạch viết theo hướng dẫn của Ban Tuyên giáo và Dân vận Tỉnh ủy, gồm nhận "
            "thức về những điểm mới của Nghị quyết và kế hoạch hành động của cá nhân gắn với nhiệm "
            "vụ được giao. Đảng viên nộp cho chi bộ trước ngày 28/2/2026; có thể nộp bản giấy hoặc "
            "qua hệ thống. Đảng viên tuổi cao, sức yếu đã được miễn sinh hoạt thì không bắt buộc "
            "viết, chi bộ ghi nhận ý kiến trao đổi trực tiếp."
        ),
        by="pgd",
        live=True,
        votes=58,
        asked=(8, 46),
    ),
    # 8
    _Q(
        "Văn kiện nói nhiều đến phát huy vai trò của người đứng đầu. Làm thế nào để việc đánh giá "
        "cán bộ dựa vào kết quả, sản phẩm cụ thể chứ không còn nể nang, cào bằng?",
        Status.ANSWERED,
        answer=(
            "Đại hội XIV tiếp tục đổi mới công tác đánh giá cán bộ theo hướng lấy kết quả, sản "
            "phẩm cụ thể và sự hài lòng của người dân làm thước đo. Tỉnh đã áp dụng đánh giá theo "
            "tháng, quý với các tiêu chí định lượng, công khai kết quả. Khi cấp ủy mạnh dạn xếp "
            "loại đúng thực chất và gắn với bố trí, thay thế cán bộ thì tình trạng nể nang sẽ giảm."
        ),
        votes=39,
        asked=(8, 53),
    ),
    # 9
    _Q(
        "Khu di tích Yên Tử đã được UNESCO công nhận là Di sản văn hóa thế giới. Tỉnh có kế hoạch "
        "gì để phát triển du lịch di sản gắn với tạo việc làm cho người dân phường Yên Tử?",
        Status.ANSWERED,
        where="ward",
        answer=(
            "Việc quần thể Yên Tử – Vĩnh Nghiêm – Côn Sơn, Kiếp Bạc được ghi danh là cơ hội lớn. "
            "Kế hoạch của tỉnh ưu tiên bảo tồn nguyên trạng di sản, kéo dài mùa du lịch ngoài mùa "
            "lễ hội và phát triển dịch vụ lưu trú, ẩm thực do người dân địa phương làm chủ. Phường "
            "sẽ phối hợp mở các lớp đào tạo nghề du lịch cho thanh niên trên địa bàn."
        ),
        votes=54,
        asked=(9, 2),
    ),
    # 10
    _Q(
        "Đề nghị làm rõ định hướng của Đại hội XIV về xây dựng, chỉnh đốn Đảng: việc kết nạp "
        "đảng viên trong công nhân trực tiếp sản xuất ở doanh nghiệp còn khó khăn, cần giải "
        "pháp gì?",
        Status.ANSWERED,
        where="coal",
        answer=(
            "Phát triển đảng viên trong công nhân trực tiếp sản xuất là nhiệm vụ Văn kiện nhấn mạnh "
            "nhiều lần. Khó khăn chủ yếu là công nhân làm theo ca, ít thời gian học lớp cảm tình "
            "Đảng. Tỉnh đề nghị các đảng bộ doanh nghiệp tổ chức lớp vào ngày nghỉ ca, giao chỉ "
            "tiêu cho từng chi bộ phân xưởng và phối hợp với công đoàn, đoàn thanh niên phát hiện "
            "quần chúng ưu tú ngay tại lò."
        ),
        by="pgd",
        votes=33,
        asked=(9, 8),
    ),
    # 11
    _Q(
        "Thủ tục hành chính trên Cổng dịch vụ công nhiều lúc vẫn yêu cầu người dân nộp thêm bản "
        "giấy. Khi nào thì giải quyết được dứt điểm tình trạng này như tinh thần Nghị quyết 57?",
        Status.ANSWERED,
        where="ward",
        answer=(
            "Đây là vấn đề tỉnh đã nắm được. Nguyên nhân chính là dữ liệu giữa các ngành chưa "
            "liên thông đầy đủ, nên cán bộ còn yêu cầu bản giấy để đối chiếu. Năm 2026 tỉnh tập "
            "trung làm sạch và kết nối dữ liệu dân cư, đất đai, hộ tịch; thủ tục nào đã có dữ liệu "
            "thì không được yêu cầu người dân nộp lại. Người dân gặp trường hợp này có thể phản ánh "
            "ngay trên hệ thống để được xử lý."
        ),
        votes=77,
        asked=(9, 20),
    ),
    # 12
    _Q(
        "Văn kiện đặt mục tiêu phát triển văn hóa, con người Việt Nam. Ở khu dân cư, các thiết "
        "chế văn hóa như nhà văn hóa khu đang xuống cấp, có nguồn lực nào để cải tạo không?",
        Status.ANSWERED,
        where="ward",
        answer=(
            "Tỉnh có chương trình hỗ trợ cải tạo nhà văn hóa khu theo phương châm Nhà nước hỗ trợ "
            "một phần, nhân dân đóng góp và xã hội hóa. Các khu lập danh sách hạng mục xuống cấp, "
            "gửi Ủy ban nhân dân phường tổng hợp trước tháng 4 để đưa vào kế hoạch đầu tư công năm "
            "2027. Điều quan trọng là nhà văn hóa phải được sử dụng thường xuyên, không chỉ mở cửa "
            "khi có họp."
        ),
        by="pgd",
        votes=28,
        asked=(9, 31),
    ),
    # 13
    _Q(
        "Đối với đảng viên là người lao động trong doanh nghiệp tư nhân, chi bộ nên tổ chức việc "
        "học tập, quán triệt nghị quyết như thế nào cho phù hợp với giờ làm việc?",
        Status.ANSWERED,
        answer=(
            "Chi bộ có thể bố trí học tập vào buổi tối hoặc ngày nghỉ, chia thành nhiều buổi ngắn "
            "theo chuyên đề và kết hợp học trực tuyến qua hệ thống. Cấp ủy cơ sở cần trao đổi trước "
            "với chủ doanh nghiệp để tạo điều kiện về thời gian. Đảng viên không dự được thì học "
            "bù theo hướng dẫn, vẫn phải viết bài thu hoạch như các đảng viên khác."
        ),
        by="pgd",
        votes=21,
        asked=(9, 44),
    ),
    # 14
    _Q(
        "Quảng Ninh có lợi thế về hạ tầng giao thông. Nghị quyết định hướng thế nào về phát triển "
        "các khu công nghiệp ở phía tây của tỉnh để thu hút lao động từ ngành than chuyển sang?",
        Status.ANSWERED,
        answer=(
            "Phía tây của tỉnh, trong đó có Uông Bí, được định hướng trở thành khu vực công nghiệp "
            "– đô thị – dịch vụ, kết nối với Hải Phòng và Hà Nội qua hệ thống cao tốc. Các khu "
            "công nghiệp ưu tiên thu hút dự án công nghệ cao, sử dụng lao động có tay nghề. Tỉnh "
            "sẽ phối hợp với doanh nghiệp mở lớp đào tạo chuyển đổi nghề cho lao động ngành than có "
            "nhu cầu."
        ),
        votes=45,
        asked=(9, 58),
    ),
    # 15
    _Q(
        "Việc sáp nhập các tổ chức chính trị – xã hội vào Mặt trận Tổ quốc sau năm 2025 ảnh "
        "hưởng thế nào đến hoạt động của chi hội phụ nữ, chi đoàn thanh niên ở khu dân cư?",
        Status.ANSWERED,
        where="ward",
        answer=(
            "Ở khu dân cư, các chi hội và chi đoàn vẫn hoạt động, nhưng dưới sự điều phối thống "
            "nhất của Ban công tác Mặt trận khu. Sự thay đổi chủ yếu ở cấp trên: đầu mối gọn hơn, "
            "tránh chồng chéo nội dung. Các chi hội cần giữ nề nếp sinh hoạt và phối hợp trong các "
            "phong trào chung của khu."
        ),
        by="pgd",
        votes=36,
        asked=(10, 6),
    ),
    # 16
    _Q(
        "An toàn lao động trong hầm lò có được nhắc đến trong phương hướng nhiệm vụ của tỉnh "
        "không? Đề nghị báo cáo viên cho biết các giải pháp cụ thể.",
        Status.ANSWERED,
        where="coal",
        answer=(
            "An toàn lao động là yêu cầu xuyên suốt trong phát triển ngành than. Kế hoạch của tỉnh "
            "yêu cầu các doanh nghiệp đẩy mạnh cơ giới hóa, tự động hóa khâu đào lò và khai thác, "
            "ứng dụng giám sát khí mỏ tự động và đào tạo định kỳ cho thợ lò. Cấp ủy doanh nghiệp "
            "phải coi an toàn là chỉ tiêu chính trị, gắn trách nhiệm người đứng đầu khi để xảy ra "
            "sự cố."
        ),
        live=True,
        votes=66,
        asked=(10, 18),
    ),
    # 17–19: approved, not answered before the conference closed
    _Q(
        "Đề nghị cho biết lộ trình cụ thể của việc thu hẹp khai thác than lộ thiên ở khu vực Uông "
        "Bí và phương án hoàn nguyên môi trường các bãi thải.",
        Status.APPROVED,
        where="coal",
        votes=42,
        asked=(10, 25),
    ),
    _Q(
        "Nghị quyết Đại hội XIV có đề cập đến chính sách nhà ở xã hội cho công nhân và người thu "
        "nhập thấp ở các đô thị công nghiệp như Uông Bí không?",
        Status.APPROVED,
        anonymous=True,
        votes=38,
        asked=(10, 34),
    ),
    _Q(
        "Chi bộ chúng tôi muốn tổ chức sinh hoạt chuyên đề về Nghị quyết 57. Ban Tuyên giáo có tài "
        "liệu hướng dẫn hoặc báo cáo viên hỗ trợ các chi bộ cơ sở không?",
        Status.APPROVED,
        where="ward",
        votes=17,
        asked=(10, 47),
    ),
    # 20–21: rejected
    _Q(
        "Đề nghị phường xem xét lại việc cấp giấy chứng nhận quyền sử dụng đất cho gia đình tôi ở "
        "khu Yên Thanh 2, hồ sơ đã nộp hơn một năm mà chưa có kết quả.",
        Status.REJECTED,
        where="ward",
        reason=REJECT_PERSONAL,
        anonymous=True,
        asked=(9, 15),
    ),
    _Q(
        "Năm nay giải bóng đá công nhân mỏ có tổ chức không, đăng ký ở đâu ạ?",
        Status.REJECTED,
        where="coal",
        reason=REJECT_OFF_TOPIC,
        asked=(9, 40),
    ),
    # 22–23: duplicates merged into 4 and 3
    _Q(
        "Khi mỏ cơ giới hóa, giảm người làm trong lò, thì công nhân dôi dư sẽ được bố trí việc làm "
        "ra sao?",
        Status.MERGED,
        where="coal",
        merge_into=4,
        votes=24,
        asked=(8, 27),
    ),
    _Q(
        "Sau sáp nhập, cán bộ phường phải kiêm nhiệm quá nhiều việc. Có kế hoạch bổ sung biên chế "
        "cho phường không?",
        Status.MERGED,
        where="ward",
        merge_into=3,
        votes=19,
        asked=(8, 35),
    ),
    # 24: sent as the conference was closing, never moderated
    _Q(
        "Đề nghị tổ chức thêm một buổi trao đổi riêng về Nghị quyết 68 cho các hộ kinh doanh ở "
        "phường Yên Tử.",
        Status.PENDING,
        where="ward",
        asked=(11, 24),
    ),
)

POLL_QUESTION = (
    "Theo đồng chí, nhiệm vụ nào cần ưu tiên hàng đầu khi thực hiện Nghị quyết Đại hội XIV tại "
    "khu vực Uông Bí?"
)
POLL_OPTIONS = (
    ("Phát triển kinh tế tư nhân, hỗ trợ hộ kinh doanh và doanh nghiệp nhỏ", 2.0),
    ("Chuyển đổi số, dịch vụ công trực tuyến thực chất", 2.6),
    ("Bảo đảm việc làm, đời sống công nhân mỏ khi chuyển đổi ngành than", 3.4),
    ("Bảo vệ môi trường, phát triển du lịch di sản Yên Tử", 2.0),
)
COMMENTS = (
    "Báo cáo viên trình bày rõ ràng, liên hệ sát thực tiễn Quảng Ninh.",
    "Đề nghị gửi tài liệu trước để đảng viên nghiên cứu.",
    "Đường truyền có lúc bị gián đoạn, đề nghị kiểm tra kỹ thiết bị trước hội nghị.",
    "Nên dành nhiều thời gian hơn cho phần trao đổi, giải đáp câu hỏi.",
    "Nội dung hay nhưng thời lượng dài, đảng viên cao tuổi khó theo dõi hết.",
    "Phần liên hệ với ngành than rất thiết thực.",
    "Hội trường điểm cầu hơi chật, đề nghị bố trí thêm ghế.",
    "Mong có thêm tài liệu tóm tắt ngắn gọn để phổ biến cho quần chúng.",
    "Tổ chức chu đáo, đúng giờ.",
    "Đề nghị trả lời bằng văn bản các câu hỏi chưa kịp giải đáp.",
)


def _at(hour: int, minute: int, second: int = 0, day: datetime.date = DAY) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=TZ)


def _after(moment: datetime.datetime, rng: random.Random, low: int, high: int) -> datetime.datetime:
    """A moment `low` to `high` minutes later, to the second."""
    return moment + datetime.timedelta(seconds=rng.randint(low * 60, high * 60))


@dataclass
class _Attendee:
    pk: int
    site_id: int
    where: str


@dataclass
class _Plan:
    question: Question
    spec: _Q
    asked_at: datetime.datetime
    approved_at: datetime.datetime | None = None
    voters: list[_Attendee] = field(default_factory=list)
    moved: int = 0  # votes carried to the question it was merged into


def _create_dated(model: type, rows: list, moments: list[datetime.datetime], name: str) -> None:
    """`bulk_create`, then give the rows their own moments (insert stamps them with now)."""
    model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    for row, moment in zip(rows, moments, strict=True):
        setattr(row, name, moment)
    model.objects.bulk_update(rows, [name], batch_size=BATCH_SIZE)


def create_dialogue(
    *, rng: random.Random, conference: Conference, users: dict[str, User]
) -> DialogueCounts:
    """The dialogue of the (past) XIV Congress conference, from its check-ins and presenters."""
    moderator = users.get("bantuyengiao")
    settings = Settings.objects.create(
        conference=conference,
        moderation=Settings.Moderation.APPROVAL,
        anonymity=Settings.Anonymity.MODERATORS,
    )
    if moderator is not None:
        settings.moderators.set([moderator])
    presenters: dict[str, Person] = {}
    for key, username in (("bcv", "baocaovien"), ("pgd", "bantuyengiao")):
        person = conference.presenters.filter(user__username=username).first()
        if person is not None:
            presenters[key] = person
    attendees = _attendees(conference)
    counts = DialogueCounts()
    if len(attendees) < len(QUESTIONS) or len(presenters) < 2:
        return counts
    plans = _questions(rng, conference, attendees)
    _votes(rng, plans, attendees, counts)
    _moderation_and_answers(rng, plans, presenters, moderator, counts)
    _poll(rng, conference, attendees, moderator, counts)
    _feedback(rng, conference, attendees, presenters, counts)
    counts.questions = len(plans)
    return counts


def _attendees(conference: Conference) -> list[_Attendee]:
    """Checked-in people without a demo account (those stay free to try the dialogue)."""
    group_paths = {
        "coal": Org.objects.get(name=COAL_GROUP_NAME).path,
        "power": Org.objects.get(name=POWER_PLANT.name).path,
    }
    rows = (
        CheckIn.objects.filter(conference=conference, person__user=None)
        .order_by("pk")
        .values_list("person_id", "site_id", "site__org__path", "site__org__name")
    )
    attendees = []
    for person_id, site_id, path, name in rows:
        where = next((k for k, p in group_paths.items() if path.startswith(p)), None)
        if where is None:
            where = "ward" if "phường" in name or "khu" in name else "province"
        attendees.append(_Attendee(person_id, site_id, where))
    return attendees


def _questions(
    rng: random.Random, conference: Conference, attendees: list[_Attendee]
) -> list[_Plan]:
    taken: set[int] = set()
    plans = []
    for spec in QUESTIONS:
        free = [a for a in attendees if a.pk not in taken]
        fitting = [a for a in free if spec.where in ("any", a.where)]
        asker = rng.choice(fitting or free)
        taken.add(asker.pk)
        question = Question(
            conference=conference,
            site_id=asker.site_id,
            asked_by_id=asker.pk,
            asker_key=asker_key(conference.pk, asker.pk),
            anonymous=spec.anonymous,
            text=spec.text,
            search_text=fold(spec.text),
            status=spec.status,
            reject_reason=spec.reason,
        )
        plans.append(_Plan(question, spec, asked_at=_at(*spec.asked, rng.randint(0, 59))))
    Question.objects.bulk_create([p.question for p in plans])
    for plan in plans:
        plan.question.created_at = plan.asked_at
        if plan.spec.merge_into is not None:
            plan.question.merged_into = plans[plan.spec.merge_into].question
    return plans


def _votes(
    rng: random.Random, plans: list[_Plan], attendees: list[_Attendee], counts: DialogueCounts
) -> None:
    """Votes scale with the attendance (the figures are for about 5 000 present)."""
    scale = min(1.0, len(attendees) / 5000)
    vote_rows: list[Vote] = []
    moments: list[datetime.datetime] = []
    for plan in plans:
        spec = plan.spec
        if spec.status in (Status.PENDING, Status.REJECTED):
            continue
        plan.approved_at = _after(plan.asked_at, rng, 2, 8)
        wanted = round(spec.votes * scale * rng.uniform(0.9, 1.1))
        wanted = max(wanted, 1) if spec.votes else 0
        pool = [a for a in attendees if a.pk != plan.question.asked_by_id]
        plan.voters = rng.sample(pool, min(wanted, len(pool)))
    # A duplicate's voters move to the question it joins unless they voted for that one too.
    for plan in plans:
        if plan.spec.merge_into is None:
            continue
        into = plans[plan.spec.merge_into]
        already = {a.pk for a in into.voters} | {into.question.asked_by_id}
        moved = [a for a in plan.voters if a.pk not in already]
        plan.moved = len(moved)
        into.voters += moved
        plan.voters = [a for a in plan.voters if a.pk in already]
    for plan in plans:
        plan.question.votes = len(plan.voters)
        start = plan.approved_at or plan.asked_at
        # A duplicate is merged 10 to 25 minutes after approval: its votes came before that.
        window = 10 if plan.spec.merge_into is not None else 40
        for attendee in plan.voters:
            vote_rows.append(Vote(question=plan.question, person_id=attendee.pk))
            moments.append(_after(start, rng, 0, window))
    _create_dated(Vote, vote_rows, moments, "created_at")
    counts.votes = len(vote_rows)


def _moderation_and_answers(
    rng: random.Random,
    plans: list[_Plan],
    presenters: dict[str, Person],
    moderator: User | None,
    counts: DialogueCounts,
) -> None:
    logs: list[tuple[datetime.datetime, ModerationLog]] = []
    answers: list[tuple[_Plan, Answer, datetime.datetime, str]] = []
    live_at = {"bcv": _at(10, 20), "pgd": _at(11, 5)}

    def log(plan: _Plan, action: str, at: datetime.datetime, **fields: object) -> None:
        logs.append(
            (at, ModerationLog(question=plan.question, actor=moderator, action=action, **fields))
        )

    for plan in plans:
        question, spec = plan.question, plan.spec
        question.updated_at = plan.asked_at
        if spec.status == Status.PENDING:
            continue
        if spec.status == Status.REJECTED:
            question.updated_at = _after(plan.asked_at, rng, 3, 10)
            log(plan, "reject", question.updated_at, reason=spec.reason, detail={"from": "pending"})
            continue
        approved_at = plan.approved_at or plan.asked_at  # set for every approved question
        log(plan, "approve", approved_at, detail={"from": "pending"})
        question.updated_at = approved_at
        if spec.status == Status.MERGED:
            into = question.merged_into
            question.updated_at = _after(approved_at, rng, 10, 25)
            detail = {
                "into": into.pk if into else None,
                "from": "approved",
                "votes_moved": plan.moved,
            }
            log(plan, "merge", question.updated_at, detail=detail)
        elif spec.status == Status.ANSWERED:
            presenter = presenters[spec.by]
            if spec.addressed:
                question.addressed_to = presenter
            if spec.live:
                started = live_at[spec.by]
                live_at[spec.by] = _after(started, rng, 4, 7)
                log(plan, "answering", started, detail={"from": "approved"})
                at = _after(started, rng, 3, 5)
                previous = "answering"
            else:
                day = DAY + datetime.timedelta(days=rng.choice((2, 3, 4, 5, 6)))
                at = _at(rng.randint(8, 16), rng.randint(0, 59), rng.randint(0, 59), day=day)
                previous = "approved"
            answer = Answer(
                question=question, presenter=presenter, text=spec.answer, live=spec.live
            )
            answers.append((plan, answer, at, previous))
            question.updated_at = at
    _create_dated(Answer, [a[1] for a in answers], [a[2] for a in answers], "created_at")
    for plan, answer, at, previous in answers:
        detail = {
            "from": previous,
            "answer": answer.pk,
            "presenter": answer.presenter_id,
            "live": answer.live,
        }
        log(plan, "answered", at, detail=detail)
    questions = [p.question for p in plans]
    Question.objects.bulk_update(
        questions,
        ["merged_into", "votes", "addressed_to", "created_at", "updated_at"],
        batch_size=BATCH_SIZE,
    )
    logs.sort(key=lambda entry: entry[0])
    _create_dated(ModerationLog, [e for _at, e in logs], [at for at, _e in logs], "at")
    counts.answers = len(answers)


def _poll(
    rng: random.Random,
    conference: Conference,
    attendees: list[_Attendee],
    moderator: User | None,
    counts: DialogueCounts,
) -> None:
    """Opened by the moderator after the second topic and closed before the last item."""
    poll = Poll.objects.create(
        conference=conference,
        question=POLL_QUESTION,
        kind=Poll.Kind.SINGLE,
        status=Poll.Status.CLOSED,
        created_by=moderator,
    )
    Poll.objects.filter(pk=poll.pk).update(created_at=_at(10, 2))
    options = PollOption.objects.bulk_create(
        PollOption(poll=poll, text=text, position=i) for i, (text, _w) in enumerate(POLL_OPTIONS)
    )
    weights = [w for _t, w in POLL_OPTIONS]
    voters = rng.sample(attendees, min(POLL_VOTES, len(attendees) * 2 // 3))
    rows = [
        PollVote(
            poll=poll,
            option=rng.choices(options, weights=weights)[0],
            person_id=a.pk,
            site_id=a.site_id,
        )
        for a in voters
    ]
    PollVote.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    counts.poll_votes = len(rows)


def _rating(rng: random.Random, mean_high: float) -> int:
    if rng.random() < 0.13:
        return 3
    return 5 if rng.random() < mean_high else 4


def _feedback(
    rng: random.Random,
    conference: Conference,
    attendees: list[_Attendee],
    presenters: dict[str, Person],
    counts: DialogueCounts,
) -> None:
    """After the conference: most the same day, the rest over the following week."""
    people = rng.sample(attendees, min(FEEDBACK, len(attendees) * 3 // 4))
    rows = []
    moments = []
    for attendee in people:
        key = "bcv" if rng.random() < 0.62 else "pgd"
        row = Feedback(
            conference=conference,
            person_id=attendee.pk,
            presenter=presenters[key],
            presenter_rating=_rating(rng, 0.62 if key == "bcv" else 0.55),
            content_rating=_rating(rng, 0.58),
            relevance_rating=_rating(rng, 0.45),
            organisation_rating=_rating(rng, 0.5),
            comment=rng.choice(COMMENTS) if rng.random() < 0.12 else "",
        )
        if rng.random() < 0.7:
            moments.append(_after(_at(11, 30), rng, 0, 150))
        else:
            day = DAY + datetime.timedelta(days=rng.randint(1, 6))
            moments.append(_at(rng.randint(7, 21), rng.randint(0, 59), day=day))
        rows.append(row)
    _create_dated(Feedback, rows, moments, "created_at")
    counts.feedback = len(rows)
