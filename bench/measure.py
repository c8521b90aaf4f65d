"""In-process measurements for the figures that are not HTTP requests: the status report
(task against bare WeasyPrint) and the spreadsheet import (against openpyxl's bare read).

Variants alternate within each run so that noise hits them alike; times are wall-clock
seconds from ``time.perf_counter``. Memory is the process's peak resident set (the kernel's
``ru_maxrss``), so each memory figure is taken in a process of its own.
"""

import resource
import time
from pathlib import Path

from django.core.files import File
from django.db import connection, transaction

from accounts.models import User
from core.spreadsheets import read_upload
from events.models import Fair
from reviews.models import Meeting, ReportJob
from reviews.pdf import report_html, static_root
from reviews.tasks import render_status_report
from stalls.sales import sales_upload_check, sales_upload_commit

USER = "bench.officer"


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bare_render(html: str) -> int:
    """WeasyPrint alone: lay out the HTML and write the PDF, nothing else."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=f"{static_root()}/").render()
    document.write_pdf()
    return len(document.pages)


def _report_task(meeting: Meeting, language: str, user: User) -> ReportJob:
    """One run of the report task, as the worker runs it, on a job queued for it."""
    job = ReportJob.objects.create(
        meeting=meeting,
        language=language,
        trigger=ReportJob.Trigger.ON_DEMAND,
        requested_by=user,
    )
    render_status_report(job.pk)
    job.refresh_from_db()
    if job.status != ReportJob.Status.SUCCEEDED:
        raise RuntimeError(f"report job {job.pk} ended {job.status}: {job.error}")
    return job


def report_times(*, meeting_id: int, language: str, html: Path, runs: int) -> dict:
    meeting, user = Meeting.objects.get(pk=meeting_id), User.objects.get(username=USER)
    task, bare, build, pages = [], [], [], 0
    # Warm-up (templates, fonts, connections); its HTML is what the bare render lays out.
    job = _report_task(meeting, language, user)
    html.write_text(_html(meeting, user, language, job.data_cutoff))
    for run in range(runs):
        for variant in ("task", "bare") if run % 2 == 0 else ("bare", "task"):
            if variant == "task":
                started = time.perf_counter()
                job = _report_task(meeting, language, user)
                task.append(time.perf_counter() - started)
                pages = job.pages
                started = time.perf_counter()
                _html(meeting, user, language, job.data_cutoff)
                build.append(time.perf_counter() - started)
            else:
                text = html.read_text()
                started = time.perf_counter()
                _bare_render(text)
                bare.append(time.perf_counter() - started)
    return {"task": task, "bare": bare, "html": build, "pages": pages, "language": language}


def _html(meeting, user, language, cutoff) -> str:
    """The report's HTML alone (its queries and template), as the task builds it."""
    return report_html(meeting=meeting, user=user, language=language, cutoff=cutoff)


def report_memory(*, meeting_id: int, language: str, html: Path, what: str) -> dict:
    """Peak memory of a process that renders the report once (task or bare WeasyPrint)."""
    meeting, user = Meeting.objects.get(pk=meeting_id), User.objects.get(username=USER)
    text = html.read_text() if what == "bare" else ""
    connection.ensure_connection()
    baseline = _rss_mb()
    pages = _report_task(meeting, language, user).pages if what == "task" else _bare_render(text)
    return {"what": what, "pages": pages, "baseline_mb": baseline, "peak_mb": _peak_mb()}


def _bare_read(path: Path) -> int:
    """openpyxl alone: every cell value of the first sheet, read-only."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    return len(rows) - 1


def import_times(*, fair_id: int, path: Path, runs: int) -> dict:
    """Bare read, preview (read and check) and import (read, check, save; rolled back)."""
    fair, user = Fair.objects.get(pk=fair_id), User.objects.get(username=USER)
    times = {"bare": [], "preview": [], "import": []}
    queries, rows, errors = {}, 0, 0
    variants = ["bare", "preview", "import"]
    for run in range(runs + 1):  # run 0 warms up and is not kept
        order = variants[run % 3 :] + variants[: run % 3]
        for variant in order:
            counter = QueryCounter()
            started = time.perf_counter()
            with connection.execute_wrapper(counter):
                if variant == "bare":
                    rows = _bare_read(path)
                elif variant == "preview":
                    with path.open("rb") as handle:
                        checked = sales_upload_check(
                            user=user, fair=fair, sheet=read_upload(File(handle))
                        )
                    errors = len(checked.errors)
                else:
                    with transaction.atomic(), path.open("rb") as handle:
                        saved = sales_upload_commit(
                            user=user, fair=fair, sheet=read_upload(File(handle))
                        )
                        transaction.set_rollback(True)
                    if saved != rows:
                        raise RuntimeError(f"import saved {saved} of {rows} rows")
            elapsed = time.perf_counter() - started
            if run:
                times[variant].append(elapsed)
                queries[variant] = counter.count
    return {"rows": rows, "errors": errors, "times": times, "queries": queries}
