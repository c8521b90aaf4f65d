"""bench/RESULTS.md from one run's figures: every figure with its floor, ratio and target."""

import datetime
from pathlib import Path

# Session, user and everything a page shows; the PS dashboard needs all 13 since it shows
# the MDA claims at each step next to fairs, sales, MoUs, action points and the report.
# 14: the fair page adds its day-wise sales (one grouped query) to the 13 of the dashboard.
QUERY_LIMIT = 14
REPORT_RATIO, REPORT_PER_PAGE, REPORT_MB = 1.1, 0.25, 300
IMPORT_RATIO = 2.5
P95_LIMIT = 0.150
ANALYSIS = Path(__file__).with_name("ANALYSIS.md")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def spread(summary: dict) -> str:
    return f"{ms(summary['median'])} ({ms(summary['min'])}–{ms(summary['max'])})"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _queries_ok(queries: dict) -> bool:
    values = list(queries.values())
    return bool(values) and max(values) <= QUERY_LIMIT and len(set(values)) == 1


def write_results(outcome: dict, args) -> tuple[str, list[str]]:
    misses: list[str] = []
    labels = [size["label"] for size in outcome["sizes"]]
    figures = outcome["figures"]
    floors = {f["name"]: f for f in figures if f["group"] == "Floors"}
    now = datetime.datetime.fromisoformat(outcome["started"])
    ist = now.astimezone(datetime.timezone(datetime.timedelta(hours=5, minutes=30)))
    m = outcome["machine"]
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`python -m bench.run`); do not edit by hand. How the figures",
        "are taken, and what a miss means, is in bench/README.md; the analysis of each miss is",
        "at the end (from bench/ANALYSIS.md).",
        "",
        f"- **Date:** {ist:%d %b %Y, %H:%M} IST ({now:%Y-%m-%d %H:%M} UTC); the run took "
        f"{outcome['seconds']:.0f} s.",
        f"- **Machine:** {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['system']}.",
        f"- **Software:** Python {m['python']}, Django {m['django']}, PostgreSQL "
        f"{m['postgresql']}, gunicorn {m['gunicorn']} (the shipped configuration: "
        f"{m.get('gunicorn_workers', '?')} sync workers × {m.get('gunicorn_threads', '?')} "
        f"thread, persistent database connections), WeasyPrint {m['weasyprint']}, Redis as "
        "cache and broker.",
        f"- **Method:** {args.rounds} timed rounds after a warm-up; in each round every URL "
        "(figures and floors) is requested once, in a new random order, over HTTP by one client. "
        "Times are medians with the range (min–max) in ms; a ratio is the median of the "
        "figure over the median of its floor.",
        "",
        "## Data sizes",
        "",
        "| rows | " + " | ".join(labels) + " |",
        "|---|" + "---:|" * len(labels),
    ]
    for key in outcome["sizes"][0]["rows"]:
        counts = " | ".join(f"{size['rows'][key]:,}" for size in outcome["sizes"])
        lines.append(f"| {key} | {counts} |")
    lines += [
        "",
        f"The fair page is the largest past fair's ({outcome['ids']['fair_stalls']} places); "
        f"the stall board the trade show's ({outcome['ids'].get('board_stalls', '—')} "
        "stalls, every one allocated; live).",
        "",
        "## Floors",
        "",
        "| floor | median ms (range) |",
        "|---|---:|",
    ]
    for name, floor in floors.items():
        lines.append(f"| {name} | {spread(floor['summary'])} |")

    groups: dict[str, list] = {}
    for figure in figures:
        if figure["group"] != "Floors":
            groups.setdefault(figure["group"], []).append(figure)
    for group, members in groups.items():
        lines += [
            "",
            f"## {group}",
            "",
            "| figure | median ms (range) | floor | ratio | target | queries | verdict |",
            "|---|---:|---|---:|---:|---:|---|",
        ]
        for figure in members:
            floor = floors[figure["floor"]]
            ratio = figure["summary"]["median"] / floor["summary"]["median"]
            target = figure["target"]
            queries = figure["queries"][labels[-1]]
            ok = (target is None or ratio <= target) and _queries_ok(figure["queries"])
            if target is not None and ratio > target:
                misses.append(f"{figure['name']}: {ratio:.1f}× (target ≤ {target:g}×)")
            lines.append(
                f"| {figure['name']} | {spread(figure['summary'])} | {figure['floor']} | "
                f"{ratio:.1f}× | {f'≤ {target:g}×' if target else '—'} | {queries} | "
                f"{verdict(ok)} |"
            )

    lines += [
        "",
        "## Queries per request at each data size",
        "",
        f"Every page and list must make a constant number of queries, at most {QUERY_LIMIT} "
        "(session, user and everything the page shows). Counted by the server for the whole "
        "request, rendered fresh (sent with `Cache-Control: no-cache`, so no cached fragment "
        "stands in for the computation).",
        "",
        "| URL | " + " | ".join(labels) + f" | constant, ≤ {QUERY_LIMIT} |",
        "|---|" + "---:|" * len(labels) + "---|",
    ]
    for figure in figures:
        counts = " | ".join(str(figure["queries"].get(label, "")) for label in labels)
        ok = _queries_ok(figure["queries"])
        if not ok:
            misses.append(f"{figure['name']}: queries {figure['queries']}")
        lines.append(f"| {figure['name']} | {counts} | {verdict(ok)} |")

    lines += _report(outcome["report"], misses)
    lines += _import(outcome["import"], misses)
    lines += _contention(outcome["contention"], misses)
    lines += ["", "## Targets missed", ""]
    lines += [f"- {miss}" for miss in misses] or ["None."]
    if ANALYSIS.exists():
        lines += ["", ANALYSIS.read_text().strip()]
    return "\n".join(lines) + "\n", misses


