from rest_framework.routers import SimpleRouter

from districts.api import views

router = SimpleRouter()
router.register("divisions", views.DivisionViewSet, basename="division")
router.register("districts", views.DistrictViewSet, basename="district")
router.register("products", views.ProductViewSet, basename="product")
urlpatterns = router.urls
