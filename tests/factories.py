"""Small builders with fixed defaults and keyword overrides."""

from accounts.models import User
from accounts.services import user_create

PASSWORD = "correct-horse-battery-staple"


def user(*, username: str, role: str, district=None, **extra) -> User:
    extra.setdefault("email", f"{username}@odop.example")
    extra.setdefault("first_name", username.title())
    return user_create(username=username, role=role, district=district, password=PASSWORD, **extra)
