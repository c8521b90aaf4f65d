"""Reads of the MoU pipeline: the meeting's list, one MoU's page, a progress entry with its
corrections, the reminders due and the MoUs past their validity."""

from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mous.models import (
    EXPIRABLE_STAGES,
    IN_FORCE_STAGES,
    Deliverable,
    MoU,
    MoUDocument,
    MoUReminder,
    MoUStageChange,
    ProgressEntry,
    Staleness,
)
from partners.models import ContactPerson

# Days before expiry at which a reminder goes out, smallest first, with its kind.
EXPIRY_REMINDERS = [
    (1, MoUReminder.Kind.EXPIRY_1),
    (7, MoUReminder.Kind.EXPIRY_7),
    (30, MoUReminder.Kind.EXPIRY_30),
]
STALE_REMINDERS = {
    Staleness.AMBER: MoUReminder.Kind.STALE_AMBER,
    Staleness.RED: MoUReminder.Kind.STALE_RED,
}


def since_default() -> date:
    """Without a meeting date, "what changed" looks back 30 days."""
    return timezone.localdate() - timedelta(days=30)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def mou_list(*, user, since: date | None = None, now=None) -> QuerySet[MoU]:
    """Every MoU the user may see: where it stands, since when, and what changed since ``since``.

    Each MoU carries ``days_in_stage``, ``staleness`` and ``changes_since`` (its history
    rows on or after ``since``), in three queries whatever the number of MoUs.
    """
    since = since or since_default()
    recent = (
        MoUStageChange.objects.filter(changed_at__gte=_start_of(since))
        .select_related("changed_by")
        .order_by("changed_at", "pk")
    )
    return (
        MoU.objects.for_user(user)
        .with_status(now)
        .select_related("partner", "nodal_officer")
        .prefetch_related(Prefetch("stage_changes", queryset=recent, to_attr="changes_since"))
        .order_by(Lower("partner__name_en"), "title_en", "pk")
    )


def mou_find(*, user, pk: int) -> MoU:
    """One MoU the user may see, with where it stands (``with_status``), its partner and nodal
    officer; else Http404."""
    queryset = MoU.objects.for_user(user).with_status().select_related("partner", "nodal_officer")
    return get_object_or_404(queryset, pk=pk)


def mou_get(*, user, pk: int) -> MoU:
    """One MoU with its timeline, deliverables (with achievement), documents and contacts."""
    return mou_details(mou_find(user=user, pk=pk))


def mou_details(mou: MoU) -> MoU:
    """Read ``mou``'s timeline, deliverables (with achievement and the history of their
    progress entries), documents and the partner's contacts onto it."""
    deliverables = (
        Deliverable.objects.with_achieved()
        .select_related("district")
        .order_by("kind", "district__name_en", "pk")
        .prefetch_related(
            Prefetch(
                "progress_entries",
                queryset=ProgressEntry.objects.select_related("recorded_by").order_by("-on", "-pk"),
            )
        )
    )
    prefetch_related_objects(
        [mou],
        Prefetch(
            "stage_changes",
            queryset=MoUStageChange.objects.select_related("changed_by").order_by(
                "-changed_at", "-pk"
            ),
            to_attr="timeline",
        ),
        Prefetch("deliverables", queryset=deliverables),
        Prefetch("documents", queryset=MoUDocument.objects.order_by("kind", "pk")),
        Prefetch("partner__contacts", queryset=ContactPerson.objects.order_by("name", "pk")),
    )
    for deliverable in mou.deliverables.all():
        deliverable.current_entries = progress_history(deliverable.progress_entries.all())
    mou.progress_recorded = any(d.current_entries for d in mou.deliverables.all())
    return mou


def progress_history(entries) -> list[ProgressEntry]:
    """The current entries among ``entries`` (all of one deliverable's), in their order, each
    with ``corrections``: the (earlier entry, correcting entry) pairs that led to it, oldest
    first. Built from the list in hand, without a query."""
    by_id = {entry.pk: entry for entry in entries}
    superseded = {entry.corrects_id for entry in entries if entry.corrects_id}
    current = []
    for entry in entries:
        if entry.pk in superseded:
            continue
        entry.corrections = []
        step = entry
        while step.corrects_id in by_id:
            earlier = by_id[step.corrects_id]
            entry.corrections.insert(0, (earlier, step))
            step = earlier
        current.append(entry)
    return current


def progress_entry_get(*, user, pk: int, action: str = "view") -> ProgressEntry:
    """One progress entry the user may ``action`` (Http404 for any other), with its MoU,
    ``latest`` (itself, or the entry that corrects it now) and ``corrections``: how the value
    came to be ``latest``'s (see ``progress_history``)."""
    entry = get_object_or_404(
        ProgressEntry.objects.for_user(user, action).select_related(
            "deliverable__mou__partner", "deliverable__district", "recorded_by"
        ),
        pk=pk,
    )
    current = progress_history(
        list(
            ProgressEntry.objects.filter(deliverable_id=entry.deliverable_id)
            .select_related("recorded_by")
            .order_by("-on", "-pk")
        )
    )
    entry.latest = next(
        c for c in current if c.pk == entry.pk or any(e.pk == entry.pk for e, _c in c.corrections)
    )
    entry.corrections = entry.latest.corrections
    return entry


def mou_past_validity_ids(*, today: date) -> list[int]:
    """Ids of the MoUs in a stage that may expire whose validity ended before ``today``."""
    return list(
        MoU.objects.filter(stage__in=EXPIRABLE_STAGES, valid_until__lt=today)
        .order_by("valid_until", "pk")
        .values_list("pk", flat=True)
    )


def mou_document_get(*, user, pk: int) -> MoUDocument:
    """A document the user may download; Http404 for any other."""
    return get_object_or_404(MoUDocument.objects.for_user(user), pk=pk)


def mou_reminders_due(*, now: datetime) -> list[tuple[int, str, date]]:
    """(MoU id, reminder kind, date concerned) of every reminder due at ``now``.

    An MoU in force expiring within 30 days is due the reminder of the smallest window it
    falls in (30, 7 or 1 day), so an MoU recorded late is not sent the earlier ones; a stale
    MoU is due one reminder per level for each stretch without an update.
    """
    today = timezone.localdate(now)
    due = []
    expiring = MoU.objects.filter(
        stage__in=IN_FORCE_STAGES,
        valid_until__gt=today,
        valid_until__lte=today + timedelta(days=EXPIRY_REMINDERS[-1][0]),
    ).values_list("pk", "valid_until")
    for pk, valid_until in expiring:
        days_left = (valid_until - today).days
        kind = next(kind for days, kind in EXPIRY_REMINDERS if days_left <= days)
        due.append((pk, kind, valid_until))
    stale = (
        MoU.objects.with_status(now)
        .filter(staleness__in=list(STALE_REMINDERS))
        .values_list("pk", "staleness", "last_update_at")
    )
    for pk, staleness, last_update_at in stale:
        due.append((pk, STALE_REMINDERS[staleness], timezone.localdate(last_update_at)))
    return due
