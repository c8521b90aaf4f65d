"""Demo data: the eight MoUs of the source report, all "at an advanced stage"."""

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from mous.models import Deliverable, MoU, MoUStageChange, Stage
from partners.models import Partner

K = Partner.Kind
D = Deliverable.Kind

# (English name, Hindi name, short name, kind, website, purpose (en), purpose (hi),
#  [(kind, target)], dates of identified / in talks / advanced)
PARTNERS = [
    (
        "Alibaba.com",
        "अलीबाबा.कॉम",
        "Alibaba",
        K.B2B_PLATFORM,
        "https://www.alibaba.com",
        "A B2B platform for ODOP products, and export promotion",
        "ओडीओपी उत्पादों को बी2बी प्लेटफ़ॉर्म देना एवं निर्यात को बढ़ावा देना",
        [(D.SELLERS_ONBOARDED, 500), (D.PRODUCTS_LISTED, 5000)],
        ("2026-03-10", "2026-05-18", "2026-09-22"),
    ),
    (
        "eBay.com",
        "ईबे.कॉम",
        "eBay",
        K.MARKETPLACE,
        "https://www.ebay.com",
        "Export promotion of ODOP products",
        "ओडीओपी उत्पादों के निर्यात को बढ़ावा देना",
        [(D.SELLERS_ONBOARDED, 300), (D.GMV, 5000000)],
        ("2026-03-10", "2026-06-02", "2026-10-07"),
    ),
    (
        "Flipkart.com",
        "फ्लिपकार्ट.कॉम",
        "Flipkart",
        K.MARKETPLACE,
        "https://www.flipkart.com",
        "Sales of ODOP products through e-commerce",
        "ई-कॉमर्स के माध्यम से ओडीओपी उत्पादों की बिक्री को बढ़ावा देना",
        [(D.SELLERS_ONBOARDED, 1000), (D.GMV, 3500000)],
        ("2026-02-16", "2026-04-21", "2026-08-28"),
    ),
    (
        "Indian Institute of Packaging",
        "भारतीय पैकेजिंग संस्थान",
        "IIP",
        K.PACKAGING,
        "https://www.iip-in.com",
        "Better packaging of ODOP products",
        "ओडीओपी उत्पादों की पैकेजिंग को बेहतर करना",
        [(D.PRODUCTS_PACKAGED, 200), (D.TRAININGS_HELD, 18)],
        ("2026-04-06", "2026-06-15", "2026-10-19"),
    ),
    (
        "National Institute of Fashion Technology (NIFT), Raebareli",
        "राष्ट्रीय फैशन प्रौद्योगिकी संस्थान (निफ्ट), रायबरेली",
        "NIFT Raebareli",
        K.DESIGN,
        "https://www.nift.ac.in/raebareli",
        "Better design of ODOP products",
        "ओडीओपी उत्पादों के डिज़ाइन को बेहतर करना",
        [(D.DESIGNS_DEVELOPED, 150)],
        ("2026-04-06", "2026-07-01", "2026-10-26"),
    ),
    (
        "National Institute of Design (NID), Ahmedabad",
        "राष्ट्रीय डिज़ाइन संस्थान (एनआईडी), अहमदाबाद",
        "NID Ahmedabad",
        K.DESIGN,
        "https://www.nid.edu",
        "Better design of ODOP products",
        "ओडीओपी उत्पादों के डिज़ाइन को बेहतर करना",
        [(D.DESIGNS_DEVELOPED, 100)],
        ("2026-04-06", "2026-07-14", "2026-11-03"),
    ),
    (
        "Quality Council of India (QCI)",
        "भारतीय गुणवत्ता परिषद (क्यूसीआई)",
        "QCI",
        K.QUALITY,
        "https://www.qcin.org",
        "Standardised quality parameters, so that quality is assured and products may carry "
        "the ODOP logo",
        "ओडीओपी उत्पादों के गुणवत्ता मानकों का मानकीकरण, जिससे गुणवत्ता सुनिश्चित हो और वे "
        "ओडीओपी लोगो का उपयोग कर सकें",
        [(D.PRODUCTS_CERTIFIED, 75)],
        ("2026-01-19", "2026-03-30", "2026-07-27"),
    ),
    (
        "Small Industries Development Bank of India (SIDBI)",
        "भारतीय लघु उद्योग विकास बैंक (सिडबी)",
        "SIDBI",
        K.FINANCE,
        "https://www.sidbi.in",
        "Easier financing for ODOP artisans' units",
        "ओडीओपी कारीगरों की इकाइयों के लिए वित्त पोषण सुगम बनाना",
        [(D.LOANS_SANCTIONED, 1000), (D.LOAN_AMOUNT, 250000000)],
        ("2026-02-02", "2026-05-04", "2026-09-14"),
    ),
]

