"""The benchmark runner: a benchmark that measured nothing is FAILED, and the run exits 1."""

import sys
import types

import pytest

import bench
from bench import __main__ as runner
from bench import live


@pytest.fixture
def report(tmp_path, monkeypatch):
    path = tmp_path / "benchmarks.md"
    path.write_text(bench.REPORT_HEADER + "\n## Old\n\nRun: earlier — 12 req/s\n")
    monkeypatch.setattr(bench, "REPORT", path)
    monkeypatch.delenv("BENCH_SMOKE", raising=False)
    monkeypatch.setattr(bench, "setup", lambda: None)
    return path


def fake(monkeypatch, name, run):
    module = types.ModuleType(f"bench.{name}")
    module.run = run
    module.sections = lambda: ["Old"]
    monkeypatch.setitem(sys.modules, f"bench.{name}", module)
    return name


def test_runner_nothing_delivered_is_failed_and_exits_1(report, monkeypatch, capsys):
    def run():
        bench.write_section("Zero", "delivered 0 / 600", failures=["no event delivered"])
        bench.finish(["no event delivered"])

    names = [fake(monkeypatch, "zero", run), fake(monkeypatch, "fine", lambda: None)]
    monkeypatch.setattr(runner, "modules", lambda: names)

    assert runner.main([]) == 1

    out = capsys.readouterr().out
    assert "== zero: " in out and "FAILED — no event delivered" in out
    assert "== fine: " in out and ", ok" in out  # the next benchmark still ran
    assert "**FAILED**" in report.read_text().split("## Zero", 1)[1]


def test_runner_crash_marks_the_section_failed_and_keeps_the_old_figures(report, monkeypatch):
    def run():
        raise RuntimeError("server did not answer /healthz within 30 s")

    names = [fake(monkeypatch, "crash", run)]
    monkeypatch.setattr(runner, "modules", lambda: names)

    assert runner.main([]) == 1

    section = report.read_text().split("## Old", 1)[1]
    assert "**FAILED**" in section and "/healthz" in section
    assert "last run that wrote them" in section and "12 req/s" in section


def test_runner_smoke_writes_elsewhere(report, tmp_path, monkeypatch):
    def run():
        bench.write_section("Tiny", "3 req/s")

    monkeypatch.setattr(bench, "SMOKE_REPORT", tmp_path / "smoke.md")
    names = [fake(monkeypatch, "tiny", run)]
    monkeypatch.setattr(runner, "modules", lambda: names)
    monkeypatch.setenv("BENCH_SMOKE", "")  # restored afterwards: --smoke sets it
    before = report.read_text()

    assert runner.main(["--smoke"]) == 0

    assert report.read_text() == before
    assert "3 req/s" in (tmp_path / "smoke.md").read_text()


def figures(delivered, missing=0):
    return {
        "connected": 20,
        "connect_errors": [],
        "listener_error_count": 0,
        "events_posted": int(live.SECONDS * live.RATE),
        "post_errors": [],
        "delivered_pairs": delivered,
        "expected_pairs": delivered + missing,
        "missing": missing,
        "latency": {"count": delivered},
        "duplicates": 0,
        "reconnect": {"dropped": 2, "pairs_missed_while_dropped": 4},
    }


def test_live_row_with_no_event_delivered_fails():
    row = live.Result("sqlite", "local-1", 20, figures(0, missing=600), "now")

    assert any("no event delivered" in reason for reason in live.failures(row))


def test_live_row_with_every_event_passes():
    row = live.Result("sqlite", "local-1", 20, figures(600), "now")

    assert live.failures(row) == []


def test_runner_failed_before_writing_marks_the_section(report, monkeypatch):
    def run():
        raise bench.Failed("the generated file does not validate")

    names = [fake(monkeypatch, "early", run)]
    monkeypatch.setattr(runner, "modules", lambda: names)

    assert runner.main(["early"]) == 1

    section = report.read_text().split("## Old", 1)[1]
    assert "**FAILED**" in section and "does not validate" in section and "12 req/s" in section
