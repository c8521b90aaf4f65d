"""The HTTP client of `make bench`: one request with its time and query count, the counted and
timed rounds, and the allocation race of many clients at once."""

import http.client
import json
import random
import threading
import time
from dataclasses import dataclass


@dataclass
class Answer:
    status: int
    seconds: float
    queries: int
    body: bytes


def request(
    port: int, path: str, *, cookie=None, token=None, method="GET", payload=None, fresh=False
):
    headers = {"Host": "127.0.0.1", "Accept-Language": "en", "Accept": "text/html,*/*"}
    if fresh:
        headers["Cache-Control"] = "no-cache"  # core/fragments.py: render, do not read
    if path.startswith(("/api/", "/__bench__/bare-list/")):
        headers["Accept"] = "application/json"  # what API clients ask for
    if cookie:
        headers["Cookie"] = f"sessionid={cookie}"
    if token:
        headers["Authorization"] = f"Token {token}"
    body = None
    if payload is not None:
        body = json.dumps(payload).encode()
        headers["Content-Type"] = "application/json"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        seconds = time.perf_counter() - started
    finally:
        connection.close()
    return Answer(response.status, seconds, int(response.getheader("X-Bench-Queries", "-1")), data)


def fetch_all(port, items, ids, label, *, record_time: bool, fresh=False) -> None:
    """Every figure once; ``fresh`` (the counted round) renders every page without its
    cached fragment, so the counted queries are those of the whole computation."""
    for figure in items:
        answer = request(
            port,
            figure.url(ids),
            cookie=ids["sessions"][figure.role],
            fresh=fresh or figure.fresh,
        )
        if answer.status != 200:
            raise SystemExit(
                f"{figure.name}: {figure.url(ids)} answered {answer.status}\n{answer.body[:800]!r}"
            )
        if record_time:
            figure.times.append(answer.seconds)
        else:
            figure.queries[label] = answer.queries


def timed_rounds(port, items, ids, rounds: int, label: str) -> None:
    """Every figure and floor once per round, in a new random order each round."""
    for number in range(rounds):
        order = list(items)
        random.Random(number).shuffle(order)  # noqa: S311 (an order, not a secret)
        fetch_all(port, order, ids, label, record_time=True)


def contention(port, ids, clients: int) -> dict:
    """``clients`` threads allocate at once in one fair: each takes its share of the approved
    nominations and asks for a random stall for each (409 when another was faster)."""
    race = ids["contention"]
    shares = [race["nominations"][k::clients] for k in range(clients)]
    barrier = threading.Barrier(clients)
    results, lock = [], threading.Lock()

    def client(number: int) -> None:
        rng = random.Random(number)  # noqa: S311 (a choice of stall, not a secret)
        barrier.wait()
        for nomination in shares[number]:
            stall = rng.choice(race["stalls"])
            answer = request(
                port,
                "/api/v1/allocations/",
                token=ids["token"],
                method="POST",
                payload={"nomination": nomination, "stall": stall},
            )
            code = ""
            if answer.status != 201:
                error = json.loads(answer.body or b"{}").get("error", {})
                code = error.get("code", str(answer.status))
            with lock:
                results.append((answer.status, answer.seconds, code, stall, time.perf_counter()))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = max(r[4] for r in results) - started
    latencies = sorted(r[1] for r in results)
    won = [r for r in results if r[0] == 201]
    codes: dict[str, int] = {}
    for r in results:
        if r[0] != 201:
            codes[r[2]] = codes.get(r[2], 0) + 1
    unexpected = sum(n for code, n in codes.items() if code not in ("stall_taken", "busy"))
    return {
        "clients": clients,
        "requests": len(results),
        "allocated": len(won),
        "refused": codes,
        "unexpected": unexpected,
        "won_stalls_distinct": len({r[3] for r in won}) == len(won),
        "seconds": wall,
        "throughput": len(results) / wall,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "max": latencies[-1],
    }


def percentile(values: list, pct: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]
