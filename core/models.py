"""Abstract bases shared by the portal's models."""

from django.db import models
from django.utils.translation import get_language
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


class BilingualNameMixin:
    """For models with ``name_en`` and ``name_hi``: ``name`` follows the active language."""

    @property
    def name(self) -> str:
        return bilingual(self.name_en, self.name_hi)

    def __str__(self) -> str:
        return self.name
