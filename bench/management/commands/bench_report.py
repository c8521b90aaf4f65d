import json
from pathlib import Path

from django.core.management.base import BaseCommand

from bench.measure import report_memory, report_times


class Command(BaseCommand):
    help = (
        "Time the status-report task against WeasyPrint's bare render of the same HTML "
        "(--runs), or measure one process's peak memory (--memory task|bare); prints JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--meeting", type=int, required=True)
        parser.add_argument("--language", default="hi", choices=["en", "hi"])
        parser.add_argument("--html", type=Path, required=True)
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument("--memory", choices=["task", "bare"])

    def handle(self, *args, meeting, language, html, runs, memory, **options):
        if memory:
            result = report_memory(meeting_id=meeting, language=language, html=html, what=memory)
        else:
            result = report_times(meeting_id=meeting, language=language, html=html, runs=runs)
        self.stdout.write(json.dumps(result))
