"""Model fields for text that people type in English or Hindi."""

import unicodedata

from django.db import models


def normalise_text(value: str) -> str:
    """NFC-normalise and collapse runs of white space.

    NFC makes the two encodings of a nukta letter (ड़ as one code point or as ड + ़) equal,
    so a name typed on two different keyboards is found as the same name.
    """
    return " ".join(unicodedata.normalize("NFC", value).split())


class NameField(models.CharField):
    """A single-line name, stored NFC-normalised with white space collapsed."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_text(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = normalise_text(value)
            setattr(model_instance, self.attname, value)
        return value
