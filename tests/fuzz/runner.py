"""Fuzz a running portal's API with schemathesis, once per persona (tests/fuzz/README.md).

For each persona it takes an API token (POST /api/v1/auth/token/), runs ``st run`` against
/api/schema/ with tests/fuzz/schemathesis.toml for a fixed time, seeded, then lists each
failure with the request that triggers it and, for a server error, the last frames of the
traceback that the server logged under the answer's X-Request-ID. Exits 1 on any failure.
Standard library only, apart from the ``st`` command of the virtualenv.
"""

import argparse
import base64
import json
import os
import random
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).resolve().parent / "schemathesis.toml"
ST = ROOT / ".venv" / "bin" / "st"
PERSONAS = ["cell.officer", "lucknow.staff"]
# The demo logins' password (demo/management/commands/load_demo_data.py).
DEMO_PASSWORD = "odop-demo-2027"
# How long past its time budget schemathesis may take to finish the test case in hand and
# write its report before `timeout` stops it.
GRACE_SECONDS = 60
FRAMES = 12  # traceback lines shown per server error


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument(
        "--seconds",
        type=int,
        default=int(os.environ.get("FUZZ_SECONDS", "150")),
        help="time budget per persona (FUZZ_SECONDS, default 150)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=int(os.environ["FUZZ_SEED"]) if os.environ.get("FUZZ_SEED") else None,
        help="random seed (FUZZ_SEED; default: a new one, printed)",
    )
    parser.add_argument(
        "--persona",
        action="append",
        help=f"user name to fuzz as, repeatable (default: {' and '.join(PERSONAS)})",
    )
    parser.add_argument(
        "--password", default=os.environ.get("FUZZ_PASSWORD", DEMO_PASSWORD), help="their password"
    )
    parser.add_argument(
        "--server-log",
        type=Path,
        default=Path(os.environ["FUZZ_SERVER_LOG"]) if os.environ.get("FUZZ_SERVER_LOG") else None,
        help="the server's log (JSON lines), to show the traceback of each server error",
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "var" / "fuzz", help="reports (default var/fuzz/)"
    )
    parser.epilog = "Options after -- go to `st run` as they are (--mode positive, …)."
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    args.st_args = argv[split + 1 :]
    args.base_url = args.base_url.rstrip("/")
    args.persona = args.persona or PERSONAS
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(2**31)
    return args


def request(method, url, *, token=None, payload=None):
    """(status, parsed JSON body or None) of one call to the API."""
    headers = {"Accept": "application/json"}
    data = None
    if payload is not None:
        data = json.dumps(payload).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Token {token}"
    call = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310
    try:
        with urllib.request.urlopen(call, timeout=30) as response:  # noqa: S310 (http only)
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    try:
        return status, json.loads(body) if body else None
    except ValueError:
        return status, None


