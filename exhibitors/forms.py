from django import forms
from django.utils.translation import gettext_lazy as _

from districts.models import District, Product
from exhibitors.models import Exhibitor, PriorityClaim


class ExhibitorForm(forms.ModelForm):
    """District staff register exhibitors of their own district; officers choose the district."""

    class Meta:
        model = Exhibitor
        fields = [
            "kind",
            "name",
            "district",
            "product",
            "contact_person",
            "mobile",
            "email",
            "udyam_number",
            "gstin",
        ]
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            # The model's identifier fields normalise what is typed (+91, spaces, case).
            "mobile": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["district"].queryset = District.objects.for_user(user).order_by("name_en")
        products = Product.objects.for_user(user).select_related("district")
        if user.is_district_staff:
            del self.fields["district"]
        self.fields["product"].queryset = products.order_by("district__name_en", "name_en")
        self.fields["product"].label_from_instance = lambda p: (
            p.name if user.is_district_staff else f"{p.district.name} · {p.name}"
        )
        self.fields["mobile"].help_text = _("10 digits; +91 or a leading 0 may be typed.")

    def validate_unique(self):
        # A new exhibitor's duplicates are found and named by exhibitor_create.
        if self.instance.pk is not None:
            super().validate_unique()

    def service_fields(self) -> dict:
        fields = {
            name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data
        }
        fields.pop("district", None)
        return fields


class PriorityClaimForm(forms.ModelForm):
    class Meta:
        model = PriorityClaim
        fields = ["category", "evidence", "issued_by"]

    def __init__(self, *args, exhibitor, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.exhibitor = exhibitor


class ExhibitorImportForm(forms.Form):
    """The register to import, and for state-wide users the district it belongs to."""

    district = forms.ModelChoiceField(queryset=District.objects.none(), label=_("District"))
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_district_staff:
            del self.fields["district"]
        else:
            self.fields["district"].queryset = District.objects.for_user(user).order_by("name_en")


class ExhibitorImportConfirmForm(forms.Form):
    """Saving a previewed import: the kept file's token, and update or skip for each
    registered exhibitor a row matches (skip unless chosen)."""

    UPDATE, SKIP = "update", "skip"

    token = forms.CharField(widget=forms.HiddenInput, max_length=32)
    update_all = forms.BooleanField(
        required=False, label=_("Update every matched exhibitor with what the file says")
    )

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        for row in rows:
            self.fields[self.field_name(row)] = forms.ChoiceField(
                label=_("Row %(row)s") % {"row": row},
                choices=[(self.SKIP, _("Skip")), (self.UPDATE, _("Update"))],
                initial=self.SKIP,
                required=False,
                widget=forms.RadioSelect,
            )

    @staticmethod
    def field_name(row: int) -> str:
        return f"match-{row}"

    def update_rows(self) -> set[int]:
        return {
            int(name.removeprefix("match-"))
            for name, value in self.cleaned_data.items()
            if name.startswith("match-") and value == self.UPDATE
        }