# What the officers wrote, in English and in Hindi.
NOTES = {
    Stage.IDENTIFIED: (
        "Proposed by the ODOP cell as a partner for the programme.",
        "ओडीओपी प्रकोष्ठ द्वारा कार्यक्रम में सहयोगी संस्था के रूप में प्रस्तावित।",
    ),
    Stage.IN_TALKS: (
        "First meeting held; the partner shared its standard terms.",
        "प्रथम बैठक सम्पन्न; सहयोगी संस्था ने अपनी मानक शर्तें साझा कीं।",
    ),
    Stage.ADVANCED: (
        "Draft MoU agreed in principle; awaiting the department's vetting.",
        "एमओयू के मसौदे पर सैद्धांतिक सहमति; विभाग द्वारा परीक्षण की प्रतीक्षा है।",
    ),
}
NEXT_STEP = (
    "Send the vetted draft to the partner for signature.",
    "परीक्षित मसौदा हस्ताक्षर हेतु सहयोगी संस्था को भेजना।",
)
# This MoU's next step is written in English only, so the Hindi pages and the Hindi report
# show how English text is marked there.
NEXT_STEP_ENGLISH_ONLY = "QCI"


def _at(day: str) -> datetime:
    return timezone.make_aware(datetime.combine(date.fromisoformat(day), time(11, 0)))


def mou_demo_load(*, officer) -> None:
    """Create the eight partners and their MoUs with a short history; safe to run again."""
    with transaction.atomic():
        for row in PARTNERS:
            _load_one(row, officer)


def _load_one(row, officer) -> None:
    name_en, name_hi, short, kind, website, purpose_en, purpose_hi, targets, dates = row
    partner, _ = Partner.objects.get_or_create(
        name_en=name_en,
        defaults={"name_hi": name_hi, "short_name": short, "kind": kind, "website": website},
    )
    if MoU.objects.filter(partner=partner).exists():
        return
    stages = [Stage.IDENTIFIED, Stage.IN_TALKS, Stage.ADVANCED]
    when = [_at(day) for day in dates]
    next_en, next_hi = NEXT_STEP
    if short == NEXT_STEP_ENGLISH_ONLY:
        next_hi = ""
    mou = MoU.objects.create(
        partner=partner,
        title_en=f"MoU with {short} for ODOP products",
        title_hi=f"ओडीओपी उत्पादों हेतु {name_hi} के साथ समझौता ज्ञापन",
        purpose_en=purpose_en,
        purpose_hi=purpose_hi,
        nodal_officer=officer,
        stage=Stage.ADVANCED,
        stage_changed_at=when[-1],
        last_update_at=when[-1],
        next_step_en=next_en,
        next_step_hi=next_hi,
    )
    MoUStageChange.objects.bulk_create(
        MoUStageChange(
            mou=mou,
            from_stage=stages[index - 1] if index else "",
            to_stage=stage,
            changed_at=when[index],
            changed_by=officer,
            note_en=NOTES[stage][0],
            note_hi=NOTES[stage][1],
            next_step_en=next_en if stage == Stage.ADVANCED else "",
            next_step_hi=next_hi if stage == Stage.ADVANCED else "",
        )
        for index, stage in enumerate(stages)
    )
    Deliverable.objects.bulk_create(
        Deliverable(mou=mou, kind=deliverable_kind, target=target)
        for deliverable_kind, target in targets
    )
