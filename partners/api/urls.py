from rest_framework.routers import SimpleRouter

from partners.api import views

router = SimpleRouter()
router.register("partners", views.PartnerViewSet, basename="partner")
router.register("partner-contacts", views.ContactPersonViewSet, basename="contactperson")
urlpatterns = router.urls