def wait_for_schema(base_url, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            status, _ = request("GET", f"{base_url}/api/schema/?format=json")
            if status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            sys.exit(f"fuzz: no schema at {base_url}/api/schema/ after {seconds}s")
        time.sleep(1)


def take_token(base_url, username, password, seed):
    status, body = request(
        "POST",
        f"{base_url}/api/v1/auth/token/",
        payload={"username": username, "password": password, "name": f"fuzz run, seed {seed}"},
    )
    if status != 201:
        sys.exit(f"fuzz: POST /api/v1/auth/token/ as {username} answered {status}: {body}")
    return body["token"]


def st_command(args, token, ndjson):
    return [
        str(ST),
        "--config-file",
        str(CONFIG),
        "run",
        f"{args.base_url}/api/schema/",
        "--url",
        args.base_url,
        "--header",
        f"Authorization: Token {token}",
        "--seed",
        str(args.seed),
        "--max-time",
        str(args.seconds),
        "--request-timeout",
        "30",
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(ndjson),
        "--no-color",
        *args.st_args,
    ]


def run_persona(args, persona, token):
    """Run schemathesis as ``persona``; (exit code, seconds taken, failures)."""
    ndjson = args.out / f"{persona}.ndjson"
    ndjson.unlink(missing_ok=True)
    command = st_command(args, token, ndjson)
    shown = [part.replace(token, "$TOKEN") for part in command]
    print(f"\n==== fuzz as {persona}: {args.seconds}s, seed {args.seed}", flush=True)
    print("$ " + shlex.join(shown), flush=True)
    hard_limit = args.seconds + GRACE_SECONDS
    started = time.monotonic()
    # cwd var/fuzz/: schemathesis and hypothesis keep their working files under it.
    code = subprocess.call(["timeout", "--kill-after=10", str(hard_limit), *command], cwd=args.out)
    taken = time.monotonic() - started
    if code in (124, 137):
        print(f"fuzz: schemathesis overran its {hard_limit}s hard limit and was stopped")
    failures = read_failures(ndjson) if ndjson.exists() else []
    return code, taken, failures


def read_failures(ndjson):
    """Failed checks in the NDJSON report: one entry per (operation, check, message)."""
    found = {}
    with ndjson.open(encoding="utf-8") as events:
        for line in events:
            if '"failure"' not in line:
                continue
            finished = json.loads(line).get("ScenarioFinished")
            recorder = (finished or {}).get("recorder") or {}
            for case_id, checks in (recorder.get("checks") or {}).items():
                for check in checks:
                    if check.get("status") != "failure":
                        continue
                    failure = check["failure_info"]["failure"]
                    case = recorder["cases"][case_id]["value"]
                    operation = f"{case['method']} {case['path']}"
                    key = (operation, failure["title"], _gist(failure["message"]))
                    if key not in found:
                        found[key] = {
                            "operation": operation,
                            "check": check["name"],
                            "code": failure["code"],
                            "title": failure["title"],
                            "message": failure["message"],
                            "interaction": recorder["interactions"].get(case_id),
                        }
    return list(found.values())


def _gist(message):
    """What tells two failures of a check apart: the schema location of a body that does
    not conform (whatever the value), else the message's first line."""
    lines = message.splitlines()
    located = [line for line in lines if line.startswith("Schema at ")]
    return located[0] if located else (lines[0] if lines else "")


def _summary(message):
    """The message without the schema excerpts: its unindented lines and the value."""
    lines = message.splitlines()
    shown = [line for line in lines if line.strip() and not line.startswith(" ")]
    if "Value:" in shown:
        after = lines.index("Value:") + 1
        value = next((line.strip() for line in lines[after:] if line.strip()), "")
        shown[shown.index("Value:")] = f"Value: {value[:300]}"
    return shown[:6]


def curl(interaction):
    """The request as a curl command, with the token left to the reader."""
    sent = interaction["request"]
    parts = ["curl", "-X", sent["method"]]
    for name, values in sent.get("headers", {}).items():
        for value in values:
            if name.lower() == "authorization":
                value = "Token $TOKEN"
            elif value == "[Filtered]":
                continue  # a generated session cookie: not needed to reproduce
            parts += ["-H", f"{name}: {value}"]
    body = sent.get("body")
    if body:
        raw = base64.b64decode(body["$base64"]) if "$base64" in body else str(body).encode()
        text = raw.decode("utf-8", errors="backslashreplace")
        parts += ["--data-binary", text if len(text) <= 2000 else text[:2000] + "…"]
    parts.append(sent["uri"])
    return shlex.join(parts).replace(
        "'Authorization: Token $TOKEN'", '"Authorization: Token $TOKEN"'
    )


def request_id(interaction):
    headers = (interaction or {}).get("response", {}).get("headers", {})
    values = headers.get("x-request-id") or headers.get("X-Request-ID") or []
    return values[0] if values else None


def server_tracebacks(log_path):
    """request id → the traceback the server logged for it (JSON log lines with ``exc``)."""
    found = {}
    if not log_path or not log_path.exists():
        return found
    with log_path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if '"exc"' not in line:
                continue
            try:
                entry = json.loads(line[line.index("{") :])
            except ValueError:
                continue
            if entry.get("request_id") and entry.get("exc"):
                found[entry["request_id"]] = entry["exc"]
    return found


def report(persona, failures, tracebacks):
    by_operation = defaultdict(list)
    for failure in failures:
        by_operation[failure["operation"]].append(failure)
    print(f"\n---- {len(failures)} failure(s) as {persona}")
    for operation in sorted(by_operation):
        print(f"\n{operation}")
        for failure in by_operation[operation]:
            interaction = failure["interaction"] or {}
            status = interaction.get("response", {}).get("status_code")
            print(f"  [{failure['code']}] {failure['title']} ({failure['check']}), got {status}")
            for line in _summary(failure["message"]):
                print(f"      {line}")
            if interaction:
                print(f"    reproduce: {curl(interaction)}")
            rid = request_id(interaction)
            if rid and rid in tracebacks:
                print(f"    server traceback (request {rid}), last frames:")
                for line in tracebacks[rid].splitlines()[-FRAMES:]:
                    print(f"      {line}")


def report_kinds(results):
    """Each kind of failure once, with the operations and personas it was seen for."""
    kinds = defaultdict(set)
    for persona, _code, _taken, failures in results:
        for failure in failures:
            status = (failure["interaction"] or {}).get("response", {}).get("status_code")
            kind = (failure["code"], failure["title"], status, _gist(failure["message"]))
            kinds[kind].add((failure["operation"], persona))
    if not kinds:
        return
    print("\n==== failures by kind")
    for (code, title, status, gist), seen in sorted(kinds.items(), key=lambda k: str(k[0])):
        operations = sorted({operation for operation, _ in seen})
        personas = ", ".join(sorted({persona for _, persona in seen}))
        print(f"  [{code}] {title}, got {status}: {gist}")
        print(f"      {len(operations)} operation(s), as {personas}: {', '.join(operations[:6])}")
        if len(operations) > 6:
            print(f"      … and {len(operations) - 6} more")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    args.out.mkdir(parents=True, exist_ok=True)
    wait_for_schema(args.base_url)
    # Every token first: failed sign-ins during a run must not keep the next persona out.
    tokens = {p: take_token(args.base_url, p, args.password, args.seed) for p in args.persona}
    results = []
    for persona in args.persona:
        code, taken, failures = run_persona(args, persona, tokens[persona])
        report(persona, failures, server_tracebacks(args.server_log))
        request("DELETE", f"{args.base_url}/api/v1/auth/token/", token=tokens[persona])
        results.append((persona, code, taken, failures))
    report_kinds(results)
    print(f"\n==== fuzz summary (seed {args.seed}, {args.seconds}s per persona)")
    for persona, code, taken, failures in results:
        verdict = "ok" if code == 0 else f"FAILED (schemathesis exit {code})"
        print(f"  {persona:<20} {taken:6.0f}s  {len(failures):3} failure(s)  {verdict}")
    personas = " ".join(f"--persona {shlex.quote(p)}" for p in args.persona)
    extra = f" -- {shlex.join(args.st_args)}" if args.st_args else ""
    print(
        "Reproduce: tests/fuzz/run "
        f"{args.base_url} --seed {args.seed} --seconds {args.seconds} {personas}{extra}"
    )
    return 0 if all(code == 0 for _, code, _, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
