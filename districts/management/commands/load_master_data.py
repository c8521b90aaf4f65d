from pathlib import Path

from django.core.management.base import BaseCommand

from districts.services import HQ_CSV, ODOP_CSV, master_data_load, master_data_read


class Command(BaseCommand):
    help = (
        "Load UP's divisions, districts and ODOP products from the shipped data files. "
        "Creates what is missing and reports what differs; never overwrites the portal's values."
    )

    def add_arguments(self, parser):
        parser.add_argument("--odop-csv", type=Path, default=ODOP_CSV)
        parser.add_argument("--hq-csv", type=Path, default=HQ_CSV)

    def handle(self, *args, odop_csv: Path, hq_csv: Path, **options):
        report = master_data_load(rows=master_data_read(odop_csv, hq_csv))
        created = ", ".join(f"{n} {what}" for what, n in sorted(report.created.items()))
        self.stdout.write(f"Master data: created {created or 'nothing'}.")
        for line in report.differences:
            self.stdout.write(self.style.WARNING(f"Differs: {line}"))
        if report.differences:
            self.stdout.write(
                f"{len(report.differences)} values differ from the file; the portal's were kept."
            )
