"""Check-in CPU, counted: instructions per request of a check-in against the bare one-INSERT view.

Throughput on a shared 2-core machine moves by ±10 % from minute to minute (and by 2–3 × from
day to day), so the ratio that bench/checkin.py measures moves with it. This counts what the
server's Python process executes per request instead — valgrind's cachegrind counts
instructions, the same count for the same work whatever else the machine is doing — for the
same two requests as bench/checkin.py (a QR check-in by an operator's bearer token; the bare
view's JSON body), through the whole stack in one process: Django's WSGI handler, the
production middleware, URL resolution, the view and the database driver. PostgreSQL's own work
(its backend process) is not counted; SQLite's is, since it runs inside the process (the
check-in's statement reads the invitation and the name and writes five indexes to the bare
view's one).

For each database: prepared as bench/checkin.py prepares it (PEOPLE members, everyone invited),
then per view two runs under valgrind — warm-up requests only, and the warm-up plus N — whose
difference over N is the count per request. Every counted check-in must be answered 201 (a new
person each), every bare request 201.

`python -m bench checkin_cpu` (needs valgrind: `apt-get install valgrind`);
BENCH_CPU_DATABASES=sqlite or postgresql runs one of them. In smoke mode: 300 members, 10
requests of each view after 5 warm-up ones, on PostgreSQL only, in ONE valgrind run driving both
views (Python and Django starting under valgrind take 10–20 s a run here): every answer must
still be a 201 and the count positive, but the count includes the start-up, so the smoke table
shows a check that counting works, not a figure.

A count that is not positive, or an answer that is not a 201, fails the run (FAILED in its
section).
"""

from __future__ import annotations

import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import bench
from bench.checkin import ROOT, base_env, client_id, code_version, database, grouped

PEOPLE = bench.size("BENCH_CPU_PEOPLE", 3000, 300)
WARMUP = bench.size("BENCH_CPU_WARMUP", 150, 5)
N = bench.size("BENCH_CPU_REQUESTS", 300, 10)
DATABASES = os.environ.get(
    "BENCH_CPU_DATABASES", "postgresql" if bench.smoke() else "sqlite,postgresql"
)
SECTION = "Check-in CPU instructions"
INSTRUCTIONS = re.compile(r"I\s+refs:\s+([\d,]+)")


# --- the driver: one process serving requests to itself -----------------------------------


def _drive(workdir: Path, modes: str, count: int, offset: int) -> None:
    """Entry of `python -m bench.checkin_cpu drive DIR MODE COUNT OFFSET`: WARMUP + COUNT
    requests through the WSGI handler; prints the answers' statuses of the last COUNT. MODE is
    "bare", "checkin", or both ("bare+checkin"), one after the other on their own people."""
    for index, mode in enumerate(modes.split("+")):
        _drive_one(workdir, mode, count, offset + index * (WARMUP + count))


_statuses: dict[str, int] = {}


def _drive_one(workdir: Path, mode: str, count: int, offset: int) -> None:
    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    info = json.loads((workdir / "info.json").read_text())
    tokens = (workdir / "tokens.txt").read_text().split()
    conference = info["conferences"]["single-16"]
    sites = conference["sites"]
    checkins = f"/api/v1/conferences/{conference['id']}/checkins"
    path = "/bench/insert" if mode == "bare" else checkins

    def body(k: int) -> bytes:
        i = offset + k
        person = info["first"] + i
        data: dict[str, object] = {"client_id": client_id("c0ffee00", person), "person": person}
        if mode == "checkin":
            data.update(qr=tokens[i], site=sites[i % len(sites)], method="qr")
        return json.dumps(data).encode()

    statuses = _statuses

    def start_response(status: str, headers: object, exc_info: object = None) -> None:
        if counting:
            statuses[status[:3]] = statuses.get(status[:3], 0) + 1

    bodies = [body(k) for k in range(WARMUP + count)]
    for k, data in enumerate(bodies):
        counting = k >= WARMUP
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "SCRIPT_NAME": "",
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "HTTP_HOST": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(data)),
            "HTTP_AUTHORIZATION": f"Bearer {info['token']}",
            "wsgi.input": io.BytesIO(data),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0),
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        response = app(environ, start_response)
        b"".join(response)
        response.close()
    print(json.dumps(statuses))  # the caller reads the last line: all modes so far


# --- counting ------------------------------------------------------------------------------