def _median(values: list) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _range(values: list) -> str:
    return f"{_median(values):.2f} s ({min(values):.2f}–{max(values):.2f})"


def _failed(title: str, data: dict, misses: list) -> list[str]:
    misses.append(f"{title}: not measured ({data['error']})")
    return ["", f"## {title}", "", f"**Not measured:** {data['error']}"]


def _report(report: dict, misses: list) -> list[str]:
    if "error" in report:
        return _failed("Status report (largest meeting)", report, misses)
    task, bare = _median(report["task"]), _median(report["bare"])
    pages = report["pages"]
    ratio, per_page = task / bare, task / pages
    peak = report["memory"]["task"]["peak_mb"]
    if ratio > REPORT_RATIO:
        misses.append(f"Status report: {ratio:.2f}× bare WeasyPrint (target ≤ {REPORT_RATIO}×)")
    if per_page > REPORT_PER_PAGE:
        misses.append(f"Status report: {per_page:.2f} s per page (target ≤ {REPORT_PER_PAGE})")
    if peak > REPORT_MB:
        misses.append(f"Status report: peak {peak:.0f} MB (target ≤ {REPORT_MB} MB)")
    return [
        "",
        "## Status report (largest meeting)",
        "",
        f"The report of the latest meeting in {report['language']}, {pages} pages: the whole "
        "task as the worker runs it (claim the job, read the data, render the template, lay out "
        "and write the PDF, store it, audit) against WeasyPrint's bare render of the same HTML "
        f"(layout and PDF only), alternating, {len(report['task'])} runs each.",
        "",
        "| measure | value | target | verdict |",
        "|---|---:|---:|---|",
        f"| task | {_range(report['task'])} | | |",
        f"| of which building the HTML (queries and template) | {_range(report['html'])} | | |",
        f"| bare WeasyPrint | {_range(report['bare'])} | | |",
        f"| ratio | {ratio:.2f}× | ≤ {REPORT_RATIO}× | {verdict(ratio <= REPORT_RATIO)} |",
        f"| seconds per page | {per_page:.3f} | ≤ {REPORT_PER_PAGE} | "
        f"{verdict(per_page <= REPORT_PER_PAGE)} |",
        f"| peak memory of the task's process | {peak:.0f} MB (at start "
        f"{report['memory']['task']['baseline_mb']:.0f} MB) | ≤ {REPORT_MB} MB | "
        f"{verdict(peak <= REPORT_MB)} |",
        f"| peak memory, bare WeasyPrint process | "
        f"{report['memory']['bare']['peak_mb']:.0f} MB | | |",
    ]


