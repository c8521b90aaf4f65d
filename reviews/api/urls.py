from rest_framework.routers import SimpleRouter

from reviews.api import views

router = SimpleRouter()
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("action-points", views.ActionPointViewSet, basename="actionpoint")
router.register("compliance-updates", views.ComplianceUpdateViewSet, basename="complianceupdate")
router.register("report-jobs", views.ReportJobViewSet, basename="reportjob")
urlpatterns = router.urls
