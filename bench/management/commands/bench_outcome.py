import json

from django.core.management.base import BaseCommand

from bench.prepare import contention_outcome


class Command(BaseCommand):
    help = "What the allocation race left in a fair's space, as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--fair", type=int, required=True)

    def handle(self, *args, fair: int, **options):
        self.stdout.write(json.dumps(contention_outcome(fair_id=fair)))
