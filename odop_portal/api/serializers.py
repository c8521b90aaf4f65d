"""Serializer bases: unknown or read-only fields in a request are refused, not ignored."""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers


class StrictSerializerMixin:
    """A request that sends a field the serializer does not accept gets a 400 naming it.

    Ownership and state fields (district, status, created_by…) are read-only, so sending them
    is refused instead of silently dropped: a client learns the server sets them.
    """

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(set(data.keys()) - writable)
            if unknown:
                raise serializers.ValidationError(
                    {name: [_("This field cannot be set here.")] for name in unknown}
                )
        return super().to_internal_value(data)


class StrictModelSerializer(StrictSerializerMixin, serializers.ModelSerializer):
    pass


class StrictSerializer(StrictSerializerMixin, serializers.Serializer):
    pass


class BilingualNameField(serializers.CharField):
    """The ``name`` property of a bilingual model, in the request's language."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)


class ValidatedModelSerializer(StrictModelSerializer):
    """Runs the model's own validation (``full_clean``: field checks, ``clean()``, constraints)
    on a copy, so the API refuses exactly what the admin and the pages refuse."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            setattr(instance, name, value)
        try:
            instance.full_clean(validate_unique=True)
        except DjangoValidationError as error:
            detail = serializers.as_serializer_error(error)
            if "__all__" in detail:  # Django's key for rules across fields
                detail["non_field_errors"] = detail.pop("__all__")
            raise serializers.ValidationError(detail) from None
        return attrs
