"""Portal users: a role decides what they do, a district (for district staff) what they see."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.constraints import FieldCheckConstraint
from core.models import TimeStampedModel


class User(AbstractUser, TimeStampedModel):
    class Role(models.TextChoices):
        CELL_OFFICER = "cell_officer", _("ODOP cell officer")
        DISTRICT_STAFF = "district_staff", _("District staff")
        PRINCIPAL_SECRETARY = "principal_secretary", _("Principal Secretary")

    STATEWIDE_ROLES = frozenset({Role.CELL_OFFICER, Role.PRINCIPAL_SECRETARY})

    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
        verbose_name=_("district"),
        help_text=_("Required for district staff; empty for state-wide roles."),
    )
    designation = models.CharField(_("designation"), max_length=200, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, blank=True
    )

    REQUIRED_FIELDS = ["email", "role"]

    class Meta:
        ordering = ["username", "pk"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["cell_officer", "district_staff", "principal_secretary"]),
                name="accounts_user_role_valid",
                violation_error_message=_("Choose a role."),
            ),
            FieldCheckConstraint(
                field="district",
                condition=~Q(role="district_staff") | Q(district__isnull=False),
                name="accounts_user_district_staff_has_district",
                violation_error_message=_("District staff must belong to a district."),
            ),
            FieldCheckConstraint(
                field="district",
                condition=Q(role="district_staff") | Q(district__isnull=True),
                name="accounts_user_statewide_has_no_district",
                violation_error_message=_(
                    "Only district staff belong to a district; leave it empty for this role."
                ),
            ),
        ]

    @property
    def is_statewide(self) -> bool:
        """Works across all 75 districts (cell officers, the Principal Secretary, superusers)."""
        return self.is_superuser or self.role in self.STATEWIDE_ROLES

    @property
    def is_district_staff(self) -> bool:
        return self.role == self.Role.DISTRICT_STAFF and not self.is_superuser


class ApiToken(models.Model):
    """A token for scripts using the API: expiring and revocable; only its hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("starts with"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class LoginFailure(models.Model):
    """Failed sign-ins of one (user name, client address) pair within the lockout window.

    Kept in the database, not the cache: the lockout must hold while Redis is down, and a
    restarted cache must not forget an attack in progress.
    """

    # SHA-256 of the case-folded user name and the address: neither is stored in clear.
    key = models.CharField(_("key"), max_length=64, unique=True, editable=False)
    failures = models.PositiveIntegerField(_("failures"), default=0)
    window_ends_at = models.DateTimeField(_("window ends at"))

    class Meta:
        ordering = ["window_ends_at", "pk"]
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")
        default_permissions = []
        indexes = [
            # The hourly purge of windows that have ended.
            models.Index(fields=["window_ends_at"], name="accounts_loginfailure_window"),
        ]

    def __str__(self) -> str:
        return f"{self.key[:8]}… ({self.failures})"
