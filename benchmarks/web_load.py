"""Load on ``kbo-docs serve``: N concurrent clients x M mixed requests on loopback.

    .venv/bin/python benchmarks/web_load.py              # 20 clients x 50 requests
    .venv/bin/python benchmarks/web_load.py --clients 5 --requests 10

Starts a real server (uvicorn, one process) on a free port with a fresh data folder, then each
client sends its requests one after another, mixing ``/api/check`` of a sample data file,
``/api/lint`` of a sample document and ``/api/render?format=pdf`` of one letter. Bounded: every
request has a timeout and the run a deadline. Prints p50/p95/max latency per kind, and fails
(exit 1) on any error or lost answer.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.web.browser import running_server  # noqa: E402

SAMPLE = (ROOT / "samples" / "lampang-kbo-2568.yaml").read_bytes()
ONE_LETTER = (ROOT / "tests" / "web" / "lampang-one-letter.yaml").read_bytes()
"""The sample's circular as one letter: the sample itself binds it to 13 districts (issue 15),
and its render is then a ZIP of 13 letters, not the one-letter PDF the aim is about."""
DOCUMENT = (ROOT / "tests" / "lint" / "fixtures" / "originals" / "lampang-kbo-2568-circular.txt").read_bytes()
MIX = ["check"] * 5 + ["lint"] * 3 + ["render"] * 2
"""Half checks (the clerk typing), three in ten documents checked, two in ten letters rendered."""


def varied(n: int, sample: bytes = SAMPLE) -> bytes:
    """The sample with a subject of its own, so that no cache anywhere can answer for it."""
    return sample.replace(b"subject: ", f"subject: ({n}) ".encode(), 1)


def one(client: httpx.Client, kind: str, n: int = 0) -> int:
    if kind == "check":
        r = client.post("/api/check", content=varied(n), headers={"content-type": "application/yaml"})
    elif kind == "lint":
        r = client.post("/api/lint", files={"file": ("circular.txt", DOCUMENT)})
    else:
        r = client.post("/api/render?format=pdf&only=kbo68-districts", content=varied(n, ONE_LETTER),
                        headers={"content-type": "application/yaml"})
        if r.status_code == 200 and not r.content.startswith(b"%PDF"):  # e.g. a ZIP of many letters
            return -1
    return r.status_code


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=120.0, help="Seconds per request.")
    parser.add_argument("--deadline", type=float, default=1800.0, help="Seconds for the whole run.")
    args = parser.parse_args()
    times: dict[str, list[float]] = {"check": [], "lint": [], "render": []}
    errors: list[str] = []
    lock = threading.Lock()
    with tempfile.TemporaryDirectory() as folder, running_server(Path(folder) / "data") as url:
        with httpx.Client(base_url=url, timeout=args.timeout) as warm:  # first render starts the workers
            for kind in times:
                one(warm, kind)
        stop = time.monotonic() + args.deadline

        def client(seed: int) -> None:
            rng = random.Random(seed)
            with httpx.Client(base_url=url, timeout=args.timeout) as c:
                for _ in range(args.requests):
                    if time.monotonic() > stop:
                        with lock:
                            errors.append("deadline")
                        return
                    kind = rng.choice(MIX)
                    start = time.perf_counter()
                    try:
                        status = one(c, kind, rng.randrange(10**9))
                    except httpx.HTTPError as exc:
                        status, detail = 0, repr(exc)
                    else:
                        detail = str(status)
                    elapsed = time.perf_counter() - start
                    with lock:
                        if status == 200:
                            times[kind].append(elapsed)
                        else:
                            errors.append(f"{kind}: {detail}")

        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
    answered = sum(len(v) for v in times.values())
    load = os.getloadavg()
    print(f"{os.cpu_count()} CPUs; load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} "
          "(1/5/15 min; anything above the CPU count is other work on the machine)")
    print(f"{args.clients} clients x {args.requests} requests: {answered} answered 200, {len(errors)} errors, "
          f"{wall:.1f} s, {answered / wall:.1f} requests/s")
    print("| kind | n | p50 ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    for kind, values in times.items():
        if values:
            values.sort()
            p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
            print(f"| {kind} | {len(values)} | {statistics.median(values) * 1000:.0f} | {p95 * 1000:.0f} | "
                  f"{values[-1] * 1000:.0f} |")
    for e in errors[:10]:
        print("error:", e)
    lost = args.clients * args.requests - answered - len(errors)
    return 1 if errors or lost else 0


if __name__ == "__main__":
    sys.exit(main())
