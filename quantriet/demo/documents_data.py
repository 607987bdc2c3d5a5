"""A dozen documents in real style, at Central, provincial, former-city and ward level.

Central documents follow the published texts as closely as a summary can (checked against
`DOMAIN.md`): Chỉ thị 45-CT/TW (14/4/2025) replaces Chỉ thị 35-CT/TW (a "replaces" link);
Chỉ thị 01-CT/TW (23/1/2026) on studying the XIV resolution; Quyết định 973-QĐ/BTGTW
(15/12/2021) is the presenters' regulation. The provincial, ward and Party-cell serial numbers
(`…-HD/BTGDVTU`, `…-KH/TU`, `…-KH/ĐU`, `…-CTr/CB`) follow the real numbering style but are
examples, and their summaries say so ("ví dụ minh họa").

`issuing_org` and circulation rows name organisations of the demo tree (see `orgs_data`);
`links` are (relation, target key) pairs.
"""

import datetime

from quantriet.demo.orgs_data import DEPARTMENT_NAME, OLD_CITY_NAME, ROOT_NAME

ALL = ["key_cadre", "party_member", "youth_member", "association_member", "citizen"]
PARTY = ["key_cadre", "party_member"]


def _lines(*items: str) -> str:
    return "\n".join(f"- {item}" for item in items)


