import json
from pathlib import Path

from django.core.management.base import BaseCommand

from bench.measure import import_times


class Command(BaseCommand):
    help = (
        "Time the sales import of a spreadsheet (read, check every row, save; rolled back) "
        "against openpyxl's bare read of the same file; prints JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fair", type=int, required=True)
        parser.add_argument("--file", type=Path, required=True)
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, fair: int, file: Path, runs: int, **options):
        self.stdout.write(json.dumps(import_times(fair_id=fair, path=file, runs=runs)))
