import json
from pathlib import Path

from django.core.management.base import BaseCommand

from bench.prepare import IMPORT_STALLS, bench_prepare


class Command(BaseCommand):
    help = "Set up the benchmark's accounts and fairs in this database; prints them as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--media", type=Path, required=True)
        parser.add_argument("--import-stalls", type=int, default=IMPORT_STALLS)

    def handle(self, *args, media: Path, import_stalls: int, **options):
        self.stdout.write(json.dumps(bench_prepare(media=media, import_stalls=import_stalls)))
