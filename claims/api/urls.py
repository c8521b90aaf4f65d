from rest_framework.routers import SimpleRouter

from claims.api import views

router = SimpleRouter()
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("sanctions", views.SanctionViewSet, basename="sanction")
router.register("mda-rules", views.SchemeRuleViewSet, basename="schemerule")
router.register("mda-budgets", views.BudgetViewSet, basename="budget")
urlpatterns = router.urls
