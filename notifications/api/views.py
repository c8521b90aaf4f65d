"""The user's own notices; another user's notice answers 404."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from notifications.api.serializers import NoticeSerializer, ReadAllSerializer
from notifications.models import Notice
from notifications.selectors import notice_list
from notifications.services import notice_mark_read, notices_mark_all_read


class NoticeFilterSet(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", label=_("Unread only")
    )
    ordering = django_filters.OrderingFilter(fields=["created_at", "id"], label=_("Order by"))

    class Meta:
        model = Notice
        fields = ["code"]


class NoticeViewSet(viewsets.ReadOnlyModelViewSet):
    """Reminders left for you (MoUs expiring or without an update), newest first, in the
    language of the request."""

    # Notices carry no model permissions: everyone has their own, and only their own.
    permission_classes = [IsAuthenticated]
    queryset = Notice.objects.none()
    serializer_class = NoticeSerializer
    filterset_class = NoticeFilterSet

    def get_queryset(self):
        return notice_list(user=self.request.user)

    @extend_schema(request=None, responses=NoticeSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notice = notice_mark_read(notice=self.get_object(), user=request.user)
        return Response(NoticeSerializer(notice, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=ReadAllSerializer)
    @action(detail=False, methods=["post"], url_path="read-all", filterset_class=None)
    def read_all(self, request):
        changed = notices_mark_all_read(user=request.user)
        return Response(ReadAllSerializer({"changed": changed}).data)
