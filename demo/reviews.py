"""Demo data: the source report's review meeting, the one before it with its action points,
and a generated English status report.

Written through the services, deterministic and idempotent: a meeting that exists already
(by its English title) is left alone, and a report is generated only if none exists.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from districts.models import District
from events.models import Fair
from mous.models import MoU
from reviews.models import ActionPoint, AgendaItem, Meeting, ReportJob
from reviews.services.meetings import (
    action_point_save,
    agenda_item_save,
    compliance_update_add,
    meeting_save,
)
from reviews.services.reports import report_request

PREVIOUS_TITLE = "Review meeting of the ODOP programme (October 2026)"
TITLE = "Review meeting of the ODOP programme: fairs of the season and MoU status"

AGENDA = [
    (
        "Surajkund International Crafts Fair (1–16 February): 100 ODOP stalls",
        "सूरजकुंड अंतर्राष्ट्रीय शिल्प मेला (1–16 फरवरी): 100 ओडीओपी स्टॉल",
        "Surajkund International Crafts Fair",
    ),
    (
        "Dilli Haat (1–15 February): 118 ODOP shops and weekend cultural programmes",
        "दिल्ली हाट (1–15 फरवरी): 118 ओडीओपी दुकानें एवं सप्ताहांत सांस्कृतिक कार्यक्रम",
        "Dilli Haat ODOP Exhibition",
    ),
    (
        "Defence Expo (5–8 February): 1000 m² ODOP exhibition and 1000 m² for defence companies",
        "डिफेंस एक्सपो (5–8 फरवरी): 1000 वर्ग मीटर में ओडीओपी प्रदर्शनी एवं 1000 वर्ग मीटर में रक्षा कंपनियाँ",
        "Defence Expo",
    ),
    (
        "Uttar Pradesh Diwas (24–26 January): awards, tool-kit distribution, technical session",
        "उत्तर प्रदेश दिवस (24–26 जनवरी): पुरस्कार वितरण, टूलकिट वितरण, तकनीकी सत्र",
        "Uttar Pradesh Diwas",
    ),
    ("Status of the MoUs with the eight partners", "आठ भागीदारों के साथ एमओयू की स्थिति", None),
]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def review_demo_load(*, officer, principal_secretary) -> Meeting:
    """The source report's meeting, chaired by the Principal Secretary, with its agenda; the
    previous meeting's action points (Lucknow, Varanasi, the cell; one overdue with a reason);
    and an English status report, rendered now."""
    with transaction.atomic():
        previous = _previous_meeting(officer, principal_secretary)
        meeting = _meeting(officer, principal_secretary)
    _points(previous, officer)
    if not ReportJob.objects.filter(meeting=meeting, language="en").exists():
        # In the embedded default Celery runs eagerly: the report is made on commit.
        report_request(meeting=meeting, language=ReportJob.Language.ENGLISH, user=officer)
    return meeting


def _new_meeting(officer, principal_secretary, **fields) -> tuple[Meeting, bool]:
    meeting = Meeting.objects.filter(title_en=fields["title_en"]).first()
    if meeting:
        return meeting, False
    meeting = meeting_save(
        meeting=Meeting(
            chair=Meeting.Chair.PRINCIPAL_SECRETARY,
            venue="Committee Room, Udyog Bandhu, Lucknow",
            convener=officer,
            **fields,
        ),
        user=officer,
    )
    meeting.attendees.set([officer, principal_secretary])
    return meeting, True


def _previous_meeting(officer, principal_secretary) -> Meeting:
    meeting, _new = _new_meeting(
        officer,
        principal_secretary,
        title_en=PREVIOUS_TITLE,
        title_hi="ओडीओपी कार्यक्रम की समीक्षा बैठक (अक्टूबर 2026)",
        held_at=_at(datetime.date(2026, 10, 15), 11),
        status=Meeting.Status.HELD,
        minutes="Preparations for the fairs of the coming season were reviewed.",
    )
    return meeting


def _meeting(officer, principal_secretary) -> Meeting:
    meeting, new = _new_meeting(
        officer,
        principal_secretary,
        title_en=TITLE,
        title_hi="ओडीओपी कार्यक्रम की समीक्षा बैठक: सीजन के मेले एवं एमओयू की स्थिति",
        held_at=_at(datetime.date(2026, 12, 8), 11),
        status=Meeting.Status.SCHEDULED,
        other_attendees="Commissioner and Director of Industries; Joint Commissioners (ODOP)",
    )
    if new:
        fairs = {f.name_en: f for f in Fair.objects.filter(name_en__in=[a[2] for a in AGENDA])}
        for position, (title_en, title_hi, fair_name) in enumerate(AGENDA, start=1):
            item = AgendaItem(
                meeting=meeting,
                position=position,
                title_en=title_en,
                title_hi=title_hi,
                fair=fairs.get(fair_name),
            )
            agenda_item_save(item=item, user=officer)
    return meeting


def _points(meeting: Meeting, officer) -> None:
    if meeting.action_points.exists():
        return
    lucknow = District.objects.get(name_en="Lucknow")
    varanasi = District.objects.get(name_en="Varanasi")
    surajkund = Fair.objects.filter(name_en="Surajkund International Crafts Fair").first()
    defence = Fair.objects.filter(name_en="Defence Expo").first()
    qci = MoU.objects.filter(partner__name_en__startswith="Quality Council").first()
    rows = [
        # (text en, text hi, officer?, district, due, fair, mou)
        (
            "Nominate artisans of Chikankari for all stalls allotted to Lucknow at Surajkund.",
            "सूरजकुंड में लखनऊ को आवंटित सभी स्टॉलों के लिए चिकनकारी के कारीगरों का नामांकन करें।",
            None,
            lucknow,
            datetime.date(2026, 11, 10),
            surajkund,
            None,
        ),
        (
            "Send the list of Banarasi silk weavers for the Dilli Haat shops.",
            "दिल्ली हाट की दुकानों हेतु बनारसी रेशम बुनकरों की सूची भेजें।",
            None,
            varanasi,
            datetime.date(2026, 11, 5),
            None,
            None,
        ),
        (
            "Confirm the layout of the 1000 m² ODOP pavilion with the Defence Expo organisers.",
            "डिफेंस एक्सपो के आयोजकों से 1000 वर्ग मीटर के ओडीओपी पवेलियन का नक्शा तय करें।",
            officer,
            None,
            datetime.date(2026, 12, 20),
            defence,
            None,
        ),
        (
            "Obtain QCI's draft quality parameters for the ODOP logo.",
            "ओडीओपी लोगो हेतु क्यूसीआई से गुणवत्ता मानकों का प्रारूप प्राप्त करें।",
            officer,
            None,
            datetime.date(2026, 11, 15),
            None,
            qci,
        ),
    ]
    with transaction.atomic():
        saved = []
        for number, (text_en, text_hi, owner, district, due, fair, mou) in enumerate(rows, 1):
            point = ActionPoint(
                meeting=meeting,
                number=number,
                text_en=text_en,
                text_hi=text_hi,
                owner_officer=owner,
                district=district,
                due_on=due,
                fair=fair,
                mou=mou,
            )
            saved.append(action_point_save(action_point=point, user=officer))
        compliance_update_add(
            action_point=saved[1],
            on=datetime.date(2026, 11, 4),
            status=ActionPoint.Status.COMPLIED,
            text_en="List of 24 weavers sent to the ODOP cell.",
            user=officer,
        )
        compliance_update_add(
            action_point=saved[0],
            on=datetime.date(2026, 11, 20),
            status=ActionPoint.Status.IN_PROGRESS,
            text_en="14 artisans nominated; the others are being verified.",
            text_hi="14 कारीगरों का नामांकन हो गया है; शेष का सत्यापन चल रहा है।",
            reason_en="Udyam registration of six artisans is pending.",
            reason_hi="छह कारीगरों का उद्यम पंजीकरण लंबित है।",
            user=officer,
        )
