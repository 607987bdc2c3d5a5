"""Data of the demo dialogue for the XIV Congress conference (7/2/2026), written by
`national_dialogue`: the questions from the sites with their answers, votes and moderation, the
poll, and the attendees' comments.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from quantriet.dialogue.models import Question

DAY = datetime.date(2026, 2, 7)
POLL_VOTES = 300
FEEDBACK = 400
Status = Question.Status
REJECT_OFF_TOPIC = "Không thuộc nội dung hội nghị"
REJECT_PERSONAL = (
    "Nội dung phản ánh vụ việc cụ thể của cá nhân; đề nghị đồng chí gửi đơn tới Ủy ban nhân dân "
    "phường để được giải quyết theo quy định"
)


@dataclass(frozen=True)
class QuestionSpec:
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


_Q = QuestionSpec  # short, for the table below

QUESTIONS: tuple[QuestionSpec, ...] = (
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
