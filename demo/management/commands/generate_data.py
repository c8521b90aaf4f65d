import time

from django.core.management.base import BaseCommand, CommandError

from demo.synthetic import data_generate
from districts.models import District


class Command(BaseCommand):
    help = (
        "Write a synthetic data set for benchmarks: scale 1 is ten years (500 fairs, 100,000 "
        "exhibitors, 60,000 allocations, 300,000 daily sales…). Deterministic for a seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=2027)

    def handle(self, *args, scale: float, seed: int, **options):
        if scale <= 0:
            raise CommandError("--scale must be more than zero.")
        if not District.objects.exists():
            raise CommandError("Load the master data first: manage.py load_master_data")
        started = time.monotonic()
        made = data_generate(scale=scale, seed=seed)
        for label, count in sorted(made.items()):
            self.stdout.write(f"{label:<28} {count:>9,}")
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")
