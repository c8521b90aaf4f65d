from rest_framework.routers import SimpleRouter

from mous.api import views

router = SimpleRouter()
router.register("mous", views.MoUViewSet, basename="mou")
router.register("mou-stage-history", views.StageChangeViewSet, basename="moustagechange")
router.register("mou-deliverables", views.DeliverableViewSet, basename="deliverable")
router.register("mou-progress", views.ProgressEntryViewSet, basename="progressentry")
router.register("mou-documents", views.MoUDocumentViewSet, basename="moudocument")
urlpatterns = router.urls
