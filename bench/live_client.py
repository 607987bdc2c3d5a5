"""The live benchmark's client: ONE asyncio process holding N SSE listeners on raw TCP streams.

`python -m bench.live_client CONFIG.json RESULT.json`. It opens N listeners on
`GET /conferences/{id}/live` (Bearer tokens, a handful shared by all), at most CONNECT_PARALLEL
connection set-ups in flight; a listener counts as connected when the initial `retry:` frame
arrives. Then it posts EVENTS events at RATE per second (a question, then votes, alternately)
through `POST /bench/live/{id}/emit`, each with its send time (time.time()), a new TCP connection
per post as from different phones. Mid-run it drops DROP of the listeners and, GAP seconds later,
reconnects them with `Last-Event-ID`: they must catch up on what they missed from the Event table.

The SSE id is opaque to the client, as the spec has it: the server's ids are positions per
audience ("12" for the public one, "12.0" or "12.7" for a site operator who also follows the
site's), and a listener only keeps the last one it received and sends it back in Last-Event-ID.
An event is known by the benchmark's mark in its data ("bench <seq> <send time>"): every
listener must end with every posted seq exactly once.

Every frame is stamped with time.time() when its chunk is read and parsed after the run.
Latency = arrival − send, for every (listener, event) pair the listener was connected for; pairs
missed while dropped count as caught up if they arrive after the reconnect. The server's RSS and
CPU time are read from /proc.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import resource
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

CONNECT_PARALLEL = 200
HOST = "127.0.0.1"
# The benchmark's mark in an event's data (bench/live_urls.py: "bench <seq> <send time>").
MARK = re.compile(rb'"bench": ?"bench (\d+) ')


@dataclass
class Frame:
    arrived: float
    event_id: str  # the frame's SSE id as sent (opaque), "" when the frame had none
    seq: int | None  # the benchmark's number of the event, from its data; None if not ours
    data: bytes


@dataclass
class Listener:
    index: int
    token: str
    frames: list[Frame] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)  # seqs received
    last_id: str = ""  # the last SSE id received, sent back as Last-Event-ID
    connect_seconds: list[float] = field(default_factory=list)
    writer: asyncio.StreamWriter | None = None
    task: asyncio.Task[None] | None = None
    error: str = ""
    dropped_at: float = 0.0  # time.time() of the drop, 0 when never dropped
    reconnect_sent: float = 0.0  # time.time() when the reconnect request went out
    ended: int = 0  # streams the server ended


async def read_chunks(reader: asyncio.StreamReader, chunked: bool) -> asyncio.AsyncIterator:
    """Yield (arrival time, bytes) per chunk of the body."""
    while True:
        if chunked:
            line = await reader.readline()
            if not line:
                return
            size = int(line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                return
            data = await reader.readexactly(size + 2)
            yield time.time(), data[:-2]
        else:
            data = await reader.read(65536)
            if not data:
                return
            yield time.time(), data


async def listen(
    listener: Listener, port: int, path: str, gate: asyncio.Semaphore, ready: asyncio.Event
) -> None:
    started = time.perf_counter()
    last = f"Last-Event-ID: {listener.last_id}\r\n" if listener.last_id else ""
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nAuthorization: Bearer {listener.token}"
        f"\r\nAccept: text/event-stream\r\n{last}\r\n"
    ).encode()
    await gate.acquire()
    released = False
    try:
        reader, writer = await asyncio.open_connection(HOST, port, limit=1 << 20)
        listener.writer = writer
        writer.write(request)
        status = await reader.readline()
        if b" 200 " not in status:
            raise RuntimeError(f"status {status!r}")
        chunked = False
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b""):
                break
            if line.lower().startswith(b"transfer-encoding:") and b"chunked" in line.lower():
                chunked = True
        buffer = b""
        async for arrived, data in read_chunks(reader, chunked):
            buffer += data
            # The server ends lines with "\n"; a "\r" before it is dropped too.
            while b"\n\n" in buffer:
                frame, buffer = buffer.split(b"\n\n", 1)
                payload: list[bytes] = []
                event_id = ""
                for line in frame.split(b"\n"):
                    name, _, value = line.rstrip(b"\r").partition(b":")
                    value = value.removeprefix(b" ")
                    if name == b"retry" and not released:
                        listener.connect_seconds.append(time.perf_counter() - started)
                        gate.release()
                        released = True
                        ready.set()
                    elif name == b"id" and b"\0" not in value:
                        # The spec's "last event ID": kept even by a frame without data.
                        listener.last_id = event_id = value.decode()
                    elif name == b"data":
                        payload.append(value)
                if payload:  # an event (a comment or a bare retry: dispatches nothing)
                    body = b"\n".join(payload)
                    found = MARK.search(body)
                    seq = int(found.group(1)) if found else None
                    listener.frames.append(Frame(arrived, event_id, seq, body))
                    if seq is not None:
                        listener.seen.add(seq)
        listener.ended += 1
    except asyncio.CancelledError:
        raise
    except Exception as exc:  # recorded and reported
        listener.error = f"{type(exc).__name__}: {exc}"
    finally:
        if not released:
            gate.release()


async def post(port: int, path: str, body: dict[str, object]) -> dict[str, object]:
    try:
        answer = await _post(port, path, body)
    except (OSError, ValueError) as exc:  # counted as a failed post, not a crash of the client
        answer = {"error": f"{type(exc).__name__}: {exc}"}
    answer["answered"] = time.time()
    return answer


async def _post(port: int, path: str, body: dict[str, object]) -> dict[str, object]:
    reader, writer = await asyncio.open_connection(HOST, port)
    raw = json.dumps(body).encode()
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(raw)}\r\nConnection: close\r\n\r\n".encode()
        + raw
    )
    await writer.drain()
    response = await reader.read()
    writer.close()
    head, _, payload = response.partition(b"\r\n\r\n")
    if b" 201 " not in head.split(b"\r\n", 1)[0]:
        return {"error": head.split(b"\r\n", 1)[0].decode(errors="replace")}
    if b"chunked" in head.lower():
        payload = payload.split(b"\r\n", 1)[1].rsplit(b"\r\n0\r\n", 1)[0]
    return json.loads(payload)


def process_tree(pid: int) -> list[int]:
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children = task.read_text().split()
        except OSError:  # the thread ended between the listing and the read
            continue
        for child in children:
            pids.extend(process_tree(int(child)))
    return pids


def server_usage(pid: int) -> dict[str, object]:
    """RSS (MB) of the server's processes, their CPU seconds so far and their threads."""
    rss, cpu, workers, threads = 0.0, 0.0, [], 0
    tick = os.sysconf("SC_CLK_TCK")
    for p in process_tree(pid):
        try:
            status = Path(f"/proc/{p}/status").read_text()
            stat = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
        rss += kb / 1024
        threads += next(
            int(line.split()[1]) for line in status.splitlines() if line.startswith("Threads")
        )
        cpu += (int(stat[11]) + int(stat[12])) / tick
        if p != pid:
            workers.append(round(kb / 1024, 1))
    return {"rss_mb": round(rss, 1), "cpu_s": cpu, "workers_rss_mb": workers, "threads": threads}


