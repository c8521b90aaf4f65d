from rest_framework.routers import SimpleRouter

from stalls.api import views

router = SimpleRouter()
router.register("stalls", views.StallViewSet, basename="stall")
router.register("allotments", views.AllotmentViewSet, basename="allotment")
router.register("nominations", views.NominationViewSet, basename="nomination")
router.register("allocations", views.AllocationViewSet, basename="allocation")
router.register("daily-sales", views.DailySaleViewSet, basename="dailysale")
urlpatterns = router.urls
