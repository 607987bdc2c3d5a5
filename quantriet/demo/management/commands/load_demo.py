"""`manage.py load_demo [--people N]`: the Uông Bí demo data; safe to run on every `make run`."""

import time
from argparse import ArgumentParser

from django.core.management.base import BaseCommand, CommandError

from quantriet.demo.accounts import account_rows
from quantriet.demo.live_data import LIVE_TITLE
from quantriet.demo.loader import describe_counts, load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu Uông Bí (một lần); in danh sách tài khoản demo."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--people",
            type=int,
            default=10_000,
            help="Số người trong danh sách mẫu (mặc định 10000).",
        )

    def handle(self, *args: object, **options: object) -> None:
        people = int(options["people"])  # type: ignore[call-overload]
        if people < 0:
            raise CommandError("--people phải là số không âm.")
        started = time.monotonic()
        result = load_demo(people=people)
        if result.created:
            c = result.conferences
            d = result.dialogue
            p = result.presenters
            b = result.bulletins
            g = result.programs
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã nạp dữ liệu mẫu: {result.orgs} tổ chức, {result.people} người, "
                    f"{result.documents} văn bản, {c.conferences} hội nghị ({c.sites} điểm cầu, "
                    f"{c.invitations} giấy mời, {c.checkins} lượt điểm danh, {c.late} đi muộn, "
                    f"{c.excused} vắng có lý do, {c.absent} vắng không lý do, {c.makeups} học bù), "
                    f"{d.questions} câu hỏi ({d.answers} trả lời, {d.votes} lượt ủng hộ), "
                    f"{d.poll_votes} lượt trả lời khảo sát, {d.feedback} đánh giá; "
                    f"{p.presenters} báo cáo viên, {p.propagandists} tuyên truyền viên "
                    f"({p.trainings} lớp bồi dưỡng, {p.sessions} buổi báo cáo, {p.feedback} "
                    f"đánh giá của người nghe, {p.reviews} phiếu đánh giá định kỳ), "
                    f"{b.bulletins} bản thông tin định hướng ({b.read}/{b.receipts} lượt đã đọc), "
                    f"{b.opinion_reports} phản ánh dư luận xã hội; {g.programs} chương trình "
                    f"hành động ({g.tasks} nhiệm vụ, {g.updates} báo cáo tiến độ, "
                    f"{g.overdue} quá hạn) "
                    f"({time.monotonic() - started:.1f} giây)."
                )
            )
            live = result.live
            self.stdout.write(
                f"Đang diễn ra: {LIVE_TITLE} — {live.checkins} lượt điểm danh ({live.late} đi "
                f"muộn), {live.questions} câu hỏi, khảo sát đang mở ({live.poll_votes} lượt trả lời)."
            )
        else:
            counts = describe_counts()
            self.stdout.write(
                f"Dữ liệu mẫu đã có sẵn ({counts['orgs']} tổ chức, {counts['people']} người, "
                f"{counts['documents']} văn bản, {counts['conferences']} hội nghị, "
                f"{counts['checkins']} lượt điểm danh); không nạp lại."
            )
        self.write_accounts()

    def write_accounts(self) -> None:
        header = ("Tên đăng nhập", "Mật khẩu", "Vai trò", "Tổ chức")
        rows = account_rows()
        widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

        def line(cells: tuple[str, ...]) -> str:
            padded = (cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
            return "  ".join(padded).rstrip()

        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Tài khoản demo"))
        self.stdout.write(line(header))
        self.stdout.write("  ".join("-" * width for width in widths))
        for row in rows:
            self.stdout.write(line(row))
