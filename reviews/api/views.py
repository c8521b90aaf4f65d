"""Review meetings through the API; each write calls the service the pages and admin call.

Meetings and reports are state-level: a user who may not see them (district staff) gets 404,
as on the pages. The Principal Secretary reads (approved reports only) and writes nothing.
"""

from django.db import transaction
from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed

from core.api.viewsets import ActionScopedMixin, ReadOnlyViewSet
from reviews.api import filtersets as f
from reviews.api import serializers as s
from reviews.api.permissions import ReviewPermissions
from reviews.models import ActionPoint, AgendaItem, ComplianceUpdate, Meeting, ReportJob
from reviews.selectors import action_point_list, meeting_list
from reviews.services.meetings import action_point_save, compliance_update_add, meeting_save
from reviews.services.reports import report_approve, report_request
from reviews.views import ReportDownloadView

REFUSED_APPROVAL = OpenApiResponse(
    description="The report cannot be approved: not_finished (queued, being prepared or "
    "failed) or already_approved."
)


class MeetingViewSet(
    ActionScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Review meetings with their agenda and attendees. Cell officers record (``POST``) and
    change (``PUT``/``PATCH``) them; ``reports`` asks for the status report of a meeting."""

    queryset = Meeting.objects.all()
    serializer_class = s.MeetingSerializer
    filterset_class = f.MeetingFilterSet
    permission_classes = [ReviewPermissions]
    hidden_without_view = True
    action_permissions = {"reports": ["reviews.add_reportjob"]}
    action_scopes = {"reports": "view"}

    def get_queryset(self):
        if self.request.method in ("GET", "HEAD"):
            return self._read_queryset()
        return super().get_queryset()

    def _read_queryset(self):
        return meeting_list(user=self.request.user).prefetch_related(
            "attendees",
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position", "pk")),
        )

    def _read(self, meeting, code=status.HTTP_200_OK):
        """The meeting as the list shows it, with its counts."""
        return self._respond(s.MeetingSerializer, self._read_queryset().get(pk=meeting.pk), code)

    def _save(self, meeting, values):
        attendees = values.pop("attendees", None)
        for name, value in values.items():
            setattr(meeting, name, value)
        with transaction.atomic():
            meeting = meeting_save(meeting=meeting, user=self.request.user)
            if attendees is not None:
                meeting.attendees.set(attendees)
        return meeting

    @extend_schema(request=s.MeetingWriteSerializer, responses={201: s.MeetingSerializer})
    def create(self, request, *args, **kwargs):
        data = s.MeetingWriteSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        meeting = self._save(Meeting(), dict(data.validated_data))
        return self._read(meeting, status.HTTP_201_CREATED)

    @extend_schema(request=s.MeetingWriteSerializer, responses=s.MeetingSerializer)
    def update(self, request, *args, partial=False, **kwargs):
        meeting = self.get_object()
        data = s.MeetingWriteSerializer(
            meeting, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        return self._read(self._save(meeting, dict(data.validated_data)))

    @extend_schema(request=s.MeetingWriteSerializer, responses=s.MeetingSerializer)
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(
        request=s.ReportRequestSerializer,
        responses={202: s.ReportJobSerializer},
        description="Ask for the status report of the meeting in a language. A report of the "
        "same meeting and language already queued or being prepared is answered instead of "
        "starting a second one. Follow the job at ``report-jobs/{id}/``.",
    )
    @action(detail=True, methods=["post"])
    def reports(self, request, pk=None):
        meeting = self.get_object()
        data = s.ReportRequestSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        job, _created = report_request(meeting=meeting, user=request.user, **data.validated_data)
        return self._respond(s.ReportJobSerializer, job, status.HTTP_202_ACCEPTED)


class ActionPointViewSet(
    ActionScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Decisions of meetings, soonest due first; district staff see their district's. Cell
    officers record and correct them; ``updates`` reports compliance (the owner district's
    staff or the cell), which is how the status changes."""

    queryset = ActionPoint.objects.all()
    serializer_class = s.ActionPointSerializer
    filterset_class = f.ActionPointFilterSet
    permission_classes = [ReviewPermissions]
    action_permissions = {"updates": ["reviews.add_complianceupdate"]}
    action_scopes = {"updates": "view"}

    def get_queryset(self):
        if self.request.method in ("GET", "HEAD"):
            return action_point_list(user=self.request.user)
        return super().get_queryset().select_related("meeting", "district", "owner_officer")

    def _save(self, point, values):
        for name, value in values.items():
            setattr(point, name, value)
        point = action_point_save(action_point=point, user=self.request.user)
        return action_point_list(user=self.request.user).get(pk=point.pk)

    @extend_schema(request=s.ActionPointWriteSerializer, responses={201: s.ActionPointSerializer})
    def create(self, request, *args, **kwargs):
        data = s.ActionPointWriteSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        point = self._save(ActionPoint(), dict(data.validated_data))
        return self._respond(s.ActionPointSerializer, point, status.HTTP_201_CREATED)

    @extend_schema(request=s.ActionPointWriteSerializer, responses=s.ActionPointSerializer)
    def update(self, request, *args, partial=False, **kwargs):
        point = self.get_object()
        data = s.ActionPointWriteSerializer(
            point, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        return self._respond(s.ActionPointSerializer, self._save(point, dict(data.validated_data)))

    @extend_schema(request=s.ActionPointWriteSerializer, responses=s.ActionPointSerializer)
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(
        request=s.ComplianceUpdateAddSerializer,
        responses={201: s.ComplianceUpdateSerializer},
        description="Report what was done (``text_en``, ``text_hi`` or both) and the status "
        "now. Past the due date and not complied, a reason for the delay is required in either "
        "language (400 at ``reason_en``, or ``reason_hi`` for a Hindi request); a complied or "
        "dropped point takes no more updates; only the ODOP cell drops one.",
    )
    @action(detail=True, methods=["post"])
    def updates(self, request, pk=None):
        point = self.get_object()
        data = s.ComplianceUpdateAddSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        update = compliance_update_add(action_point=point, user=request.user, **data.validated_data)
        return self._respond(s.ComplianceUpdateSerializer, update, status.HTTP_201_CREATED)


class ComplianceUpdateViewSet(ReadOnlyViewSet):
    """What was reported on each action point, oldest first (``?action_point=`` for one
    point's). Read-only: updates are added at ``action-points/{id}/updates/``."""

    queryset = ComplianceUpdate.objects.select_related("by").order_by("action_point_id", "on", "pk")
    serializer_class = s.ComplianceUpdateSerializer
    filterset_class = f.ComplianceUpdateFilterSet

    def check_permissions(self, request):
        # Writes are not offered here: say so, whatever the user's rights.
        if self.action is None and request.user.is_authenticated:
            raise MethodNotAllowed(request.method)
        super().check_permissions(request)


class ReportJobViewSet(
    ActionScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Status reports: each job's progress (status, attempts), then the archived PDF (version,
    pages, data cut-off, approval). ``download`` sends the PDF as an attachment; cell officers
    ``approve`` a finished report, which the Principal Secretary and the attendees may then
    read. ``?status=succeeded`` is the archive."""

    queryset = ReportJob.objects.select_related("meeting", "requested_by", "approved_by")
    serializer_class = s.ReportJobSerializer
    filterset_class = f.ReportJobFilterSet
    permission_classes = [ReviewPermissions]
    hidden_without_view = True
    action_permissions = {"approve": ["reviews.approve_reportjob"]}
    action_scopes = {"approve": "view"}

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
        filters=False,
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        # The page's download: scoped by the same selector (404 until the report is ready),
        # sent as an attachment with nosniff.
        return ReportDownloadView.as_view()(request._request, pk=pk)

    @extend_schema(request=None, responses={200: s.ReportJobSerializer, 409: REFUSED_APPROVAL})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._respond(
            s.ReportJobSerializer, report_approve(job=self.get_object(), user=request.user)
        )
