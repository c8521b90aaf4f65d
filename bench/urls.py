"""The portal's URLs plus the benchmark's floors (only the benchmark server loads this)."""

from django.urls import include, path

from bench import views

urlpatterns = [
    path("__bench__/bare-page/", views.bare_page, name="bench_bare_page"),
    path("__bench__/bare-list/<str:name>/", views.bare_list, name="bench_bare_list"),
    path("", include("odop_portal.urls")),
]
