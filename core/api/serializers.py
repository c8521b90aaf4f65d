"""Serializer bases: unknown or read-only fields in a request are refused, not ignored; a
text field takes only a JSON string; every field built from a model field (``model_field``)
carries the model's bounds and normalisation, so the API applies the rule the admin, the
forms and the spreadsheets apply."""

import copy
from collections.abc import Mapping

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import fields, relations, serializers

from core.fields import IdentifierField


class StrictCharField(serializers.CharField):
    """A text field that takes a JSON string, never a number, a list or an object turned
    into text."""

    default_error_messages = {"invalid": gettext_lazy("Send this value as text (a string).")}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


# The largest id a PostgreSQL bigint holds: a larger number names no record.
ID_MAX = 2**63 - 1


def _as_id(data):
    """An id sent as a JSON number or digits, or None."""
    if isinstance(data, bool):
        return None
    if isinstance(data, int):
        return data
    if isinstance(data, str) and data.isascii() and data.isdigit():
        return int(data)
    return None


class ObjectIdField(serializers.IntegerField):
    """The id of a record the service looks up in the user's scope (404 if it is not there):
    a positive whole number that a database column can hold."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=ID_MAX, **kwargs)


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A related record by id, chosen among those the requesting user may ``action``
    (``for_user``): another district's record does not exist for them. The serializer needs
    the request in its context."""

    def __init__(self, *, action: str = "view", **kwargs):
        self.action = action
        super().__init__(**kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        if hasattr(queryset, "for_user"):
            queryset = queryset.for_user(getattr(request, "user", None), self.action)
        return queryset

    def to_internal_value(self, data):
        pk = _as_id(data)
        if pk is None:
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 1 <= pk <= ID_MAX:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(pk)


class IdentifierSerializerField(StrictCharField):
    """A mobile number, Udyam number or GSTIN: normalised before its length and format are
    checked, as the model field normalises it (``+91 98765 43210`` is ten digits)."""

    def __init__(self, *, normaliser, **kwargs):
        self.normaliser = normaliser
        kwargs.pop("max_length", None)  # the model's validators check the normalised value
        super().__init__(max_length=64, **kwargs)

    def to_internal_value(self, data):
        return self.normaliser(super().to_internal_value(data))


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


def _reader(field, concrete: dict):
    """How one field of a row is read for a response: as DRF reads it, with the lookup
    through ``source_attrs`` and the type dispatch done once per serializer instead of once per
    row and field, where the field is a plain model column (or foreign key read as its id)."""
    kind = type(field)
    model_field = concrete.get(field.source) if len(field.source_attrs) == 1 else None
    if model_field is not None and model_field.is_relation:
        if (
            kind.get_attribute is relations.RelatedField.get_attribute
            and kind.use_pk_only_optimization
            is relations.PrimaryKeyRelatedField.use_pk_only_optimization
            and kind.to_representation is relations.PrimaryKeyRelatedField.to_representation
            and field.pk_field is None
        ):
            attname = model_field.attname
            return lambda instance: getattr(instance, attname)
    elif model_field is not None and kind.get_attribute is fields.Field.get_attribute:
        name = model_field.attname
        if kind.to_representation is fields.CharField.to_representation:
            convert = str
        elif kind.to_representation is fields.IntegerField.to_representation:
            convert = int
        else:
            convert = field.to_representation

        def read(instance):
            value = getattr(instance, name)
            return None if value is None else convert(value)

        return read
    return None


_SKIP = object()


def _generic(field):
    """DRF's own reading of a field (``Serializer.to_representation``'s loop body)."""

    def read(instance):
        try:
            attribute = field.get_attribute(instance)
        except fields.SkipField:
            return _SKIP
        check = attribute.pk if isinstance(attribute, relations.PKOnlyObject) else attribute
        return None if check is None else field.to_representation(attribute)

    return read


class FastReadMixin:
    """Responses built as DRF builds them, each field's reader chosen once per serializer
    (a list's child serves all its rows): DRF's generic lookup and dispatch per row and field
    were most of an API list's time beyond its queries. ``tests/api/test_representation.py``
    compares every list and detail of the API with DRF's own output."""

    def to_representation(self, instance):
        if isinstance(instance, Mapping):
            # ``.data`` of a validated serializer that saved nothing: DRF reads the
            # validated data by key, not by attribute.
            return super().to_representation(instance)
        plan = self.__dict__.get("_read_plan")
        if plan is None:
            model = getattr(getattr(self, "Meta", None), "model", None)
            concrete = {f.name: f for f in model._meta.concrete_fields} if model else {}
            plan = self._read_plan = [
                (field.field_name, _reader(field, concrete) or _generic(field))
                for field in self._readable_fields
            ]
        ret = {}
        for name, read in plan:
            value = read(instance)
            if value is not _SKIP:
                ret[name] = value
        return ret


class ModelSerializer(FastReadMixin, serializers.ModelSerializer):
    """The project's model serializer: DRF's, with the fast reading of rows above, and its
    fields built from the model once per class (DRF introspects the model and builds every
    field for each serializer it makes, every request): each serializer gets a deep copy, as
    DRF gives each its own copy of the declared fields."""

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            cls._built_fields = built
        return copy.deepcopy(built)


class StrictModelSerializer(StrictSerializerMixin, ModelSerializer):
    # Related records by id among those the user may see; a huge or malformed id is refused.
    serializer_related_field = ScopedRelatedField
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.SlugField: StrictCharField,
        IdentifierField: IdentifierSerializerField,
    }

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(model_field, IdentifierField):
            kwargs["normaliser"] = model_field.normalise
        return field_class, kwargs


def model_field(model, name: str, **overrides) -> serializers.Field:
    """A serializer field for ``model.name`` with the model field's type, bounds, length and
    validators: for input serializers of workflows, which are not ModelSerializers."""
    source = model._meta.get_field(name)
    builder = StrictModelSerializer()
    field_class, kwargs = builder.build_standard_field(name, source)
    kwargs.pop("model_field", None)
    return field_class(**{**kwargs, **overrides})


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
