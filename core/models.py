"""Abstract bases shared by the portal's models."""

from django.db import models
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


def bilingual(english: str, hindi: str) -> str:
    """The name in the active language, falling back to the other one."""
    language = get_language() or "en"
    if language.startswith("hi"):
        return hindi or english
    return english or hindi


class BilingualText(str):
    """Text an officer wrote in English and in Hindi, in the active language. When only the
    other language's was written, it is that one, and in HTML it says so: marked with its
    ``lang`` (so screen readers read it right) and "(in English)" or "(in Hindi)" after it.
    Plain-text uses (CSV, iCalendar, e-mail) get the text alone."""

    fallback: str = ""  # the language code of the text when it is not the active language

    def __new__(cls, text: str, fallback: str = ""):
        obj = super().__new__(cls, text)
        obj.fallback = fallback if text else ""
        return obj

    def __html__(self) -> str:
        if not self.fallback:
            return format_html("{}", str(self))
        marker = gettext("in English") if self.fallback == "en" else gettext("in Hindi")
        return format_html(
            '<span lang="{}">{}</span> <span class="fallback-marker">({})</span>',
            self.fallback,
            str(self),
            marker,
        )


def bilingual_text(english: str, hindi: str) -> BilingualText:
    """``english`` or ``hindi`` by the active language, marked when it falls back."""
    if (get_language() or "en").startswith("hi"):
        return BilingualText(hindi) if hindi else BilingualText(english, "en")
    return BilingualText(english) if english else BilingualText(hindi, "hi")


class BilingualNameMixin:
    """For models with ``name_en`` and ``name_hi``: ``name`` follows the active language."""

    @property
    def name(self) -> str:
        return bilingual(self.name_en, self.name_hi)

    def __str__(self) -> str:
        return self.name


class DataVersion(models.Model):
    """One row counting the writes to the database (SQLite), the version under which rendered
    fragments are cached (``core.fragments``). On PostgreSQL the count is the sequence
    ``core_data_version_seq`` instead, which writers advance without waiting for each other;
    this table then stays as the migration made it."""

    counter = models.BigIntegerField(_("counter"), default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self) -> str:
        return str(self.counter)
