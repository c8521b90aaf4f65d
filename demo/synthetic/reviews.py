"""Synthetic MoUs with their history and deliverables, and review meetings with their action
points and compliance updates."""

import datetime

from django.utils import timezone

from demo.synthetic.bulk import _bulk
from mous.models import Deliverable, MoU, MoUStageChange, Stage
from partners.models import Partner
from reviews.models import ActionPoint, ComplianceUpdate, Meeting


def _mous(sizes, rng, officer) -> None:
    partners = _bulk(
        sizes.made,
        Partner,
        [
            Partner(
                name_en=f"Bench partner {n + 1}",
                name_hi=f"साझेदार {n + 1}",
                kind=rng.choice(Partner.Kind.values),
            )
            for n in range(sizes.mous)
        ],
    )
    now = timezone.now()
    mous = _bulk(
        sizes.made,
        MoU,
        [
            MoU(
                partner=partner,
                title_en=f"MoU with {partner.name_en}",
                title_hi=f"{partner.name_hi} के साथ एमओयू",
                purpose_en="Market access for ODOP products.",
                purpose_hi="ओडीओपी उत्पादों के लिए बाज़ार।",
                nodal_officer=officer,
                stage=rng.choice([s.value for s in Stage]),
                stage_changed_at=now - datetime.timedelta(days=rng.randrange(200)),
                last_update_at=now - datetime.timedelta(days=rng.randrange(120)),
            )
            for partner in partners
        ],
    )
    stages = [s.value for s in Stage]
    _bulk(
        sizes.made,
        MoUStageChange,
        [
            MoUStageChange(
                mou=mou,
                from_stage=stages[k % len(stages)],
                to_stage=stages[(k + 1) % len(stages)],
                changed_at=now - datetime.timedelta(days=36 * (sizes.history_per_mou - k)),
                changed_by=officer,
                note_en=f"Update {k + 1}",
                note_hi=f"अद्यतन {k + 1}",
                reason="Recorded for the benchmark.",
            )
            for mou in mous
            for k in range(sizes.history_per_mou)
        ],
    )
    _bulk(
        sizes.made,
        Deliverable,
        [
            Deliverable(mou=mou, kind=kind, description="Target", target=rng.randrange(50, 5000))
            for mou in mous
            for kind in rng.sample(Deliverable.Kind.values, 3)
        ],
    )


def _meetings(sizes, rng, fairs, districts, officer) -> None:
    now = timezone.now()
    meetings = _bulk(
        sizes.made,
        Meeting,
        [
            Meeting(
                title_en=f"Review meeting {n + 1}",
                title_hi=f"समीक्षा बैठक {n + 1}",
                held_at=now - datetime.timedelta(days=18 * (sizes.meetings - n)),
                chair="principal_secretary",
                venue="Udyog Bandhu, Lucknow",
                status=Meeting.Status.HELD,
                convener=officer,
            )
            for n in range(sizes.meetings)
        ],
    )
    points = _bulk(
        sizes.made,
        ActionPoint,
        [
            _action_point(rng, meeting, k, districts, fairs, officer)
            for meeting in meetings
            for k in range(sizes.points_per_meeting)
        ],
    )
    _bulk(
        sizes.made,
        ComplianceUpdate,
        [
            ComplianceUpdate(
                action_point=point,
                on=point.resolved_on or point.due_on - datetime.timedelta(days=2),
                status=point.status,
                text_en="Done." if point.resolved_on else "Work is under way.",
                # Every third in Hindi too, as district staff and officers write both or one.
                text_hi=("पूर्ण।" if point.resolved_on else "कार्य प्रगति पर है।")
                if point.number % 3 == 0
                else "",
                by=officer,
            )
            for point in points
            if point.status != "open"
        ],
    )


def _action_point(rng, meeting, k, districts, fairs, officer) -> ActionPoint:
    """Decisions due more than three months ago are settled, as in a cell that follows up:
    complied or dropped, about one in fifty still open past its date with a reason."""
    due_on = (meeting.held_at + datetime.timedelta(days=rng.randrange(7, 60))).date()
    settled = due_on < timezone.localdate() - datetime.timedelta(days=90)
    weights = [0.5, 1.5, 90, 8] if settled else [35, 35, 28, 2]
    status = rng.choices(["open", "in_progress", "complied", "dropped"], weights)[0]
    resolved = status in ("complied", "dropped")
    return ActionPoint(
        meeting=meeting,
        number=k + 1,
        text_en=f"Decision {k + 1}",
        text_hi=f"निर्णय {k + 1}",
        district=rng.choice(districts) if k % 2 else None,
        owner_officer=None if k % 2 else officer,
        due_on=due_on,
        status=status,
        resolved_on=due_on - datetime.timedelta(days=rng.randrange(10)) if resolved else None,
        delay_reason_en="" if resolved or not settled else "Awaiting the partner's reply.",
        fair=rng.choice(fairs) if k % 5 == 0 else None,
    )
