"""Draws of lots, rule changes and offers of places. Draws are published from the admin (space
and commitment), then made by revealing the seed; read-only once made. The changes of spaces'
rules and the offers of freed places are listed read-only beside them."""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import NormalisedSearchMixin, ScopedAdminMixin
from core.audit.admin import AuditedAdminMixin
from core.exceptions import ApplicationError
from events.models import Space
from stalls import lots
from stalls.admin.common import ReadOnlyAdminMixin
from stalls.models import AllocationRuleChange, Draw, DrawEntrant, Offer
from stalls.models.draws import LOT_METHODS
from stalls.services import draw_perform, draw_publish
from stalls.services.draws import draw_publish_problem, draw_seed_problem


class DrawPublishForm(forms.ModelForm):
    """Publishing: the space (allocated by lots) and the commitment to a seed kept secret."""

    class Meta:
        model = Draw
        fields = ["space", "commitment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        seed = lots.seed_suggest()
        self.fields["space"].queryset = Space.objects.filter(
            allocation_method__in=LOT_METHODS, draw__isnull=True
        ).select_related("fair")
        self.fields["commitment"].help_text = _(
            "The SHA-256 of a seed you keep secret until the draw. A fresh seed, if you want "
            "one: %(seed)s — its commitment: %(commitment)s. Write the seed down and keep it; "
            "the portal does not store it before the draw."
        ) % {"seed": seed, "commitment": lots.commitment_of(seed)}

    def _post_clean(self):
        # The services' own checks, at their fields; the model's constraints need the rule
        # and the officer, which draw_publish fills in.
        space = self.cleaned_data.get("space")
        if space is not None:
            problem = draw_publish_problem(
                space=space, commitment=self.cleaned_data.get("commitment", "")
            )
            if problem:
                field, _code, message = problem
                self.add_error(field, message)


class DrawPerformForm(forms.ModelForm):
    """Making the draw: the seed, revealed; it must hash to the published commitment."""

    reveal_seed = forms.CharField(
        label=_("seed"),
        max_length=lots.SEED_LENGTH[1],
        help_text=_("The seed whose SHA-256 was published; the draw is made when it is saved."),
    )

    class Meta:
        model = Draw
        fields = []

    def clean(self):
        data = super().clean()
        if "reveal_seed" in data:
            problem = draw_seed_problem(draw=self.instance, seed=data["reveal_seed"])
            if problem:
                self.add_error("reveal_seed", problem[2])
        return data

    def _post_clean(self):
        pass


class DrawEntrantInline(admin.TabularInline):
    model = DrawEntrant
    fields = ["position", "nomination", "district", "retained", "ticket"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    @admin.display(description=_("district"))
    def district(self, entrant):
        return entrant.nomination.district

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("nomination__exhibitor__district")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Draw)
class DrawAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["space", "fair", "method", "entrant_count", "published_at", "drawn_at"]
    list_filter = ["method", "space__fair"]
    list_select_related = ["space__fair"]
    search_fields = ["space__name_en", "space__fair__name_en", "commitment"]
    inlines = [DrawEntrantInline]

    @admin.display(description=_("fair"), ordering="space__fair__start_date")
    def fair(self, draw):
        return draw.space.fair

    @admin.display(description=_("entrants"))
    def entrant_count(self, draw):
        return draw.entrants.count()

    @admin.display(description=_("public page"))
    def public_page(self, draw):
        return format_html('<a href="{0}">{0}</a>', draw.get_absolute_url())

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = DrawPublishForm if obj is None else DrawPerformForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["space", "commitment"]
        shown = ["space", "method", "retention_editions", "commitment", "published_by"]
        shown += ["published_at", "public_page"]
        if obj.is_drawn:
            return [*shown, "seed", "drawn_by", "drawn_at"]
        return [*shown, "reveal_seed"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        fields = [f for f in self.get_fields(request, obj) if f != "reveal_seed"]
        return fields

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or not obj.is_drawn)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            if change:
                draw_perform(draw=obj, seed=form.cleaned_data["reveal_seed"], user=request.user)
                self.message_user(request, _("The draw is made; its order is public."))
            else:
                made = draw_publish(
                    space=form.cleaned_data["space"],
                    commitment=form.cleaned_data["commitment"],
                    user=request.user,
                )
                obj.pk, obj.space_id = made.pk, made.space_id
        except ApplicationError as error:
            self.message_user(request, str(error), messages.ERROR)

    def save_related(self, request, form, formsets, change):
        # The entrants are the services' to write.
        pass

    def log_addition(self, request, obj, message):
        if obj.pk:
            super().log_addition(request, obj, message)

    def response_add(self, request, obj, post_url_continue=None):
        if obj.pk is None:
            return self.response_post_save_add(request, obj)
        return super().response_add(request, obj, post_url_continue)


@admin.register(AllocationRuleChange)
class AllocationRuleChangeAdmin(NormalisedSearchMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["space", "method_before", "method_after", "after_start", "made_by", "made_at"]
    list_filter = ["after_start", "method_after"]
    list_select_related = ["space__fair", "made_by"]
    search_fields = ["space__name_en", "space__fair__name_en", "reason"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and obj is None


@admin.register(Offer)
class OfferAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every offer of a freed place and how it ended (accepted, declined, lapsed), read-only:
    districts answer on the fair's page or the API; the sweep lapses the unanswered."""

    list_display = ["nomination", "district", "space", "offered_at", "expires_at", "status"]
    list_filter = ["status", "space__fair"]
    list_select_related = ["nomination__exhibitor", "nomination__district", "space__fair"]
    search_fields = ["nomination__exhibitor__name", "space__name_en", "space__fair__name_en"]
    ordering = ["-pk"]

    @admin.display(description=_("district"))
    def district(self, offer):
        return offer.nomination.district

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and obj is None
