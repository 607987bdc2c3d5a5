"""Parts of Vietnamese names, weighted roughly as they occur in northern Vietnam.

Surname shares follow published estimates (Nguyễn about 38 %, then Trần, Lê, Phạm…); the Dao
surnames (Triệu, Bàn, Lý) appear more often near Yên Tử than elsewhere, so they are included.
"""

# (surname, weight in per mille)
SURNAMES: list[tuple[str, int]] = [
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 45),
    ("Vũ", 40),
    ("Phan", 20),
    ("Đỗ", 18),
    ("Bùi", 20),
    ("Đặng", 21),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 6),
    ("Đinh", 10),
    ("Trịnh", 9),
    ("Đào", 9),
    ("Mai", 7),
    ("Lương", 6),
    ("Hà", 7),
    ("Tạ", 4),
    ("Cao", 5),
    ("Lưu", 4),
    ("Chu", 4),
    ("Phùng", 4),
    ("Tô", 4),
    ("Triệu", 4),
    ("Đoàn", 6),
    ("Vương", 3),
    ("Nông", 2),
    ("Lâm", 3),
    ("Bàn", 2),
    ("Khúc", 1),
    ("Nghiêm", 2),
    ("Lại", 2),
    ("Văn", 2),
    ("Quách", 2),
    ("Thái", 2),
    ("Kiều", 2),
]

# Middle names: (name, weight); "Văn" and "Thị" dominate among older people.
MIDDLE_MALE_OLD: list[tuple[str, int]] = [
    ("Văn", 60),
    ("Đức", 8),
    ("Minh", 5),
    ("Quang", 5),
    ("Hữu", 5),
    ("Xuân", 4),
    ("Ngọc", 3),
    ("Mạnh", 2),
    ("Thanh", 3),
    ("Công", 3),
    ("Đình", 4),
    ("Trọng", 2),
    ("Bá", 2),
    ("Thế", 2),
    ("Hồng", 2),
]
MIDDLE_MALE_YOUNG: list[tuple[str, int]] = [
    ("Văn", 18),
    ("Đức", 12),
    ("Minh", 14),
    ("Quang", 8),
    ("Tuấn", 5),
    ("Hoàng", 6),
    ("Duy", 6),
    ("Anh", 4),
    ("Việt", 5),
    ("Quốc", 5),
    ("Tiến", 4),
    ("Thành", 4),
    ("Hải", 4),
    ("Trung", 3),
    ("Gia", 3),
    ("Ngọc", 3),
    ("Mạnh", 3),
    ("Xuân", 3),
]
MIDDLE_FEMALE_OLD: list[tuple[str, int]] = [
    ("Thị", 75),
    ("Ngọc", 5),
    ("Thu", 4),
    ("Thanh", 4),
    ("Kim", 3),
    ("Hồng", 3),
    ("Minh", 2),
    ("Bích", 2),
    ("Tuyết", 1),
    ("Xuân", 1),
]
MIDDLE_FEMALE_YOUNG: list[tuple[str, int]] = [
    ("Thị", 30),
    ("Ngọc", 8),
    ("Thu", 8),
    ("Thanh", 6),
    ("Phương", 6),
    ("Thùy", 6),
    ("Minh", 5),
    ("Hồng", 4),
    ("Mai", 3),
    ("Khánh", 4),
    ("Quỳnh", 3),
    ("Bảo", 3),
    ("Hải", 3),
    ("Diệu", 2),
    ("Hoài", 2),
    ("Thúy", 3),
    ("Kim", 2),
    ("Lan", 2),
]

# fmt: off
GIVEN_MALE: list[str] = [
    "An", "Anh", "Bảo", "Bình", "Chiến", "Chung", "Công", "Cường", "Dũng", "Dương", "Duy",
    "Đạt", "Đông", "Đức", "Giang", "Hải", "Hào", "Hiếu", "Hiệp", "Hòa", "Hoàng", "Hùng",
    "Hưng", "Huy", "Hậu", "Khang", "Khánh", "Khải", "Khoa", "Kiên", "Lâm", "Linh", "Long",
    "Lộc", "Lợi", "Lực", "Mạnh", "Minh", "Nam", "Nghĩa", "Ngọc", "Nhân", "Phong", "Phú",
    "Phúc", "Phương", "Quân", "Quang", "Quý", "Sang", "Sơn", "Tài", "Tâm", "Tân", "Thái",
    "Thắng", "Thành", "Thanh", "Thịnh", "Thông", "Thuận", "Tiến", "Tình", "Toàn", "Trọng",
    "Trung", "Trường", "Tú", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Thạch", "Định", "Hiển",
]
GIVEN_FEMALE: list[str] = [
    "An", "Anh", "Ánh", "Bích", "Chi", "Diệp", "Dung", "Duyên", "Giang", "Hà", "Hằng",
    "Hạnh", "Hải", "Hiền", "Hoa", "Hòa", "Hồng", "Huệ", "Hương", "Huyền", "Khánh", "Lan",
    "Lệ", "Liên", "Linh", "Loan", "Ly", "Mai", "Minh", "My", "Nga", "Ngân", "Ngọc", "Nguyệt",
    "Nhàn", "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thơ", "Thu", "Thủy",
    "Thúy", "Thư", "Trang", "Trâm", "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến", "Hậu",
]

# Mobile prefixes in use (Viettel, VinaPhone, MobiFone); the demo keeps to the 09x/08x/03x ones.
PHONE_PREFIXES: list[str] = [
    "090", "091", "093", "094", "096", "097", "098", "086", "088", "089", "032", "033",
    "034", "035", "036", "037", "038", "039", "084", "085",
]
# fmt: on
