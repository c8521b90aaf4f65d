"""Recompute draws of lots from their published seed and entrants, as anyone could.

    manage.py verify_draw            every draw made
    manage.py verify_draw 12 14      these draws

Exits with status 1 if any draw is not reproduced exactly.
"""

from django.core.management.base import BaseCommand, CommandError

from stalls.models import Draw
from stalls.services import draw_verify


class Command(BaseCommand):
    help = "Recompute draws of lots from their seed and entrants; fail if any differs."

    def add_arguments(self, parser):
        parser.add_argument("draw_ids", nargs="*", type=int, help="Draws to check (default: all).")

    def handle(self, *args, draw_ids, **options):
        draws = Draw.objects.exclude(seed="").select_related("space__fair").order_by("pk")
        if draw_ids:
            draws = Draw.objects.filter(pk__in=draw_ids).select_related("space__fair")
            missing = set(draw_ids) - set(draws.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No draw {', '.join(map(str, sorted(missing)))}.")
        failed = 0
        for draw in draws:
            problems = draw_verify(draw)
            label = f"Draw {draw.pk} ({draw.space.fair.name_en} · {draw.space.name_en})"
            if problems:
                failed += 1
                self.stdout.write(self.style.ERROR(f"{label}: NOT reproduced"))
                for problem in problems:
                    self.stdout.write(f"  - {problem}")
            else:
                count = draw.entrants.count()
                self.stdout.write(
                    self.style.SUCCESS(f"{label}: reproduced ({count} entrants, seed matches)")
                )
        if failed:
            raise CommandError(f"{failed} draw(s) not reproduced.")