DOCUMENTS: list[dict] = [
    {
        "key": "xiv",
        "kind": "resolution",
        "number": "",
        "level": "central",
        "issuer": "Đại hội đại biểu toàn quốc lần thứ XIV của Đảng Cộng sản Việt Nam",
        "issued_on": datetime.date(2026, 1, 23),
        "term": "khóa XIV",
        "title": "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
        "summary": (
            "Nghị quyết xác định mục tiêu, phương hướng, nhiệm vụ phát triển đất nước 5 năm "
            "2026–2030 và tầm nhìn đến năm 2045, với chủ đề: “Dưới lá cờ vẻ vang của Đảng, "
            "chung sức, đồng lòng thực hiện thắng lợi các mục tiêu phát triển đất nước đến "
            "năm 2030; tự chủ chiến lược, tự cường, tự tin, tiến mạnh trong kỷ nguyên vươn mình "
            "của dân tộc, vì hòa bình, độc lập, dân chủ, giàu mạnh, phồn vinh, văn minh, hạnh "
            "phúc, vững bước đi lên chủ nghĩa xã hội”."
        ),
        "core_points": _lines(
            "Kiên định và vận dụng, phát triển sáng tạo chủ nghĩa Mác – Lênin, tư tưởng Hồ Chí "
            "Minh; kiên định mục tiêu độc lập dân tộc gắn liền với chủ nghĩa xã hội và đường lối "
            "đổi mới của Đảng.",
            "Đến năm 2030, kỷ niệm 100 năm thành lập Đảng: Việt Nam là nước đang phát triển, có "
            "công nghiệp hiện đại, thu nhập trung bình cao; đến năm 2045, kỷ niệm 100 năm thành "
            "lập nước: trở thành nước phát triển, thu nhập cao.",
            "Phấn đấu tốc độ tăng trưởng GDP bình quân giai đoạn 2026–2030 từ 10%/năm trở lên; "
            "GDP bình quân đầu người đến năm 2030 đạt khoảng 8.500 USD.",
            "Phát triển kinh tế – xã hội và bảo vệ môi trường là trung tâm; xây dựng Đảng là "
            "then chốt; phát triển văn hóa, con người là nền tảng; tăng cường quốc phòng, an "
            "ninh và đẩy mạnh đối ngoại, hội nhập quốc tế là trọng yếu, thường xuyên.",
            "Xây dựng, chỉnh đốn Đảng và hệ thống chính trị trong sạch, vững mạnh toàn diện; "
            "kiên quyết, kiên trì phòng, chống tham nhũng, lãng phí, tiêu cực.",
        ),
        "new_points": _lines(
            "Lần đầu tiên Báo cáo chính trị tích hợp nội dung Báo cáo về phát triển kinh tế – "
            "xã hội và Báo cáo tổng kết công tác xây dựng Đảng; Chương trình hành động thực hiện "
            "Nghị quyết được thông qua cùng văn kiện.",
            "Xác lập mô hình tăng trưởng mới, lấy khoa học, công nghệ, đổi mới sáng tạo và "
            "chuyển đổi số làm động lực chính; kinh tế tư nhân là một động lực quan trọng nhất "
            "của nền kinh tế.",
            "Bổ sung bảo vệ môi trường vào nhiệm vụ trung tâm; xác định đối ngoại là nhiệm vụ "
            "trọng yếu, thường xuyên.",
            "Gắn việc thực hiện Nghị quyết với vận hành hiệu quả tổ chức bộ máy tinh gọn và mô "
            "hình chính quyền địa phương hai cấp từ ngày 01/7/2025.",
        ),
        "audiences": ALL,
    },
    {
        "key": "kl123",
        "kind": "conclusion",
        "number": "123-KL/TW",
        "level": "central",
        "issuer": "Ban Chấp hành Trung ương Đảng",
        "issued_on": datetime.date(2025, 1, 24),
        "term": "khóa XIII",
        "title": (
            "Kết luận của Hội nghị Trung ương về Đề án bổ sung về phát triển kinh tế – xã hội "
            "năm 2025 với mục tiêu tăng trưởng đạt 8% trở lên"
        ),
        "summary": (
            "Ban Chấp hành Trung ương thống nhất phấn đấu tăng trưởng kinh tế năm 2025 đạt 8% "
            "trở lên, tạo nền tảng vững chắc cho tăng trưởng hai con số giai đoạn 2026–2030."
        ),
        "core_points": _lines(
            "Tăng trưởng GDP năm 2025 đạt từ 8% trở lên gắn với giữ vững ổn định kinh tế vĩ mô, "
            "kiểm soát lạm phát, bảo đảm các cân đối lớn của nền kinh tế.",
            "Tập trung tháo gỡ điểm nghẽn về thể chế; cắt giảm thủ tục hành chính, điều kiện "
            "kinh doanh không cần thiết.",
            "Đẩy nhanh giải ngân vốn đầu tư công; hoàn thành các công trình hạ tầng trọng điểm "
            "về giao thông, năng lượng, hạ tầng số.",
            "Thúc đẩy các động lực tăng trưởng mới: khoa học, công nghệ, đổi mới sáng tạo, "
            "chuyển đổi số, kinh tế xanh, kinh tế tuần hoàn.",
        ),
        "new_points": _lines(
            "Lần đầu đặt mục tiêu tăng trưởng từ 8% trở lên ngay trong năm cuối nhiệm kỳ, song "
            "song với sắp xếp, tinh gọn tổ chức bộ máy của hệ thống chính trị.",
            "Yêu cầu các cấp, các ngành xây dựng kịch bản tăng trưởng cụ thể theo từng quý và "
            "chịu trách nhiệm về kết quả thực hiện.",
        ),
        "audiences": PARTY,
    },
    {
        "key": "nq57",
        "kind": "resolution",
        "number": "57-NQ/TW",
        "level": "central",
        "issuer": "Bộ Chính trị",
        "issued_on": datetime.date(2024, 12, 22),
        "term": "khóa XIII",
        "title": (
            "Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển "
            "đổi số quốc gia"
        ),
        "summary": (
            "Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia là đột "
            "phá quan trọng hàng đầu, động lực chính để phát triển nhanh lực lượng sản xuất hiện "
            "đại, hoàn thiện quan hệ sản xuất, đổi mới phương thức quản trị quốc gia."
        ),
        "core_points": _lines(
            "Đây là cuộc cách mạng sâu sắc, toàn diện trên mọi lĩnh vực; người dân và doanh "
            "nghiệp là trung tâm, chủ thể; nhà khoa học là nhân tố then chốt; Nhà nước giữ vai "
            "trò dẫn dắt, tạo điều kiện thuận lợi nhất.",
            "Hoàn thiện thể chế là điều kiện tiên quyết; xóa bỏ mọi tư tưởng, quan niệm, rào cản "
            "đang cản trở sự phát triển.",
            "Đến năm 2030: Việt Nam thuộc nhóm 3 nước dẫn đầu Đông Nam Á, nhóm 50 nước dẫn đầu "
            "thế giới về năng lực cạnh tranh số và chỉ số phát triển Chính phủ điện tử; quy mô "
            "kinh tế số đạt tối thiểu 30% GDP.",
            "Chi cho nghiên cứu phát triển đạt 2% GDP, trong đó kinh phí từ xã hội chiếm hơn "
            "60%; bố trí ít nhất 3% tổng chi ngân sách hằng năm cho khoa học, công nghệ, đổi mới "
            "sáng tạo và chuyển đổi số.",
            "Tỉ lệ người dân và doanh nghiệp sử dụng dịch vụ công trực tuyến đạt trên 80%.",
        ),
        "new_points": _lines(
            "Chấp nhận rủi ro, đầu tư mạo hiểm và độ trễ trong nghiên cứu khoa học; có cơ chế "
            "thử nghiệm có kiểm soát và miễn trừ trách nhiệm khi đã thực hiện đúng quy trình.",
            "Khoán chi đến sản phẩm cuối cùng đối với nhiệm vụ khoa học và công nghệ.",
            "Chuyển đổi số toàn diện trong hoạt động của các cơ quan Đảng, Nhà nước, Mặt trận "
            "Tổ quốc và đoàn thể; Tổng Bí thư làm Trưởng Ban Chỉ đạo Trung ương về phát triển "
            "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số.",
        ),
        "audiences": PARTY,
    },
    {
        "key": "nq66",
        "kind": "resolution",
        "number": "66-NQ/TW",
        "level": "central",
        "issuer": "Bộ Chính trị",
        "issued_on": datetime.date(2025, 4, 30),
        "term": "khóa XIII",
        "title": (
            "Nghị quyết về đổi mới công tác xây dựng và thi hành pháp luật đáp ứng yêu cầu phát "
            "triển đất nước trong kỷ nguyên mới"
        ),
        "summary": (
            "Xây dựng và thi hành pháp luật là nhiệm vụ trọng tâm của tiến trình hoàn thiện Nhà "
            "nước pháp quyền xã hội chủ nghĩa; thể chế, pháp luật phải trở thành lợi thế cạnh "
            "tranh, nền tảng vững chắc cho phát triển."
        ),
        "core_points": _lines(
            "Năm 2025 cơ bản tháo gỡ những “điểm nghẽn” do quy định pháp luật.",
            "Năm 2027 hoàn thành sửa đổi, bổ sung các văn bản pháp luật tạo cơ sở pháp lý đồng "
            "bộ cho hoạt động của bộ máy nhà nước theo mô hình chính quyền mới.",
            "Năm 2028 cơ bản hoàn thiện hệ thống pháp luật về đầu tư, kinh doanh, góp phần đưa "
            "môi trường đầu tư của Việt Nam thuộc nhóm 3 nước dẫn đầu ASEAN.",
            "Bảo đảm pháp luật được thi hành nghiêm minh, nhất quán; nâng cao hiệu quả tổ chức "
            "thi hành pháp luật.",
        ),
        "new_points": _lines(
            "Chuyển từ tư duy “quản lý” sang tư duy vừa quản lý vừa kiến tạo phát triển; dứt "
            "khoát từ bỏ tư duy “không quản được thì cấm”.",
            "Luật chỉ quy định những vấn đề khung, có tính nguyên tắc; những vấn đề thực tiễn còn "
            "biến động giao Chính phủ, địa phương quy định để linh hoạt điều chỉnh.",
            "Có cơ chế, chính sách đặc thù cho đội ngũ làm công tác xây dựng và thi hành pháp "
            "luật; ứng dụng chuyển đổi số, trí tuệ nhân tạo trong xây dựng pháp luật.",
        ),
        "audiences": PARTY,
    },
    {
        "key": "nq68",
        "kind": "resolution",
        "number": "68-NQ/TW",
        "level": "central",
        "issuer": "Bộ Chính trị",
        "issued_on": datetime.date(2025, 5, 4),
        "term": "khóa XIII",
        "title": "Nghị quyết về phát triển kinh tế tư nhân",
        "summary": (
            "Kinh tế tư nhân là một động lực quan trọng nhất của nền kinh tế quốc gia, là lực "
            "lượng tiên phong thúc đẩy tăng trưởng, tạo việc làm, nâng cao năng suất lao động."
        ),
        "core_points": _lines(
            "Đến năm 2030 có 2 triệu doanh nghiệp hoạt động trong nền kinh tế, 20 doanh "
            "nghiệp/1.000 dân; ít nhất 20 doanh nghiệp lớn tham gia chuỗi giá trị toàn cầu.",
            "Kinh tế tư nhân tăng trưởng bình quân 10–12%/năm, đóng góp khoảng 55–58% GDP, "
            "35–40% tổng thu ngân sách nhà nước, giải quyết việc làm cho 84–85% tổng số lao động.",
            "Bảo vệ quyền sở hữu, quyền tài sản, quyền tự do kinh doanh và thực thi hợp đồng của "
            "doanh nghiệp, doanh nhân.",
            "Bảo đảm kinh tế tư nhân bình đẳng với các thành phần kinh tế khác trong tiếp cận "
            "đất đai, vốn, tài nguyên, dữ liệu.",
        ),
        "new_points": _lines(
            "Xác định kinh tế tư nhân là “một động lực quan trọng nhất” của nền kinh tế.",
            "Phân biệt rõ trách nhiệm hình sự với hành chính, dân sự; ưu tiên biện pháp dân "
            "sự, kinh tế; không hình sự hóa quan hệ kinh tế, dân sự.",
            "Xóa bỏ hình thức thuế khoán đối với hộ kinh doanh chậm nhất trong năm 2026.",
        ),
        "audiences": [*PARTY, "association_member", "citizen"],
    },
    {
        "key": "ct35",
        "kind": "directive",
        "number": "35-CT/TW",
        "level": "central",
        "issuer": "Bộ Chính trị",
        "issued_on": datetime.date(2024, 6, 14),
        "term": "khóa XIII",
        "title": (
            "Chỉ thị về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV "
            "của Đảng"
        ),
        "summary": (
            "Đại hội đảng bộ các cấp là sinh hoạt chính trị quan trọng của toàn Đảng, đánh giá "
            "kết quả nhiệm kỳ 2020–2025, xác định mục tiêu, phương hướng nhiệm kỳ 2025–2030 và "
            "bầu cấp ủy đủ phẩm chất, năng lực, uy tín. Chỉ thị đã được thay thế bởi Chỉ thị số "
            "45-CT/TW ngày 14/4/2025 của Bộ Chính trị."
        ),
        "core_points": _lines(
            "Chuẩn bị văn kiện khách quan, trung thực, đúng thực chất; tổ chức lấy ý kiến góp ý "
            "của cán bộ, đảng viên và nhân dân vào dự thảo văn kiện đại hội.",
            "Công tác nhân sự bảo đảm đúng nguyên tắc, quy trình, dân chủ, công khai; kiên quyết "
            "không để lọt vào cấp ủy những người không đủ tiêu chuẩn, có biểu hiện chạy chức, "
            "chạy quyền, cục bộ, lợi ích nhóm.",
            "Tái cử cấp ủy phải đủ tuổi công tác ít nhất 2/3 nhiệm kỳ; tham gia cấp ủy lần đầu "
            "phải đủ tuổi công tác trọn một nhiệm kỳ.",
            "Bảo đảm hợp lý tỉ lệ cán bộ trẻ, cán bộ nữ, cán bộ người dân tộc thiểu số trong cấp "
            "ủy.",
        ),
        "new_points": _lines(
            "Tiếp tục thực hiện chủ trương bố trí bí thư cấp ủy không là người địa phương.",
            "Đẩy mạnh ứng dụng công nghệ thông tin trong đại hội, hạn chế tài liệu giấy.",
        ),
        "audiences": PARTY,
    },
    {
        "key": "ct45",
        "kind": "directive",
        "number": "45-CT/TW",
        "level": "central",
        "issuer": "Bộ Chính trị",
        "issued_on": datetime.date(2025, 4, 14),
        "term": "khóa XIII",
        "title": (
            "Chỉ thị về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV "
            "của Đảng"
        ),
        "summary": (
            "Chỉ thị thay thế Chỉ thị số 35-CT/TW ngày 14/6/2024 và Kết luận số 118-KL/TW của "
            "Bộ Chính trị, định hướng đại hội đảng bộ các cấp nhiệm kỳ 2025–2030 gắn với sắp "
            "xếp tổ chức bộ máy của hệ thống chính trị và đơn vị hành chính."
        ),
        "core_points": _lines(
            "Đại hội đảng bộ các cấp là sinh hoạt chính trị quan trọng của toàn Đảng; chuẩn bị "
            "văn kiện khách quan, trung thực, lấy ý kiến góp ý của cán bộ, đảng viên và nhân dân.",
            "Công tác nhân sự đúng nguyên tắc, quy trình, dân chủ, công khai; kiên quyết không để "
            "lọt vào cấp ủy những người không đủ tiêu chuẩn.",
            "Tổ chức đại hội đảng bộ cấp xã sau sắp xếp (không còn cấp huyện), rồi đại hội đảng "
            "bộ cấp tỉnh, trước Đại hội đại biểu toàn quốc lần thứ XIV của Đảng.",
        ),
        "new_points": _lines(
            "Gắn chuẩn bị đại hội với sắp xếp tổ chức bộ máy và đơn vị hành chính; nhân sự cấp "
            "ủy được chuẩn bị đồng thời cho tổ chức mới sau hợp nhất, sáp nhập.",
            "Một văn bản thay cho Chỉ thị 35-CT/TW và Kết luận 118-KL/TW: không còn hai văn bản "
            "cùng hiện hành về một nội dung.",
        ),
        "audiences": PARTY,
        "links": [("replaces", "ct35")],
    },
    {
        "key": "ct01",
        "kind": "directive",
        "number": "01-CT/TW",
        "level": "central",
        "issuer": "Bộ Chính trị",
        "issued_on": datetime.date(2026, 1, 23),
        "term": "khóa XIV",
        "title": (
            "Chỉ thị về tổ chức nghiên cứu, học tập, quán triệt, tuyên truyền và triển khai thực "
            "hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng"
        ),
        "summary": (
            "Bộ Chính trị chỉ đạo tổ chức nghiên cứu, học tập, quán triệt Nghị quyết Đại hội XIV "
            "nghiêm túc, thực chất trong toàn Đảng, toàn dân, toàn quân; các cấp ủy xây dựng "
            "chương trình hành động thực hiện Nghị quyết trong quý I năm 2026."
        ),
        "core_points": _lines(
            "Cán bộ chủ chốt học tập tại hội nghị toàn quốc; cán bộ, đảng viên học tập tại các "
            "điểm cầu và chi bộ, bảo đảm mọi đảng viên được học tập, quán triệt.",
            "Các cấp ủy, tổ chức đảng xây dựng chương trình hành động, kế hoạch thực hiện Nghị "
            "quyết phù hợp với địa phương, đơn vị, hoàn thành trong quý I năm 2026.",
            "Tuyên truyền sâu rộng Nghị quyết trong nhân dân; đấu tranh phản bác các quan điểm "
            "sai trái, thù địch.",
        ),
        "new_points": _lines(
            "Kết hợp học tập trực tiếp với trực tuyến, kết nối tới điểm cầu cấp xã và chi bộ.",
            "Gắn học tập Nghị quyết với thực hiện nhiệm vụ chính trị và đánh giá, xếp loại tổ "
            "chức đảng, đảng viên cuối năm.",
        ),
        "audiences": PARTY,
        "links": [("guides", "xiv")],
    },
    {
        "key": "presenters",
        "kind": "regulation",
        "number": "973-QĐ/BTGTW",
        "level": "central",
        "issuer": "Ban Tuyên giáo Trung ương",
        "issued_on": datetime.date(2021, 12, 15),
        "term": "khóa XIII",
        "title": "Quy chế hoạt động báo cáo viên, tuyên truyền viên của Đảng",
        "summary": (
            "Quyết định ban hành Quy chế hoạt động báo cáo viên, tuyên truyền viên của Đảng: "
            "tiêu chuẩn, nhiệm vụ, quyền lợi, công nhận, đánh giá, bổ sung và thay thế báo cáo "
            "viên, tuyên truyền viên các cấp. Chưa có quy chế thay thế sau khi hợp nhất Ban "
            "Tuyên giáo và Ban Dân vận (2025)."
        ),
        "core_points": _lines(
            "Báo cáo viên có bản lĩnh chính trị vững vàng, trình độ lý luận chính trị và chuyên "
            "môn phù hợp với cấp được công nhận, có khả năng truyền đạt, thuyết phục.",
            "Nhiệm vụ: truyền đạt, phân tích nội dung cốt lõi và điểm mới của chỉ thị, nghị quyết "
            "gắn với thực tiễn địa phương; đối thoại, giải đáp thắc mắc; phản ánh dư luận xã hội "
            "về cấp ủy.",
            "Báo cáo viên tham gia đầy đủ hội nghị báo cáo viên, các lớp bồi dưỡng, cập nhật kiến "
            "thức; được cung cấp tài liệu, thông tin định hướng hằng tháng.",
            "Hằng năm cấp ủy đánh giá hoạt động của báo cáo viên; bổ sung, thay thế người không "
            "còn đủ tiêu chuẩn.",
        ),
        "new_points": _lines(
            "Các cấp báo cáo viên: Trung ương, cấp tỉnh, cấp huyện (sau năm 2025 hệ thống này "
            "dùng cấp Đảng ủy xã, phường, đặc khu thay cho cấp huyện) và tuyên truyền viên cơ sở.",
            "Kết hợp báo cáo trực tiếp với trực tuyến và trên nền tảng số.",
        ),
        "audiences": ["key_cadre"],
    },
    {
        "key": "nd13",
        "kind": "decree",
        "number": "13/2023/NĐ-CP",
        "level": "central",
        "issuer": "Chính phủ",
        "issued_on": datetime.date(2023, 4, 17),
        "term": "",
        "title": "Nghị định về bảo vệ dữ liệu cá nhân",
        "summary": (
            "Quy định về bảo vệ dữ liệu cá nhân và trách nhiệm bảo vệ dữ liệu cá nhân của cơ "
            "quan, tổ chức, cá nhân; có hiệu lực từ ngày 01/7/2023. Luật Bảo vệ dữ liệu cá nhân "
            "năm 2025 (có hiệu lực từ ngày 01/01/2026) nâng các quy định này lên thành luật."
        ),
        "core_points": _lines(
            "Phân biệt dữ liệu cá nhân cơ bản và dữ liệu cá nhân nhạy cảm (trong đó có quan "
            "điểm chính trị, quan điểm tôn giáo, tình trạng sức khỏe).",
            "Xử lý dữ liệu cá nhân phải có sự đồng ý của chủ thể dữ liệu, trừ trường hợp luật "
            "định; sự im lặng hoặc không phản hồi không được coi là sự đồng ý.",
            "Chủ thể dữ liệu có các quyền: được biết, đồng ý, truy cập, rút lại sự đồng ý, xóa, "
            "hạn chế xử lý, phản đối xử lý, khiếu nại, yêu cầu bồi thường.",
            "Bên kiểm soát và bên xử lý dữ liệu lập hồ sơ đánh giá tác động xử lý dữ liệu cá "
            "nhân; thông báo vi phạm cho Bộ Công an chậm nhất 72 giờ.",
        ),
        "new_points": _lines(
            "Văn bản quy phạm pháp luật đầu tiên quy định toàn diện về bảo vệ dữ liệu cá nhân.",
            "Giao Bộ Công an (Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao) "
            "là cơ quan chuyên trách bảo vệ dữ liệu cá nhân.",
        ),
        "audiences": PARTY,
    },
    {
        "key": "qn16",
        "kind": "resolution",
        "number": "",
        "level": "province",
        "issuer": "Đại hội đại biểu Đảng bộ tỉnh Quảng Ninh lần thứ XVI",
        "issuing_org": ROOT_NAME,
        "issued_on": datetime.date(2025, 9, 27),
        "term": "2025–2030",
        "title": "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Quảng Ninh lần thứ XVI, nhiệm kỳ 2025–2030",
        "summary": (
            "Đại hội họp từ ngày 25 đến ngày 27/9/2025. Xây dựng Đảng bộ và hệ thống chính trị "
            "trong sạch, vững mạnh; phát huy truyền thống "
            "“Kỷ luật và Đồng tâm”; đưa Quảng Ninh phát triển nhanh, bền vững, trở thành tỉnh "
            "dịch vụ, công nghiệp hiện đại, trung tâm du lịch quốc tế, trung tâm kinh tế biển."
        ),
        "core_points": _lines(
            "Phấn đấu tốc độ tăng trưởng GRDP bình quân hai con số trong nhiệm kỳ 2025–2030.",
            "Ba đột phá chiến lược: hoàn thiện thể chế và cải cách hành chính; hạ tầng đồng bộ, "
            "hiện đại, kết nối; nguồn nhân lực chất lượng cao gắn với khoa học, công nghệ, đổi "
            "mới sáng tạo và chuyển đổi số.",
            "Tiếp tục chuyển đổi mô hình tăng trưởng từ “nâu” sang “xanh”; phát triển bền vững "
            "ngành than gắn với bảo vệ môi trường và an toàn lao động.",
            "Bảo tồn, phát huy giá trị di sản Vịnh Hạ Long – quần đảo Cát Bà và Quần thể di tích "
            "và danh thắng Yên Tử – Vĩnh Nghiêm – Côn Sơn, Kiếp Bạc.",
            "Vận hành thông suốt, hiệu quả chính quyền địa phương hai cấp; nâng cao năng lực "
            "lãnh đạo của các đảng bộ xã, phường, đặc khu.",
        ),
        "new_points": _lines(
            "Đại hội đầu tiên sau khi tổ chức lại đơn vị hành chính, không còn cấp huyện: Tỉnh "
            "ủy trực tiếp lãnh đạo các đảng bộ xã, phường, đặc khu.",
            "Cụ thể hóa các nghị quyết trụ cột của Bộ Chính trị (57-NQ/TW, 59-NQ/TW, 66-NQ/TW, "
            "68-NQ/TW) thành chương trình hành động của tỉnh.",
            "Xây dựng chính quyền số, xã hội số; đưa dữ liệu dùng chung vào quản lý, điều hành "
            "ở cấp xã.",
        ),
        "audiences": ALL,
        "links": [("relates", "xiv")],
    },
    {
        "key": "ub20",
        "kind": "resolution",
        "number": "",
        "level": "district",
        "issuer": "Đại hội đại biểu Đảng bộ thành phố Uông Bí lần thứ XX",
        "issuing_org": OLD_CITY_NAME,
        "issued_on": datetime.date(2020, 7, 25),
        "term": "2020–2025",
        "title": "Nghị quyết Đại hội đại biểu Đảng bộ thành phố Uông Bí lần thứ XX, nhiệm kỳ 2020–2025",
        "summary": (
            "Xây dựng Đảng bộ trong sạch, vững mạnh; phát huy tiềm năng văn hóa, lịch sử Yên Tử "
            "và truyền thống công nghiệp của vùng than, điện; xây dựng thành phố Uông Bí phát "
            "triển nhanh, bền vững."
        ),
        "core_points": _lines(
            "Phát triển Uông Bí thành trung tâm du lịch văn hóa tâm linh gắn với Khu di tích và "
            "danh thắng Yên Tử.",
            "Chuyển dịch cơ cấu kinh tế theo hướng dịch vụ, công nghiệp sạch; đồng hành cùng các "
            "doanh nghiệp than, điện trên địa bàn bảo vệ môi trường.",
            "Chỉnh trang, phát triển đô thị xanh, văn minh; nâng cao đời sống vật chất, tinh thần "
            "của nhân dân.",
        ),
        "new_points": _lines(
            "Đổi mới việc học tập, quán triệt nghị quyết: hội nghị trực tuyến, đối thoại giữa "
            "người nghe và báo cáo viên.",
            "Mỗi chương trình, kế hoạch, đề án có cán bộ phụ trách cụ thể.",
        ),
        "audiences": ALL,
    },
    {
        "key": "ub1",
        "kind": "resolution",
        "number": "",
        "level": "commune",
        "issuer": "Đại hội đại biểu Đảng bộ phường Uông Bí lần thứ I",
        "issuing_org": "Đảng bộ phường Uông Bí",
        "issued_on": datetime.date(2025, 8, 8),
        "term": "2025–2030",
        "title": "Nghị quyết Đại hội đại biểu Đảng bộ phường Uông Bí lần thứ I, nhiệm kỳ 2025–2030",
        "summary": (
            "Đại hội đầu tiên của Đảng bộ phường Uông Bí (thành lập từ ngày 01/7/2025 trên cơ sở "
            "các phường Thanh Sơn, Quang Trung, Yên Thanh và các khu Điền Công 1–3), khai mạc "
            "ngày 08/8/2025, xác định phương hướng, nhiệm vụ nhiệm kỳ 2025–2030."
        ),
        "core_points": _lines(
            "Xây dựng Đảng bộ và hệ thống chính trị phường trong sạch, vững mạnh; vận hành hiệu "
            "quả chính quyền địa phương hai cấp.",
            "Phát triển thương mại, dịch vụ, đô thị văn minh; phối hợp với các doanh nghiệp than, "
            "điện trên địa bàn bảo vệ môi trường.",
            "Chăm lo đời sống nhân dân các khu; giữ vững an ninh, trật tự.",
        ),
        "new_points": _lines(
            "Nhiệm kỳ đầu tiên của phường mới sau khi không còn cấp huyện; Đảng ủy phường trực "
            "thuộc Tỉnh ủy Quảng Ninh.",
        ),
        "audiences": ALL,
        "links": [("relates", "ub20")],
    },
    {
        "key": "front_program",
        "kind": "program",
        "number": "05-CTr/CB",
        "level": "grassroots",
        "issuer": "Chi bộ Khối Mặt trận Tổ quốc và các đoàn thể chính trị – xã hội thành phố Uông Bí",
        "issued_on": datetime.date(2020, 10, 12),
        "term": "2020–2025",
        "title": (
            "Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu Đảng bộ thành phố "
            "Uông Bí lần thứ XX, nhiệm kỳ 2020–2025"
        ),
        "summary": (
            "Chi bộ khối Mặt trận và các đoàn thể xây dựng chương trình hành động và kế hoạch "
            "thực hiện cụ thể, tập trung tuyên truyền nội dung cốt lõi và điểm mới của Nghị quyết "
            "tới cán bộ, đảng viên, đoàn viên, hội viên và nhân dân."
        ),
        "core_points": _lines(
            "Tuyên truyền nội dung cốt lõi, điểm mới của Nghị quyết tới cán bộ, đảng viên, đoàn "
            "viên, hội viên và các tầng lớp nhân dân.",
            "Vận động nhân dân thực hiện “mục tiêu kép”: vừa phòng, chống dịch Covid-19, vừa phát "
            "triển kinh tế, giữ vững an ninh, trật tự trên địa bàn.",
            "Phân công cán bộ có phẩm chất, năng lực phụ trách từng chương trình, kế hoạch: rõ "
            "việc, rõ người, rõ thời gian.",
        ),
        "new_points": _lines(
            "Lần đầu mỗi nhiệm vụ của chương trình có người chịu trách nhiệm và thời hạn hoàn "
            "thành, được kiểm điểm trong sinh hoạt chi bộ hằng tháng.",
        ),
        "audiences": ALL,
        "links": [("implements", "ub20")],
    },
    {
        "key": "guide_xiv",
        "kind": "guidance",
        "number": "05-HD/BTGDVTU",
        "level": "province",
        "issuer": DEPARTMENT_NAME + " Quảng Ninh",
        "issuing_org": DEPARTMENT_NAME,
        "issued_on": datetime.date(2026, 2, 3),
        "term": "2025–2030",
        "title": (
            "Hướng dẫn học tập, quán triệt, tuyên truyền và triển khai thực hiện Nghị quyết Đại "
            "hội đại biểu toàn quốc lần thứ XIV của Đảng"
        ),
        "summary": (
            "Hướng dẫn các đảng bộ xã, phường, đặc khu và đảng bộ trực thuộc tổ chức học tập, "
            "quán triệt Nghị quyết Đại hội XIV cho cán bộ, đảng viên và nhân dân trên địa bàn "
            "tỉnh."
        ),
        "core_points": _lines(
            "Cán bộ chủ chốt học tập tại hội nghị trực tuyến toàn quốc; đảng viên học tập tại "
            "điểm cầu cấp xã và chi bộ; bảo đảm 100% đảng viên được học tập.",
            "Báo cáo viên phân tích sâu nội dung cốt lõi và điểm mới, liên hệ thực tiễn của "
            "tỉnh, của từng địa phương, đơn vị; dành thời gian đối thoại với người nghe.",
            "Sau hội nghị, mỗi đảng viên viết bài thu hoạch; cấp ủy xây dựng chương trình hành "
            "động, kế hoạch thực hiện với nhiệm vụ cụ thể và cán bộ phụ trách.",
            "Đảng viên vắng mặt có lý do được tổ chức học bù; các đảng bộ báo cáo kết quả về Ban "
            "Tuyên giáo và Dân vận Tỉnh ủy.",
        ),
        "new_points": _lines(
            "Kết hợp học tập trực tiếp, trực tuyến và tự học trên nền tảng số, có bài kiểm tra "
            "nhận thức phù hợp từng nhóm đối tượng.",
            "Điểm danh tại điểm cầu bằng mã QR; tổng hợp số liệu tham gia theo thời gian thực.",
        ),
        "audiences": PARTY,
        "links": [("guides", "xiv")],
    },
    {
        "key": "ward_plan",
        "kind": "plan",
        "number": "15-KH/ĐU",
        "level": "commune",
        "issuer": "Đảng ủy phường Uông Bí",
        "issuing_org": "Đảng bộ phường Uông Bí",
        "issued_on": datetime.date(2025, 11, 20),
        "term": "2025–2030",
        "title": (
            "Kế hoạch thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Quảng Ninh lần thứ XVI, "
            "nhiệm kỳ 2025–2030"
        ),
        "summary": (
            "Cụ thể hóa Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI thành nhiệm vụ của Đảng bộ "
            "phường Uông Bí, phân công rõ việc, rõ người, rõ thời gian."
        ),
        "core_points": _lines(
            "Tổ chức học tập, quán triệt Nghị quyết đến 100% chi bộ, cán bộ, đảng viên; Mặt trận "
            "và các đoàn thể tuyên truyền tới hội viên và nhân dân.",
            "Vận hành hiệu quả chính quyền phường sau sắp xếp; cải cách thủ tục hành chính, đẩy "
            "mạnh dịch vụ công trực tuyến tại Trung tâm Phục vụ hành chính công phường.",
            "Phối hợp với các công ty than, Công ty Nhiệt điện Uông Bí bảo vệ môi trường, bảo đảm "
            "an toàn, an ninh trật tự trên địa bàn.",
            "Chỉnh trang đô thị, phát triển thương mại, dịch vụ; xây dựng khu dân cư văn minh.",
        ),
        "new_points": _lines(
            "Kế hoạch đầu tiên của Đảng bộ phường Uông Bí sau khi thành lập từ ngày 01/7/2025.",
            "Mỗi nhiệm vụ có cán bộ phụ trách, thời hạn và chỉ tiêu; sơ kết giữa nhiệm kỳ vào "
            "năm 2028.",
        ),
        "audiences": ALL,
        "links": [("implements", "qn16")],
    },
    {
        "key": "secret_plan",
        "kind": "plan",
        "number": "28-KH/TU",
        "level": "province",
        "issuer": "Ban Thường vụ Tỉnh ủy Quảng Ninh",
        "issuing_org": ROOT_NAME,
        "issued_on": datetime.date(2026, 1, 12),
        "term": "2025–2030",
        "title": (
            "Kế hoạch bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai "
            "trái, thù địch năm 2026"
        ),
        "summary": "Văn bản mật: chỉ lưu hành trong phạm vi được xác định.",
        "core_points": _lines(
            "Nắm bắt, phân tích tình hình tư tưởng của cán bộ, đảng viên và nhân dân trên địa bàn "
            "các phường, đặc biệt trong thời gian học tập Nghị quyết Đại hội XIV.",
            "Phân công lực lượng nòng cốt ở các đảng bộ xã, phường theo dõi, phản ánh kịp thời dư "
            "luận xã hội.",
            "Chế độ báo cáo định kỳ hằng tháng về Ban Tuyên giáo và Dân vận Tỉnh ủy.",
        ),
        "new_points": _lines(
            "Giao trách nhiệm trực tiếp cho các đảng ủy phường sau khi không còn cấp huyện.",
        ),
        "audiences": ["key_cadre"],
        "secrecy": "mat",
        "urgency": "khan",
        "circulation": [
            (ROOT_NAME, "admin"),
            ("Đảng bộ phường Uông Bí", "officer"),
            ("Đảng bộ phường Yên Tử", "officer"),
            ("Đảng bộ phường Vàng Danh", "officer"),
        ],
        "links": [("relates", "xiv")],
    },
]

# Serial numbers of these are examples in the real style, not real documents: the text says so.
EXAMPLE_KEYS = ("front_program", "guide_xiv", "ward_plan", "secret_plan")
EXAMPLE_NOTE = " (Số, ký hiệu là ví dụ minh họa của dữ liệu mẫu, không phải văn bản thật.)"
for _document in DOCUMENTS:
    if _document["key"] in EXAMPLE_KEYS:
        _document["summary"] += EXAMPLE_NOTE
