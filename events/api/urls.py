from rest_framework.routers import SimpleRouter

from events.api import views

router = SimpleRouter()
router.register("fairs", views.FairViewSet, basename="fair")
router.register("spaces", views.SpaceViewSet, basename="space")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("recipients", views.RecipientViewSet, basename="recipient")
urlpatterns = router.urls
