from rest_framework.routers import SimpleRouter

from exhibitors.api import views

router = SimpleRouter()
router.register("exhibitors", views.ExhibitorViewSet, basename="exhibitor")
urlpatterns = router.urls
