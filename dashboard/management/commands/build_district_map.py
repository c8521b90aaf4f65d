from django.core.management.base import BaseCommand
from django.utils import translation

from dashboard.maps import SPRITE, sprite_svg


class Command(BaseCommand):
    help = "Write static/img/up_districts.svg from districts/data/up_districts.geojson."

    def handle(self, *args, **options):
        with translation.override("en"):
            SPRITE.write_text(sprite_svg(), encoding="utf-8")
        self.stdout.write(f"Wrote {SPRITE} ({SPRITE.stat().st_size} bytes).")
