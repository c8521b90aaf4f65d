from rest_framework.routers import SimpleRouter

from stalls.api import views

router = SimpleRouter()
router.register("stalls", views.StallViewSet, basename="stall")
router.register("allotments", views.AllotmentViewSet, basename="allotment")
router.register("allotment-requests", views.AllotmentRequestViewSet, basename="allotmentrequest")
router.register("allocation-rules", views.AllocationRuleViewSet, basename="allocationrule")
router.register("draws", views.DrawViewSet, basename="draw")
router.register("nominations", views.NominationViewSet, basename="nomination")
router.register("offers", views.OfferViewSet, basename="offer")
router.register("allocations", views.AllocationViewSet, basename="allocation")
router.register("daily-sales", views.DailySaleViewSet, basename="dailysale")
# The fair's coverage answers under the fair's address; the fair itself is events' route.
router.register("fairs", views.FairCoverageViewSet, basename="fair")
urlpatterns = router.urls
