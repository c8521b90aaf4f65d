"""Small builders with fixed defaults and keyword overrides."""

from accounts.models import User
from accounts.services import user_create

PASSWORD = "correct-horse-battery-staple"


def user(*, username: str, role: str, district=None, **extra) -> User:
    extra.setdefault("email", f"{username}@odop.example")
    extra.setdefault("first_name", username.title())
    return user_create(username=username, role=role, district=district, password=PASSWORD, **extra)


def fair(**fields):
    import datetime

    from events.models import Fair

    values = {
        "name_en": "Surajkund International Crafts Fair",
        "name_hi": "सूरजकुंड अंतर्राष्ट्रीय शिल्प मेला",
        "kind": Fair.Kind.CRAFTS_FAIR,
        "venue_en": "Surajkund Mela Ground",
        "city": "Faridabad",
        "start_date": datetime.date(2027, 2, 1),
        "end_date": datetime.date(2027, 2, 16),
        **fields,
    }
    obj = Fair(**values)
    obj.full_clean()
    obj.save()
    return obj


def space(*, fair, measure="units", **fields):
    from events.models import Space

    values = {"name_en": "ODOP stalls", "name_hi": "ओडीओपी स्टॉल", "measure": measure, **fields}
    obj = Space(fair=fair, **values)
    obj.full_clean()
    obj.save()
    return obj


def exhibitor(*, district, mobile, **fields):
    from exhibitors.models import Exhibitor

    values = {
        "kind": Exhibitor.Kind.ARTISAN,
        "name": f"Artisan {mobile[-4:]}",
        "product": district.products.order_by("-is_original", "pk").first(),
        **fields,
    }
    obj = Exhibitor(district=district, mobile=mobile, **values)
    obj.full_clean()
    obj.save()
    return obj
