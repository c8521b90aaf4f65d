from rest_framework.routers import SimpleRouter

from notifications.api import views

router = SimpleRouter()
router.register("notices", views.NoticeViewSet, basename="notice")
urlpatterns = router.urls
