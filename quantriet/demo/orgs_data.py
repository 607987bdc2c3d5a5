"""The demo organisation tree: Quảng Ninh province and the three wards that replaced Uông Bí city.

Since 1/7/2025 the district level is gone: the former Uông Bí city is three wards directly under
the Tỉnh ủy (uongbi.gov.vn): phường Uông Bí = the former Thanh Sơn, Quang Trung and Yên Thanh
wards with khu Điền Công 1–3 of Trưng Vương; phường Vàng Danh = the former Trưng Vương, Nam Khê,
Bắc Sơn and Vàng Danh; phường Yên Tử = the former Phương Đông, Phương Nam and Thượng Yên Công.
Residential units are khu (Chi bộ khu …, Trưởng khu), not "tổ dân phố". The city's Party
organisation stays as an inactive node for historical documents. The mass organisations (Đoàn
Thanh niên, Hội LHPN, Hội Nông dân, Hội CCB, Công đoàn) sit under the ward's Ủy ban MTTQ Việt Nam
(Quy định 301-QĐ/TW, 2025). The khu numbers within each former ward are examples.

Each node names a people `profile` (see `PROFILES`) that says who belongs to it; a node with an
empty profile holds nobody (the province root, the historical city).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

PROVINCE = "Quảng Ninh"
ROOT_NAME = "Đảng bộ tỉnh Quảng Ninh"
DEPARTMENT_NAME = "Ban Tuyên giáo và Dân vận Tỉnh ủy"
OLD_CITY_NAME = "Đảng bộ thành phố Uông Bí (2020–2025)"
WARD_NAMES = ("Uông Bí", "Yên Tử", "Vàng Danh")
COAL_GROUP_NAME = "Đảng bộ Than Quảng Ninh"


@dataclass
class OrgSpec:
    name: str
    kind: str
    level: str
    profile: str = ""
    short_name: str = ""
    address: str = ""
    is_active: bool = True
    dissolved_on: datetime.date | None = None
    children: list[OrgSpec] = field(default_factory=list)


@dataclass(frozen=True)
class Profile:
    """Who belongs to an organisation of this sort.

    `members` is the relative size (people are spread over the tree in proportion);
    `heads` are the first people's (position, is key cadre) pairs; the rest draw a position
    from `staff` ("" for none). `category` is a Person.category code; Party members get a card,
    and a key cadre of a mass organisation is a Party member as well.
    """

    members: tuple[int, int]
    category: str
    female: float
    ages: tuple[int, int, int]  # youngest, oldest, most common
    heads: tuple[tuple[str, bool], ...] = ()
    staff: tuple[str, ...] = ("",)


PARTY, YOUTH, ASSOC, CITIZEN = "party_member", "youth_member", "association_member", "citizen"
CELL_HEADS = (("Bí thư Chi bộ", True), ("Phó Bí thư Chi bộ", False), ("Chi ủy viên", False))

PROFILES: dict[str, Profile] = {
    "department": Profile(
        (28, 28),
        PARTY,
        0.5,
        (27, 59, 42),
        (
            ("Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy", True),
            ("Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy", True),
            ("Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy", True),
            ("Trưởng phòng Tuyên truyền – Báo chí", False),
            ("Trưởng phòng Dân vận", False),
            ("Trưởng phòng Lý luận chính trị – Lịch sử Đảng", False),
            ("Chánh Văn phòng Ban", False),
        ),
        ("Chuyên viên", "Chuyên viên", "Chuyên viên chính", "Phó Trưởng phòng"),
    ),
    "ward_committee": Profile(
        (6, 6),
        PARTY,
        0.35,
        (38, 58, 48),
        (
            ("Bí thư Đảng ủy phường", True),
            ("Phó Bí thư Thường trực Đảng ủy phường", True),
            ("Phó Bí thư Đảng ủy, Chủ tịch UBND phường", True),
            ("Chủ tịch HĐND phường", True),
            ("Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Đảng ủy", True),
            ("Ủy viên Ban Thường vụ, Phó Chủ tịch UBND phường", True),
        ),
    ),
    "residential": Profile(
        (45, 85),
        PARTY,
        0.45,
        (27, 88, 66),
        (*CELL_HEADS[:1], ("Phó Bí thư Chi bộ, Trưởng khu", False), CELL_HEADS[2]),
        (
            "",
            "",
            "",
            "",
            "Hưu trí",
            "Cựu chiến binh",
            "Trưởng ban công tác Mặt trận khu",
            "Kinh doanh",
        ),
    ),
    "school": Profile(
        (15, 26),
        PARTY,
        0.8,
        (26, 58, 40),
        (("Bí thư Chi bộ, Hiệu trưởng", True), ("Phó Bí thư Chi bộ, Phó Hiệu trưởng", False)),
        ("Giáo viên", "Giáo viên", "Giáo viên", "Tổ trưởng chuyên môn", "Kế toán"),
    ),
    "health": Profile(
        (9, 14),
        PARTY,
        0.7,
        (27, 58, 40),
        (("Bí thư Chi bộ, Trưởng Trạm Y tế", True), ("Phó Bí thư Chi bộ", False)),
        ("Bác sĩ", "Y sĩ", "Điều dưỡng", "Nữ hộ sinh", "Dược sĩ"),
    ),
    "ward_agency": Profile(
        (25, 35),
        PARTY,
        0.5,
        (25, 58, 38),
        CELL_HEADS[:2],
        (
            "Chuyên viên Văn phòng Đảng ủy",
            "Chuyên viên Ban Xây dựng Đảng",
            "Công chức Văn phòng HĐND và UBND",
            "Công chức Phòng Kinh tế, Hạ tầng và Đô thị",
            "Công chức Phòng Văn hóa – Xã hội",
            "Công chức Tư pháp – Hộ tịch",
            "Chuyên viên Trung tâm Phục vụ hành chính công",
        ),
    ),
    "police": Profile(
        (18, 26),
        PARTY,
        0.15,
        (24, 55, 33),
        (("Bí thư Chi bộ, Trưởng Công an phường", True), ("Phó Bí thư Chi bộ", False)),
        ("Cán bộ Công an phường", "Cảnh sát khu vực", "Phó Trưởng Công an phường"),
    ),
    "military": Profile(
        (6, 10),
        PARTY,
        0.1,
        (24, 50, 35),
        (("Bí thư Chi bộ, Chỉ huy trưởng Ban Chỉ huy Quân sự phường", True),),
        ("Phó Chỉ huy trưởng Ban Chỉ huy Quân sự", "Thôn đội trưởng", "Dân quân thường trực"),
    ),
    "front_bloc": Profile(
        (10, 14),
        PARTY,
        0.55,
        (30, 60, 45),
        (
            ("Bí thư Chi bộ, Chủ tịch Ủy ban MTTQ Việt Nam phường", True),
            ("Phó Bí thư Chi bộ, Phó Chủ tịch Ủy ban MTTQ Việt Nam phường", False),
        ),
        (
            "Chuyên viên Ủy ban MTTQ Việt Nam phường",
            "Chuyên viên Ban Tuyên truyền – Dân vận, Ủy ban MTTQ Việt Nam phường",
            "Phó Chủ tịch Hội Liên hiệp Phụ nữ phường",
            "Phó Chủ tịch Hội Cựu chiến binh phường",
        ),
    ),
    "front": Profile(
        (30, 45),
        CITIZEN,
        0.45,
        (28, 80, 55),
        (
            ("Chủ tịch Ủy ban MTTQ Việt Nam phường", True),
            ("Phó Chủ tịch Ủy ban MTTQ Việt Nam phường", False),
        ),
        (
            "Ủy viên Ủy ban MTTQ phường",
            "Trưởng Ban công tác Mặt trận khu",
            "Chức sắc tôn giáo",
            "Người có uy tín",
            "Đại diện doanh nghiệp",
        ),
    ),
    "youth": Profile(
        (200, 300),
        YOUTH,
        0.5,
        (18, 30, 22),
        (
            ("Phó Chủ tịch Ủy ban MTTQ Việt Nam phường, Bí thư Đoàn phường", True),
            ("Phó Bí thư Đoàn phường", False),
        ),
        ("Đoàn viên", "Đoàn viên", "Đoàn viên", "Bí thư Chi đoàn khu", "Sinh viên"),
    ),
    "women": Profile(
        (380, 520),
        ASSOC,
        1.0,
        (20, 80, 48),
        (
            (
                "Phó Chủ tịch Ủy ban MTTQ Việt Nam phường, Chủ tịch Hội Liên hiệp Phụ nữ phường",
                True,
            ),
            ("Phó Chủ tịch Hội", False),
        ),
        ("Hội viên", "Hội viên", "Hội viên", "Chi hội trưởng phụ nữ khu"),
    ),
    "farmers": Profile(
        (60, 180),
        ASSOC,
        0.45,
        (25, 75, 52),
        (
            ("Phó Chủ tịch Ủy ban MTTQ Việt Nam phường, Chủ tịch Hội Nông dân phường", True),
            ("Phó Chủ tịch Hội", False),
        ),
        ("Hội viên", "Hội viên", "Chi hội trưởng nông dân", "Chủ trang trại"),
    ),
    "veterans": Profile(
        (240, 340),
        ASSOC,
        0.08,
        (40, 88, 68),
        (
            ("Phó Chủ tịch Ủy ban MTTQ Việt Nam phường, Chủ tịch Hội Cựu chiến binh phường", True),
            ("Phó Chủ tịch Hội", False),
        ),
        ("Hội viên", "Hội viên", "Hội viên", "Chi hội trưởng cựu chiến binh"),
    ),
    "ward_union": Profile(
        (50, 80),
        CITIZEN,
        0.55,
        (23, 59, 36),
        (("Chủ tịch Công đoàn cơ sở", True), ("Phó Chủ tịch Công đoàn cơ sở", False)),
        ("Đoàn viên công đoàn", "Tổ trưởng công đoàn"),
    ),
    "enterprise_committee": Profile(
        (5, 5),
        PARTY,
        0.2,
        (40, 58, 50),
        (
            ("Bí thư Đảng ủy Công ty", True),
            ("Phó Bí thư Đảng ủy, Giám đốc Công ty", True),
            ("Phó Bí thư Đảng ủy, Chủ tịch Công đoàn Công ty", True),
            ("Ủy viên Ban Thường vụ, Phó Giám đốc", True),
            ("Chủ nhiệm Ủy ban Kiểm tra Đảng ủy", False),
        ),
    ),
    "mine": Profile(
        (40, 85),
        PARTY,
        0.08,
        (24, 58, 38),
        (("Bí thư Chi bộ, Quản đốc phân xưởng", True), ("Phó Bí thư Chi bộ, Phó Quản đốc", False)),
        (
            "Công nhân khai thác lò",
            "Công nhân khai thác lò",
            "Công nhân đào lò",
            "Thợ cơ điện lò",
            "Công nhân vận tải lò",
            "Kỹ sư khai thác mỏ",
            "Lò trưởng",
            "Tổ trưởng sản xuất",
        ),
    ),
    "mine_office": Profile(
        (25, 40),
        PARTY,
        0.45,
        (26, 58, 40),
        (("Bí thư Chi bộ, Trưởng phòng", True), ("Phó Bí thư Chi bộ", False)),
        ("Kỹ sư", "Chuyên viên", "Nhân viên", "Phó Trưởng phòng", "Kế toán"),
    ),
    "power": Profile(
        (30, 50),
        PARTY,
        0.15,
        (25, 58, 38),
        (("Bí thư Chi bộ, Quản đốc phân xưởng", True), ("Phó Bí thư Chi bộ, Trưởng ca", False)),
        ("Kỹ sư vận hành", "Trưởng ca", "Công nhân vận hành lò máy", "Thợ sửa chữa", "Kỹ sư"),
    ),
    "hospital": Profile(
        (20, 40),
        PARTY,
        0.65,
        (26, 58, 40),
        (("Bí thư Chi bộ, Trưởng khoa", True), ("Phó Bí thư Chi bộ, Phó Trưởng khoa", False)),
        ("Bác sĩ", "Bác sĩ chuyên khoa I", "Điều dưỡng", "Kỹ thuật viên", "Dược sĩ"),
    ),
    "company_union": Profile(
        (120, 200),
        CITIZEN,
        0.2,
        (22, 58, 36),
        (("Chủ tịch Công đoàn Công ty", True), ("Phó Chủ tịch Công đoàn Công ty", False)),
        ("Đoàn viên công đoàn", "Công nhân", "Công nhân", "Tổ trưởng công đoàn"),
    ),
    "company_youth": Profile(
        (60, 110),
        YOUTH,
        0.25,
        (18, 30, 25),
        (("Bí thư Đoàn Thanh niên Công ty", True), ("Phó Bí thư Đoàn Thanh niên Công ty", False)),
        ("Đoàn viên", "Công nhân", "Kỹ sư trẻ"),
    ),
}

# Areas (khu) of each ward, by the former wards and commune they grew out of.
WARD_AREAS: dict[str, list[str]] = {
    # The former Quang Trung, Thanh Sơn and Yên Thanh wards, and khu Điền Công 1–3 of Trưng Vương.
    "Uông Bí": [
        *(f"khu {n}" for n in range(1, 7)),
        "khu Quang Trung",
        "khu Thanh Sơn 1",
        "khu Thanh Sơn 2",
        "khu Thanh Sơn 3",
        "khu Yên Thanh 1",
        "khu Yên Thanh 2",
        "khu Yên Thanh 3",
        "khu Điền Công 1",
        "khu Điền Công 2",
        "khu Điền Công 3",
    ],
    # The former Phương Đông and Phương Nam wards and Thượng Yên Công commune.
    "Yên Tử": [
        *(f"khu Phương Đông {n}" for n in range(1, 6)),
        *(f"khu Phương Nam {n}" for n in range(1, 6)),
        "khu Thượng Yên Công",
        "khu Nam Mẫu",
        "khu Khe Sú 1",
        "khu Khe Sú 2",
        "khu Yên Tử",
    ],
    # The former Vàng Danh, Bắc Sơn, Trưng Vương (but khu Điền Công) and Nam Khê wards.
    "Vàng Danh": [
        *(f"khu Vàng Danh {n}" for n in range(1, 6)),
        *(f"khu Bắc Sơn {n}" for n in range(1, 5)),
        *(f"khu Trưng Vương {n}" for n in range(1, 4)),
        *(f"khu Nam Khê {n}" for n in range(1, 4)),
    ],
}

WARD_SCHOOLS: dict[str, list[str]] = {
    "Uông Bí": [
        "Trường THCS Nguyễn Trãi",
        "Trường Tiểu học Quang Trung",
        "Trường Tiểu học Thanh Sơn",
        "Trường Mầm non Yên Thanh",
    ],
    "Yên Tử": [
        "Trường THCS Phương Đông",
        "Trường Tiểu học Phương Nam",
        "Trường Tiểu học và THCS Thượng Yên Công",
        "Trường Mầm non Phương Đông",
    ],
    "Vàng Danh": [
        "Trường THCS Vàng Danh",
        "Trường THCS Trưng Vương",
        "Trường Tiểu học Vàng Danh",
        "Trường Tiểu học Nam Khê",
        "Trường Tiểu học Bắc Sơn",
    ],
}


def _cell(name: str, profile: str, address: str = "") -> OrgSpec:
    return OrgSpec(name, "dependent-cell", "cell", profile, address=address)


def ward(ward_name: str) -> OrgSpec:
    """A ward Party committee with its Party cells and, beside them, its mass organisations."""
    where = f"phường {ward_name}"
    cells = [
        _cell(f"Chi bộ {area}", "residential", f"{area}, {where}, tỉnh {PROVINCE}")
        for area in WARD_AREAS[ward_name]
    ]
    cells += [_cell(f"Chi bộ {school}", "school") for school in WARD_SCHOOLS[ward_name]]
    cells += [
        _cell(f"Chi bộ Trạm Y tế {where}", "health"),
        _cell(f"Chi bộ Cơ quan Đảng ủy – HĐND – UBND {where}", "ward_agency"),
        _cell(f"Chi bộ Công an {where}", "police"),
        _cell(f"Chi bộ Quân sự {where}", "military"),
        _cell(f"Chi bộ Khối Mặt trận Tổ quốc và các đoàn thể {where}", "front_bloc"),
    ]
    # Since 2025 the mass organisations sit under the ward's Fatherland Front committee.
    front = OrgSpec(
        f"Ủy ban MTTQ Việt Nam {where}",
        "fatherland-front",
        "commune",
        "front",
        children=[
            OrgSpec(f"Đoàn TNCS Hồ Chí Minh {where}", "youth-union", "commune", "youth"),
            OrgSpec(f"Hội Liên hiệp Phụ nữ {where}", "womens-union", "commune", "women"),
            OrgSpec(f"Hội Nông dân {where}", "farmers-association", "commune", "farmers"),
            OrgSpec(f"Hội Cựu chiến binh {where}", "veterans-association", "commune", "veterans"),
            OrgSpec(f"Công đoàn cơ sở Cơ quan {where}", "trade-union", "grassroots", "ward_union"),
        ],
    )
    return OrgSpec(
        f"Đảng bộ {where}",
        "commune-party",
        "commune",
        "ward_committee",
        short_name=f"ĐU {ward_name}",
        address=f"{where}, tỉnh {PROVINCE}",
        children=[*cells, front],
    )


def enterprise(
    name: str, short: str, workshops: list[str], offices: list[str], workshop_profile: str
) -> OrgSpec:
    """A grassroots Party committee of a company, with a cell per workshop or department."""
    cells = [_cell(f"Chi bộ {w}", workshop_profile) for w in workshops]
    cells += [_cell(f"Chi bộ {o}", "mine_office") for o in offices]
    company = name.removeprefix("Đảng bộ ")
    cells += [
        OrgSpec(f"Công đoàn {company}", "trade-union", "grassroots", "company_union"),
        OrgSpec(f"Đoàn Thanh niên {company}", "youth-union", "grassroots", "company_youth"),
    ]
    return OrgSpec(
        name, "grassroots-party", "grassroots", "enterprise_committee", short, children=cells
    )


COAL_COMPANIES: list[OrgSpec] = [
    enterprise(
        "Đảng bộ Công ty Than Uông Bí – TKV",
        "Than Uông Bí",
        [
            "Phân xưởng Khai thác 1",
            "Phân xưởng Khai thác 2",
            "Phân xưởng Khai thác 3",
            "Phân xưởng Đào lò 1",
            "Phân xưởng Đào lò 2",
            "Phân xưởng Cơ điện lò",
            "Phân xưởng Vận tải lò",
            "Phân xưởng Thông gió – Đo khí",
        ],
        ["Phòng Kỹ thuật – Công nghệ", "Khối Văn phòng Công ty"],
        "mine",
    ),
    enterprise(
        "Đảng bộ Công ty Than Vàng Danh – Vinacomin",
        "Than Vàng Danh",
        [
            "Phân xưởng Khai thác 1",
            "Phân xưởng Khai thác 2",
            "Phân xưởng Khai thác 4",
            "Phân xưởng Khai thác 5",
            "Phân xưởng Đào lò 1",
            "Phân xưởng Đào lò 3",
            "Phân xưởng Sàng tuyển",
            "Phân xưởng Vận tải",
        ],
        ["Phòng Kỹ thuật khai thác", "Khối Văn phòng Công ty"],
        "mine",
    ),
    enterprise(
        "Đảng bộ Công ty Than Nam Mẫu – TKV",
        "Than Nam Mẫu",
        [
            "Phân xưởng Khai thác 1",
            "Phân xưởng Khai thác 2",
            "Phân xưởng Khai thác 3",
            "Phân xưởng Đào lò 1",
            "Phân xưởng Đào lò 2",
            "Phân xưởng Đào lò 3",
            "Phân xưởng Cơ điện",
            "Phân xưởng Vận tải",
        ],
        ["Phòng Kỹ thuật – An toàn", "Khối Văn phòng Công ty"],
        "mine",
    ),
]

POWER_PLANT = enterprise(
    "Đảng bộ Công ty Nhiệt điện Uông Bí",
    "Nhiệt điện Uông Bí",
    [
        "Phân xưởng Vận hành 1",
        "Phân xưởng Vận hành 2",
        "Phân xưởng Sửa chữa Cơ nhiệt",
        "Phân xưởng Sửa chữa Điện – Tự động",
        "Phân xưởng Nhiên liệu",
        "Phân xưởng Hóa",
    ],
    ["Phòng Kỹ thuật – An toàn", "Khối Văn phòng Công ty"],
    "power",
)

HOSPITAL = OrgSpec(
    "Đảng bộ Bệnh viện Việt Nam – Thụy Điển Uông Bí",
    "grassroots-party",
    "grassroots",
    "enterprise_committee",
    "BV Việt Nam – Thụy Điển",
    children=[
        _cell("Chi bộ Khoa Hồi sức tích cực – Chống độc", "hospital"),
        _cell("Chi bộ Khoa Nội tổng hợp", "hospital"),
        _cell("Chi bộ Khoa Ngoại tổng hợp", "hospital"),
        _cell("Chi bộ Khoa Phụ sản", "hospital"),
        _cell("Chi bộ Khoa Nhi", "hospital"),
        _cell("Chi bộ Khoa Cấp cứu", "hospital"),
        _cell("Chi bộ Phòng Kế hoạch tổng hợp", "mine_office"),
        _cell("Chi bộ Phòng Tổ chức cán bộ – Hành chính quản trị", "mine_office"),
        OrgSpec(
            "Công đoàn Bệnh viện Việt Nam – Thụy Điển Uông Bí",
            "trade-union",
            "grassroots",
            "company_union",
        ),
    ],
)


def tree() -> OrgSpec:
    """The whole demo tree, root first."""
    return OrgSpec(
        ROOT_NAME,
        "province-party",
        "province",
        short_name="Tỉnh ủy Quảng Ninh",
        children=[
            OrgSpec(DEPARTMENT_NAME, "party-agency", "province", "department", "BTG&DV Tỉnh ủy"),
            OrgSpec(
                OLD_CITY_NAME,
                "district-party",
                "district",
                short_name="Thành ủy Uông Bí",
                is_active=False,
                dissolved_on=datetime.date(2025, 6, 30),
            ),
            *(ward(name) for name in WARD_NAMES),
            OrgSpec(COAL_GROUP_NAME, "direct-party", "commune", children=COAL_COMPANIES),
            POWER_PLANT,
            OrgSpec("Đảng bộ Ủy ban nhân dân tỉnh", "direct-party", "commune", children=[HOSPITAL]),
        ],
    )
