"""Draws of lots and the changes of a space's allocation rule.

A draw is published before it is made: its entrants and the commitment (the SHA-256 of a seed
the officer keeps secret) are public from then on. At the draw the officer reveals the seed;
it must hash to the commitment, and the order is a function of the seed and the entrants'
numbers alone (stalls/lots.py), so anyone can recompute it. A drawn draw can never change:
the services refuse to draw twice, the admin shows it read-only, and the database refuses any
update of a drawn draw or of an entrant's position once given (migration 0009).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.constraints import choice_values
from core.fields import NoteField, bounded
from core.scoping import StatewideQuerySet
from events.models import AllocationMethod
from exhibitors.models import PriorityCategory
from stalls.models.nominations import Nomination

LOT_METHODS = (AllocationMethod.LOTS, AllocationMethod.RETENTION_LOTS)


class Draw(models.Model):
    """The draw of lots of one space (a space is drawn once)."""

    space = models.OneToOneField(
        "events.Space", on_delete=models.CASCADE, related_name="draw", verbose_name=_("space")
    )
    method = models.CharField(_("allocation rule"), max_length=16, choices=AllocationMethod.choices)
    retention_editions = models.PositiveSmallIntegerField(_("retention window (editions)"))
    rotation_editions = models.PositiveSmallIntegerField(_("rotation (editions)"), default=0)
    # The reserved shares as published ({category: percent}) and the places they are shares
    # of (the space's free places then).
    shares = models.JSONField(_("reserved shares"), default=dict, blank=True)
    places = models.PositiveIntegerField(_("places drawn for"), default=0)
    # Coverage first, and the ODOP products the fair already showed when it was published.
    coverage_first = models.BooleanField(_("coverage first"), default=False)
    represented = models.JSONField(_("products already represented"), default=list, blank=True)
    commitment = models.CharField(_("commitment (SHA-256 of the seed)"), max_length=64)
    seed = models.CharField(_("seed"), max_length=200, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("drawn by"),
    )
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "pk"]
        verbose_name = _("draw of lots")
        verbose_name_plural = _("draws of lots")
        constraints = [
            models.CheckConstraint(
                condition=Q(method__in=choice_values(*LOT_METHODS)),
                name="stalls_draw_method_by_lots",
                violation_error_message=_("Only a space allocated by lots has a draw."),
            ),
            models.CheckConstraint(
                condition=Q(commitment__regex=r"^[0-9a-f]{64}$"),
                name="stalls_draw_commitment_sha256",
                violation_error_message=_(
                    "The commitment is a SHA-256 hash: 64 hexadecimal digits."
                ),
            ),
            # Drawn means the seed was revealed, by someone, at a time; and only then.
            models.CheckConstraint(
                condition=Q(seed="", drawn_at__isnull=True, drawn_by__isnull=True)
                | (~Q(seed="") & Q(drawn_at__isnull=False, drawn_by__isnull=False)),
                name="stalls_draw_drawn_with_seed",
                violation_error_message=_("A draw is made by revealing its seed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.space.fair} · {self.space}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("draws:detail", args=[self.pk])

    @property
    def is_drawn(self) -> bool:
        return bool(self.seed)


class DrawEntrant(models.Model):
    """A nomination in a draw, as published; its ticket and position are given at the draw."""

    draw = models.ForeignKey(
        Draw, on_delete=models.CASCADE, related_name="entrants", verbose_name=_("draw")
    )
    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="+", verbose_name=_("nomination")
    )
    # Retention: held a place in one of the last editions and entered its sales (published
    # with the entrants, so the claim is known before the seed is).
    retained = models.BooleanField(_("retention claim"), default=False)
    # Withdrew late from a recent fair: comes after the others (published with the entrants).
    deferred = models.BooleanField(_("late withdrawal before"), default=False)
    # Rotation: the entrant's district held places at each of the last editions, so it yields
    # to the districts that did not (published with the entrants).
    yields = models.BooleanField(_("district yields (rotation)"), default=False)
    # The priority categories the entrant held when the entrants were published.
    categories = models.JSONField(_("priority categories"), default=list, blank=True)
    # The exhibitor's ODOP product when the entrants were published (for coverage first).
    product = models.ForeignKey(
        "districts.Product",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("ODOP product"),
    )
    ticket = models.CharField(_("ticket (HMAC-SHA256)"), max_length=64, blank=True)
    position = models.PositiveIntegerField(_("position"), null=True, blank=True)

    class Meta:
        ordering = ["draw", models.F("position").asc(nulls_last=True), "nomination_id"]
        verbose_name = _("entrant")
        verbose_name_plural = _("entrants")
        constraints = [
            models.UniqueConstraint(
                fields=["draw", "nomination"],
                name="stalls_drawentrant_once",
                violation_error_message=_("This nomination is already in the draw."),
            ),
            models.UniqueConstraint(
                fields=["draw", "position"],
                name="stalls_drawentrant_position_once",
                violation_error_message=_("Two entrants cannot share a position."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position or '—'} · {self.nomination_id}"


class AllocationRuleChange(models.Model):
    """A change of a space's allocation rule: before allocation started, or after it with the
    reason (the rule the districts were told about is never changed silently)."""

    space = models.ForeignKey(
        "events.Space",
        on_delete=models.CASCADE,
        related_name="rule_changes",
        verbose_name=_("space"),
    )
    method_before = models.CharField(
        _("rule before"), max_length=16, choices=AllocationMethod.choices
    )
    method_after = models.CharField(
        _("rule after"), max_length=16, choices=AllocationMethod.choices
    )
    retention_before = models.PositiveSmallIntegerField(_("retention window before"))
    retention_after = models.PositiveSmallIntegerField(_("retention window after"))
    rotation_before = models.PositiveSmallIntegerField(_("rotation before"), default=0)
    rotation_after = models.PositiveSmallIntegerField(_("rotation after"), default=0)
    after_start = models.BooleanField(_("after allocation started"), default=False)
    reason = NoteField(_("reason"), blank=True, max_length=2000)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    made_at = models.DateTimeField(_("at"), auto_now_add=True)

    objects = StatewideQuerySet.as_manager()

    class Meta:
        ordering = ["-made_at", "pk"]
        verbose_name = _("allocation rule change")
        verbose_name_plural = _("allocation rule changes")
        constraints = [
            models.CheckConstraint(
                condition=Q(after_start=False) | ~Q(reason=""),
                name="stalls_rulechange_reason_after_start",
                violation_error_message=_("Give the reason for changing the rule."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.space}: {self.method_before} → {self.method_after}"


class ReservedShare(models.Model):
    """A share of a space's places reserved for a priority category in its draw of lots:
    filled first from the category's entrants in drawn order; what they do not use returns
    to everyone. The shares of a space add up to 100 % at most (stalls/services/shares.py)."""

    space = models.ForeignKey(
        "events.Space",
        on_delete=models.CASCADE,
        related_name="reserved_shares",
        verbose_name=_("space"),
    )
    category = models.CharField(_("category"), max_length=20, choices=PriorityCategory.choices)
    percent = models.PositiveSmallIntegerField(
        _("share of the places (%)"), validators=bounded(1, 100)
    )

    class Meta:
        ordering = ["space", "pk"]
        verbose_name = _("reserved share")
        verbose_name_plural = _("reserved shares")
        constraints = [
            models.UniqueConstraint(
                fields=["space", "category"],
                name="stalls_reservedshare_once",
                violation_error_message=_("This category already has a share in this space."),
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=1, percent__lte=100),
                name="stalls_reservedshare_percent",
                violation_error_message=_("A share is 1 to 100 %."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.percent} %"
