"""The demo data: the source report's eight MoUs, all at the advanced stage."""

from demo.mous import mou_demo_load
from mous.models import Deliverable, MoU, MoUStageChange, Stage
from partners.models import Partner

SOURCE_PARTNERS = {
    "Alibaba.com",
    "eBay.com",
    "Flipkart.com",
    "Indian Institute of Packaging",
    "National Institute of Fashion Technology (NIFT), Raebareli",
    "National Institute of Design (NID), Ahmedabad",
    "Quality Council of India (QCI)",
    "Small Industries Development Bank of India (SIDBI)",
}


def test_the_demo_records_the_source_reports_mou_table(cell_officer):
    mou_demo_load(officer=cell_officer)
    assert set(Partner.objects.values_list("name_en", flat=True)) == SOURCE_PARTNERS
    assert set(MoU.objects.values_list("stage", flat=True)) == {Stage.ADVANCED}
    for mou in MoU.objects.all():
        history = list(mou.stage_changes.order_by("changed_at"))
        assert [row.to_stage for row in history] == ["identified", "in_talks", "advanced"]
        assert all(row.changed_at.year == 2026 for row in history)
        assert mou.stage_changed_at == history[-1].changed_at
        assert mou.nodal_officer == cell_officer
        assert mou.title_hi and mou.purpose_hi
    assert MoU.objects.get(partner__name_en="Flipkart.com").purpose_en == (
        "Sales of ODOP products through e-commerce"
    )
    assert Deliverable.objects.filter(kind=Deliverable.Kind.GMV).count() == 2


def test_the_demo_can_run_twice(cell_officer):
    mou_demo_load(officer=cell_officer)
    mou_demo_load(officer=cell_officer)
    assert MoU.objects.count() == 8
    assert MoUStageChange.objects.count() == 24
    assert Deliverable.objects.count() == 13