def _count(env: dict[str, str], workdir: Path, mode: str, count: int, offset: int) -> int:
    """Instructions of one driver run under cachegrind; checks every counted answer was 201."""
    completed = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            "-m",
            "bench.checkin_cpu",
            "drive",
            str(workdir),
            mode,
            str(count),
            str(offset),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    found = INSTRUCTIONS.search(completed.stderr)
    if completed.returncode != 0 or found is None:
        raise RuntimeError(f"valgrind run failed: {completed.stderr[-2000:]}")
    statuses = json.loads(completed.stdout.strip().splitlines()[-1])
    expected = count * len(mode.split("+"))
    if count and statuses != {"201": expected}:
        raise RuntimeError(f"{mode}: expected {expected} answers 201, got {statuses}")
    return int(found.group(1).replace(",", ""))


def run_database(kind: str) -> dict[str, object]:
    with database(kind) as db:
        env = base_env(db, "bench.baseline_settings")
        env["BENCH_CHECKIN_PEOPLE"] = str(PEOPLE)
        subprocess.run(
            [sys.executable, "-m", "bench.checkin", "prepare", str(db.workdir)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        per_request: dict[str, int] = {}
        if bench.smoke():  # one run for both views, start-up included (see the docstring)
            started = time.perf_counter()
            total = _count(env, db.workdir, "bare+checkin", N, 0)
            per_request["bare"] = per_request["checkin"] = total // (2 * (WARMUP + N))
            print(
                f"  {kind} bare+checkin: {grouped(total)} instructions in one run "
                f"({time.perf_counter() - started:.0f} s)"
            )
            return {"kind": kind, "version": db.version(), **per_request}
        offset = 0
        for mode in ("bare", "checkin"):
            started = time.perf_counter()
            warm = _count(env, db.workdir, mode, 0, offset)
            offset += WARMUP
            counted = _count(env, db.workdir, mode, N, offset)
            offset += WARMUP + N
            per_request[mode] = (counted - warm) // N
            print(
                f"  {kind} {mode}: {grouped(per_request[mode])} instructions a request "
                f"({time.perf_counter() - started:.0f} s)"
            )
        return {"kind": kind, "version": db.version(), **per_request}


def cpu() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()


def valgrind_version() -> str:
    out = subprocess.run(["valgrind", "--version"], capture_output=True, text=True, check=False)
    return out.stdout.strip()


def sections() -> list[str]:
    return [SECTION]


def run() -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("bench checkin_cpu needs valgrind: apt-get install -y -qq valgrind")
    kinds = DATABASES.split(",")
    results = [run_database(kind.strip()) for kind in kinds if kind.strip()]
    rows = []
    failures: list[str] = []
    for result in results:
        name = "SQLite" if result["kind"] == "sqlite" else "PostgreSQL"
        bare, checkin = result["bare"], result["checkin"]
        bench.check(
            failures,
            bare > 0 and checkin > 0,
            f"{name}: counted {bare} instructions a bare request, {checkin} a check-in",
        )
        if bare <= 0 or checkin <= 0:
            rows.append(f"| {name} | {grouped(bare)} | {grouped(checkin)} | — | — |")
            continue
        rows.append(
            f"| {name} | {grouped(bare)} | {grouped(checkin)} | "
            f"{checkin / bare - 1:+.0%} | **{bare / checkin:.0%}** |"
        )
    versions = "; ".join(str(result["version"]) for result in results)
    bench.write_section(
        SECTION,
        f"""
Run: {bench.now_utc()} — `python -m bench checkin_cpu`
Machine: {os.cpu_count()} × {cpu()}; Linux {platform.release()}; Python \
{platform.python_version()}; {versions}; {valgrind_version()}; code: {code_version()}

Instructions the server's Python process executes per request, counted by valgrind's
cachegrind (the same count for the same work however busy the machine is), through the whole
stack in one process: WSGI handler, production middleware, URL resolution, view, database
driver. A QR check-in by an operator's bearer token (a new invited person each, answered 201)
against the bare one-INSERT view of the throughput benchmark; {N} requests counted after
{WARMUP} warm-up ones, on a database prepared as for the throughput benchmark with
{grouped(PEOPLE)} members. PostgreSQL's own work (its backend process) is not in these counts;
SQLite's is, as it runs inside the process. The last column is the throughput ratio the
check-ins would reach if the process's instructions were all that differed.

| database | bare view | check-in | check-in more | bare / check-in |
|---|---:|---:|---:|---:|
{chr(10).join(rows)}
""",
        failures=failures,
    )
    bench.finish(failures)


if __name__ == "__main__":
    if sys.argv[1:2] == ["drive"]:
        _drive(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        run()
