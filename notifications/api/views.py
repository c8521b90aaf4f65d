"""The user's own notices; another user's notice answers 404."""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from notifications.api.serializers import NoticeSerializer, ReadAllSerializer
from notifications.filtersets import NoticeFilterSet
from notifications.models import Notice
from notifications.selectors import notice_list
from notifications.services import notice_mark_read, notices_mark_all_read


class NoticeViewSet(viewsets.ReadOnlyModelViewSet):
    """Reminders left for you (MoUs expiring or without an update), newest first, in the
    language of the request."""

    # Notices carry no model permissions: everyone has their own, and only their own.
    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"[0-9]{1,19}"  # as every viewset: only an id reaches the view
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
