from django.urls import path

from stalls import views

app_name = "stalls"

urlpatterns = [
    path("fairs/<int:pk>/nominate/", views.NominateView.as_view(), name="nominate"),
    path(
        "fairs/<int:pk>/board/stalls/<int:stall_pk>/allocate/",
        views.AllocateStallView.as_view(),
        name="allocate_stall",
    ),
    path(
        "fairs/<int:pk>/board/spaces/<int:space_pk>/allocate/",
        views.AllocateAreaView.as_view(),
        name="allocate_area",
    ),
    path(
        "fairs/<int:pk>/board/allocations/<int:allocation_pk>/move/",
        views.AllocationMoveView.as_view(),
        name="allocation_move",
    ),
    path(
        "fairs/<int:pk>/spaces/<int:space_pk>/more/",
        views.AllotmentRequestView.as_view(),
        name="allotment_request",
    ),
    path("fairs/<int:pk>/sales/", views.SalesEntryView.as_view(), name="sales"),
    path(
        "fairs/<int:pk>/sales/template/", views.SalesTemplateView.as_view(), name="sales_template"
    ),
    path("fairs/<int:pk>/sales/upload/", views.SalesUploadView.as_view(), name="sales_upload"),
    path("fairs/<int:pk>/export/", views.AllocationExportView.as_view(), name="export"),
    path("offers/<int:pk>/", views.OfferAnswerView.as_view(), name="offer"),
    path(
        "nominations/<int:pk>/withdraw/",
        views.NominationWithdrawView.as_view(),
        name="nomination_withdraw",
    ),
]