def client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def lag_monitor(samples: list[float], stop: asyncio.Event) -> None:
    """How late this client's event loop wakes up (its own saturation)."""
    while not stop.is_set():
        before = time.perf_counter()
        await asyncio.sleep(0.01)
        samples.append(time.perf_counter() - before - 0.01)


def quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def main(config: dict) -> dict:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    port, conference = config["port"], config["conference"]
    n, events, rate = config["listeners"], config["events"], config["rate"]
    live_path = f"/conferences/{conference}/live"
    emit_path = f"/bench/live/{conference}/emit"
    tokens = config["tokens"]
    listeners = [Listener(i, tokens[i % len(tokens)]) for i in range(n)]
    gate = asyncio.Semaphore(CONNECT_PARALLEL)
    lags: list[float] = []
    stop = asyncio.Event()
    monitor = asyncio.create_task(lag_monitor(lags, stop))

    # 1. connect everyone
    usage_idle = server_usage(config["server_pid"])
    began = time.perf_counter()
    readies = []
    for listener in listeners:
        ready = asyncio.Event()
        readies.append(ready)
        listener.task = asyncio.create_task(listen(listener, port, live_path, gate, ready))
    deadline = time.perf_counter() + config["connect_timeout"]
    while time.perf_counter() < deadline:
        if all(r.is_set() or lst.error for r, lst in zip(readies, listeners, strict=True)):
            break
        await asyncio.sleep(0.05)
    connect_wall = time.perf_counter() - began
    connected = sum(r.is_set() for r in readies)
    connect_errors = [lst.error for lst in listeners if lst.error]
    await asyncio.sleep(1)
    usage_connected = server_usage(config["server_pid"])

    # 2. post events at a fixed rate; drop and reconnect some listeners mid-run
    rng = random.Random(4)
    dropped = rng.sample(listeners, int(n * config["drop"])) if connected == n else []
    drop_at = events // 2 - 2
    reconnect_at = drop_at + int(config["gap"] * rate)
    posts: dict[int, asyncio.Task] = {}
    sent: dict[int, float] = {}
    cpu_before, client_before = usage_connected["cpu_s"], client_cpu()
    t_start = time.perf_counter()
    post_began = time.time()
    for seq in range(events):
        await asyncio.sleep(max(0.0, t_start + seq / rate - time.perf_counter()))
        if seq == drop_at:
            for listener in dropped:
                listener.task.cancel()
                listener.writer.close()
                listener.dropped_at = time.time()
        if seq == reconnect_at:
            for listener in dropped:
                listener.reconnect_sent = time.time()
                listener.task = asyncio.create_task(
                    listen(listener, port, live_path, gate, asyncio.Event())
                )
        ts = time.time()
        sent[seq] = ts
        body = {"kind": "question" if seq % 3 == 0 else "vote", "seq": seq, "ts": ts}
        posts[seq] = asyncio.create_task(post(port, emit_path, body))
    answers = {seq: await task for seq, task in posts.items()}
    # The server's number for each event (its public position), for the record only.
    event_ids = {seq: a["event"] for seq, a in answers.items() if "event" in a}
    post_errors = [a["error"] for a in answers.values() if "error" in a]
    expected = set(event_ids)  # the seqs posted and answered 201

    # 3. wait until everyone has everything (or the timeout)
    deadline = time.perf_counter() + config["drain_timeout"]
    while time.perf_counter() < deadline:
        if all(expected <= lst.seen for lst in listeners):
            break
        await asyncio.sleep(0.2)
    post_wall = time.time() - post_began
    usage_end = server_usage(config["server_pid"])
    client_used = client_cpu() - client_before
    stop.set()
    await monitor
    for listener in listeners:
        listener.task.cancel()
        if listener.writer is not None:
            listener.writer.close()
    await asyncio.gather(*(lst.task for lst in listeners), return_exceptions=True)

    # 4. the figures
    latencies: list[float] = []
    steady: list[float] = []  # events sent before the drop: no reconnect under way
    per_event: dict[int, list[float]] = {}
    caught_up: list[float] = []
    missing = duplicates = foreign = corrupt = without_id = 0
    missing_dropped = 0
    per_event_last: dict[int, float] = {}
    for listener in listeners:
        seen: dict[int, Frame] = {}
        for frame in listener.frames:
            if frame.seq is None or frame.seq not in expected:
                foreign += 1
                continue
            if frame.seq in seen:
                duplicates += 1
                continue
            seen[frame.seq] = frame
            without_id += not frame.event_id
            mark = json.loads(frame.data)["bench"].split()
            seq, ts = int(mark[1]), float(mark[2])
            if seq != frame.seq or abs(ts - sent[seq]) > 1e-5:
                corrupt += 1  # the data is not what was posted for this event
            latency = frame.arrived - ts
            if listener.dropped_at and ts < listener.reconnect_sent <= frame.arrived:
                caught_up.append(frame.arrived - listener.reconnect_sent)
            else:
                latencies.append(latency)
                per_event.setdefault(seq, []).append(latency)
                if seq < drop_at:
                    steady.append(latency)
                per_event_last[seq] = max(per_event_last.get(seq, 0.0), latency)
        lost = len(expected - set(seen))
        missing += lost
        if listener.dropped_at:
            missing_dropped += lost
    pairs_missed_while_dropped = sum(
        1
        for listener in dropped
        for seq, ts in sent.items()
        if seq in event_ids and listener.dropped_at <= ts < listener.reconnect_sent
    )
    # Which events went missing, and did a later event reach listeners before them?
    missing_by_event = {
        seq: sum(1 for lst in listeners if seq not in lst.seen) for seq in sorted(expected)
    }
    first_arrival: dict[int, float] = {}
    for listener in listeners:
        for frame in listener.frames:
            if frame.seq is not None and frame.arrived < first_arrival.get(frame.seq, 1e18):
                first_arrival[frame.seq] = frame.arrived
    lost_events = []
    for seq, count in missing_by_event.items():
        if not count:
            continue
        overtaken_by = sorted(
            event_ids[other]
            for other in expected
            if event_ids[other] > event_ids[seq]
            and first_arrival.get(other, 1e18) < answers[seq]["answered"]
        )
        lost_events.append(
            {
                "event": event_ids[seq],
                "seq": seq,
                "missing_at": count,
                "post_answered_after_send_ms": (answers[seq]["answered"] - sent[seq]) * 1000,
                "higher_ids_delivered_before_its_post_answered": overtaken_by,
            }
        )
    connect_times = [lst.connect_seconds[0] for lst in listeners if lst.connect_seconds]
    reconnect_times = [lst.connect_seconds[1] for lst in dropped if len(lst.connect_seconds) > 1]
    return {
        "listeners": n,
        "connected": connected,
        "connect_wall_s": connect_wall,
        "connect_p50_s": quantile(connect_times, 0.5),
        "connect_p99_s": quantile(connect_times, 0.99),
        "connect_errors": connect_errors[:5],
        "connect_error_count": len(connect_errors),
        "events_posted": len(event_ids),
        "post_errors": post_errors[:5],
        "post_server_ms_p50": statistics.median(
            a["server_ms"] for a in answers.values() if "event" in a
        )
        if event_ids
        else None,
        "expected_pairs": len(expected) * n,
        "delivered_pairs": len(expected) * n - missing,
        "missing": missing,
        "lost_events": lost_events,
        "event_ids_in_send_order": [event_ids.get(seq) for seq in sorted(sent)],
        "post_ms": [
            round((answers[seq]["answered"] - sent[seq]) * 1000) for seq in sorted(answers)
        ],
        "duplicates": duplicates,
        "foreign": foreign,
        "corrupt": corrupt,
        "frames_without_id": without_id,
        "last_event_ids": sorted({lst.last_id for lst in listeners})[:5],
        "listener_errors": sorted({lst.error for lst in listeners if lst.error})[:5],
        "listener_error_count": sum(1 for lst in listeners if lst.error),
        "latency": {
            "count": len(latencies),
            "p50": quantile(latencies, 0.5),
            "p95": quantile(latencies, 0.95),
            "p99": quantile(latencies, 0.99),
            "max": max(latencies, default=float("nan")),
            "mean": statistics.fmean(latencies) if latencies else float("nan"),
        },
        "latency_before_drop": {
            "count": len(steady),
            "p50": quantile(steady, 0.5),
            "p95": quantile(steady, 0.95),
            "p99": quantile(steady, 0.99),
            "max": max(steady, default=float("nan")),
        },
        "per_event_ms": [
            [seq, round(quantile(v, 0.5) * 1000), round(quantile(v, 0.99) * 1000)]
            for seq, v in sorted(per_event.items())
        ],
        "drop_at": drop_at,
        "reconnect_at": reconnect_at,
        "last_listener_per_event": {
            "p50": quantile(list(per_event_last.values()), 0.5),
            "max": max(per_event_last.values(), default=float("nan")),
        },
        "reconnect": {
            "dropped": len(dropped),
            "gap_events": reconnect_at - drop_at,
            "pairs_missed_while_dropped": pairs_missed_while_dropped,
            "caught_up_pairs": len(caught_up),
            "caught_up_after_p50": quantile(caught_up, 0.5),
            "caught_up_after_max": max(caught_up, default=float("nan")),
            "reconnect_p50_s": quantile(reconnect_times, 0.5),
            "reconnect_max_s": max(reconnect_times, default=float("nan")),
            "missing_after_reconnect": missing_dropped,
        },
        "server_rss_connected_mb": usage_connected["rss_mb"],
        "server_workers_rss_connected_mb": usage_connected["workers_rss_mb"],
        "server_rss_end_mb": usage_end["rss_mb"],
        "server_threads_connected": usage_connected["threads"],
        "server_cpu_s_connecting": usage_connected["cpu_s"] - usage_idle["cpu_s"],
        "server_cpu_s_while_posting": usage_end["cpu_s"] - cpu_before,
        "client_cpu_s_while_posting": client_used,
        "posting_wall_s": post_wall,
        "client_loop_lag_p99_ms": quantile(lags, 0.99) * 1000,
        "client_loop_lag_max_ms": max(lags, default=0.0) * 1000,
        "streams_ended_by_server": sum(lst.ended for lst in listeners),
        "load_average": os.getloadavg(),
    }


if __name__ == "__main__":
    config = json.loads(Path(sys.argv[1]).read_text())
    result = asyncio.run(main(config))
    Path(sys.argv[2]).write_text(json.dumps(result, indent=1))