def _import(data: dict, misses: list) -> list[str]:
    if "error" in data:
        return _failed("Spreadsheet import", data, misses)
    times = data["times"]
    bare = _median(times["bare"])
    preview, full = _median(times["preview"]) / bare, _median(times["import"]) / bare
    if full > IMPORT_RATIO:
        misses.append(f"Import: {full:.2f}× the bare read (target ≤ {IMPORT_RATIO}×)")
    return [
        "",
        "## Spreadsheet import",
        "",
        f"The daily-sales upload of a {data['rows']:,}-row XLSX file ({data['errors']} bad rows): "
        "preview = read and check every row; import = read, check every row and save them all "
        "with their audit rows (rolled back after each run); against openpyxl's bare read-only "
        f"read of the same file. {len(times['bare'])} runs each, interleaved.",
        "",
        "| step | time | ratio to bare read | queries | target | verdict |",
        "|---|---:|---:|---:|---:|---|",
        f"| openpyxl bare read | {_range(times['bare'])} | 1.00× | 0 | | |",
        f"| preview | {_range(times['preview'])} | {preview:.2f}× | "
        f"{data['queries']['preview']} | | |",
        f"| import | {_range(times['import'])} | {full:.2f}× | {data['queries']['import']} | "
        f"≤ {IMPORT_RATIO}× | {verdict(full <= IMPORT_RATIO)} |",
    ]


def _contention(race: dict, misses: list) -> list[str]:
    outcome = race["outcome"]
    oversold = (
        max(0, outcome["active_allocations"] - outcome["capacity"])
        + outcome["stalls_with_two"]
        + abs(outcome["active_allocations"] - race["allocated"])
        + abs(outcome["allocated_counter"] - outcome["active_allocations"])
        + (0 if race["won_stalls_distinct"] else 1)
    )
    if race["p95"] > P95_LIMIT:
        misses.append(f"Allocation race: p95 {ms(race['p95'])} ms (target ≤ {ms(P95_LIMIT)} ms)")
    if oversold or race["unexpected"]:
        misses.append(f"Allocation race: {oversold} oversold, {race['unexpected']} unexpected")
    refused = ", ".join(f"{n} {code}" for code, n in sorted(race["refused"].items())) or "none"
    return [
        "",
        "## Allocation under contention",
        "",
        f"{race['clients']} clients at once (API, token), each allocating its share of "
        f"{race['requests']} approved nominations in one fair of {outcome['capacity']} stalls, "
        "asking for a random stall each time.",
        "",
        "| measure | value | target | verdict |",
        "|---|---:|---:|---|",
        f"| requests | {race['requests']} in {race['seconds']:.2f} s | | |",
        f"| throughput | {race['throughput']:.0f} requests/s | | |",
        f"| allocated (201) | {race['allocated']} | | |",
        f"| refused (409) | {refused} | | |",
        f"| latency p50 / max | {ms(race['p50'])} / {ms(race['max'])} ms | | |",
        f"| latency p95 | {ms(race['p95'])} ms | ≤ {ms(P95_LIMIT)} ms | "
        f"{verdict(race['p95'] <= P95_LIMIT)} |",
        f"| oversold (allocations beyond capacity, stalls held twice, counter ≠ rows) | "
        f"{oversold} | 0 | {verdict(oversold == 0)} |",
    ]
