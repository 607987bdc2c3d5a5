"""The demo accounts: one per role, each tied to a person in the right organisation.

The README and the tests read this list; `load_demo` creates and prints it.
"""

from dataclasses import dataclass

from quantriet.demo.orgs_data import DEPARTMENT_NAME, ROOT_NAME

# Shared by every demo account; printed by `make run`, so it is no secret.
DEMO_PASSWORD = "quantriet2026"  # noqa: S105


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str  # a quantriet.orgs.models.Role value; "" for the Django superuser
    role_label: str
    org_name: str  # where the role is granted
    full_name: str = ""
    gender: str = ""
    position: str = ""
    person_org_name: str = ""  # where the person belongs, when not `org_name`
    org_label: str = ""  # how the organisation is shown, when its name alone is ambiguous

    @property
    def org_display(self) -> str:
        return self.org_label or self.org_name or "—"


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "bantuyengiao",
        "admin",
        "Quản trị (Ban Tuyên giáo và Dân vận)",
        ROOT_NAME,
        "Nguyễn Thị Thanh Hương",
        "female",
        "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
        DEPARTMENT_NAME,
    ),
    DemoAccount(
        "uongbi",
        "officer",
        "Cán bộ phụ trách công tác tuyên giáo",
        "Đảng bộ phường Uông Bí",
        "Trần Văn Hùng",
        "male",
        "Phó Bí thư Thường trực Đảng ủy phường Uông Bí",
    ),
    DemoAccount(
        "yentu",
        "officer",
        "Cán bộ phụ trách công tác tuyên giáo",
        "Đảng bộ phường Yên Tử",
        "Phạm Thị Thu Hà",
        "female",
        "Ủy viên Ban Thường vụ, Trưởng Ban Xây dựng Đảng Đảng ủy phường Yên Tử",
    ),
    DemoAccount(
        "vangdanh",
        "officer",
        "Cán bộ phụ trách công tác tuyên giáo",
        "Đảng bộ phường Vàng Danh",
        "Lê Đức Thắng",
        "male",
        "Phó Bí thư Thường trực Đảng ủy phường Vàng Danh",
    ),
    DemoAccount(
        "diemcau",
        "operator",
        "Vận hành điểm cầu",
        "Đảng bộ phường Uông Bí",
        "Vũ Minh Tuấn",
        "male",
        "Chuyên viên Văn phòng Đảng ủy, phụ trách điểm cầu trực tuyến",
        "Chi bộ Cơ quan Đảng ủy – HĐND – UBND phường Uông Bí",
    ),
    DemoAccount(
        "baocaovien",
        "presenter",
        "Báo cáo viên",
        ROOT_NAME,
        "Hoàng Văn Bình",
        "male",
        "Trưởng phòng Lý luận chính trị – Lịch sử Đảng, báo cáo viên Tỉnh ủy",
        DEPARTMENT_NAME,
    ),
    DemoAccount(
        "dangvien",
        "member",
        "Đảng viên",
        "Chi bộ khu 1",
        "Đỗ Thị Lan Anh",
        "female",
        "Đảng viên",
        org_label="Chi bộ khu 1, Đảng bộ phường Uông Bí",
    ),
    DemoAccount("admin", "", "Quản trị hệ thống (Django admin)", ""),
)


def account_rows() -> list[tuple[str, str, str, str]]:
    """(username, password, role, organisation) for the command's table and the README."""
    return [(a.username, DEMO_PASSWORD, a.role_label, a.org_display) for a in DEMO_ACCOUNTS]


def markdown_table() -> str:
    """The demo accounts as a Markdown table, ready to paste into the README."""
    lines = [
        "| Tài khoản | Mật khẩu | Vai trò | Tổ chức |",
        "|---|---|---|---|",
        *(f"| `{u}` | `{p}` | {r} | {o} |" for u, p, r, o in account_rows()),
    ]
    return "\n".join(lines)
