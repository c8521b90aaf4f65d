"""Form fields built from model fields, for the plain (non-model) forms of workflows, and a
select for long lists."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe

from core.fields import field_bounds


def form_field(model, name: str, **overrides):
    """A form field for ``model.name`` with its type, length, bounds and validators, so a
    workflow's form refuses what the model, the admin and the API refuse."""
    source = model._meta.get_field(name)
    field = source.formfield(**{**field_bounds(model, name), **overrides})
    field.validators = [*field.validators, *source.validators]
    return field


class LongSelect(forms.Select):
    """A select written straight out instead of through a template per option: for lists of
    hundreds (the fairs of ten years) repeated in every row of a formset. The same markup as
    Django's ``Select`` (its attributes, optgroups, the selected option), every label escaped."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = {str(v) for v in self.format_value(value)}
        parts = [f"<select{flatatt(final)}>"]
        for key, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{escape(key)}">')
                parts.extend(_option(k, text, chosen) for k, text in label)
                parts.append("</optgroup>")
            else:
                parts.append(_option(key, label, chosen))
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every value and label escaped above)


def _option(key, label, chosen: set) -> str:
    key = "" if key is None else str(key)
    selected = " selected" if key in chosen else ""
    return f'<option value="{escape(key)}"{selected}>{escape(label)}</option>'
