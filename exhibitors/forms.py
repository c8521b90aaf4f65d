from django import forms
from django.utils.translation import gettext_lazy as _

from districts.models import District, Product
from exhibitors.models import Exhibitor
from exhibitors.validators import clean_gstin, clean_mobile, clean_udyam


class ExhibitorForm(forms.ModelForm):
    """District staff register exhibitors of their own district; officers choose the district."""

    # Wider than the stored 10 digits: people type +91, spaces or a leading 0.
    mobile = forms.CharField(
        label=_("mobile"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    udyam_number = forms.CharField(
        label=_("Udyam registration number"), max_length=30, required=False
    )
    gstin = forms.CharField(label=_("GSTIN"), max_length=30, required=False)

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
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

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

    def clean_mobile(self):
        return clean_mobile(self.cleaned_data["mobile"])

    def clean_udyam_number(self):
        value = self.cleaned_data.get("udyam_number") or ""
        return clean_udyam(value) if value.strip() else None

    def clean_gstin(self):
        value = self.cleaned_data.get("gstin") or ""
        return clean_gstin(value) if value.strip() else None

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
