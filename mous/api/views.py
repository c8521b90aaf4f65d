"""The MoU pipeline through the API; each write calls the service the pages and admin call."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.parsers import MultiPartParser

from core.api.viewsets import ActionScopedMixin, ReadOnlyViewSet, ScopedQuerysetMixin
from mous.api import filtersets as f
from mous.api import serializers as s
from mous.models import Deliverable, MoU, MoUDocument, MoUStageChange, ProgressEntry
from mous.selectors import mou_list
from mous.services import (
    mou_create,
    mou_document_add,
    mou_note_add,
    mou_stage_move,
    mou_update,
    progress_entry_add,
    progress_entry_correct,
)
from mous.views import MoUDocumentDownloadView

REFUSED = OpenApiResponse(
    description="A refused step: not_allowed_transition (the stage table does not allow the "
    "move), or invalid (a field; see ``fields``)."
)
SINCE = OpenApiParameter(
    "since",
    OpenApiTypes.DATE,
    description="The window of ``changes_since``; 30 days back by default.",
)


class MoUViewSet(
    ActionScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """MoUs with where each stands. ``POST`` records one, ``PUT``/``PATCH`` change its facts;
    the stage changes only through ``move-stage`` (along the allowed transitions) and news
    without a change of stage through ``note``."""

    queryset = MoU.objects.select_related("partner")
    serializer_class = s.MoUSerializer
    filterset_class = f.MoUApiFilterSet
    action_scopes = {"move_stage": "change", "note": "change"}

    def get_queryset(self):
        if self.request.method in ("GET", "HEAD"):
            return mou_list(user=self.request.user, since=self._since())
        return super().get_queryset()

    def _since(self):
        form = f.MoUApiFilterSet(self.request.query_params, queryset=MoU.objects.none()).form
        return form.cleaned_data.get("since") if form.is_valid() else None

    def _read(self, mou):
        """The MoU as the list shows it, with its status computed in the database."""
        return self._respond(s.MoUSerializer, mou_list(user=self.request.user).get(pk=mou.pk))

    @extend_schema(parameters=[SINCE])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(parameters=[SINCE])
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(request=s.MoUCreateSerializer, responses={201: s.MoUSerializer})
    def create(self, request, *args, **kwargs):
        data = s.MoUCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        note = {"note_en": values.pop("note_en"), "note_hi": values.pop("note_hi")}
        mou = mou_create(mou=MoU(**values), user=request.user, **note)
        response = self._read(mou)
        response.status_code = status.HTTP_201_CREATED
        return response

    @extend_schema(request=s.MoUUpdateSerializer, responses=s.MoUSerializer)
    def update(self, request, *args, partial=False, **kwargs):
        mou = self.get_object()
        data = s.MoUUpdateSerializer(
            mou, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        for name, value in data.validated_data.items():
            setattr(mou, name, value)
        return self._read(mou_update(mou=mou, user=request.user))

    @extend_schema(request=s.MoUUpdateSerializer, responses=s.MoUSerializer)
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(request=s.MoveStageSerializer, responses={200: s.MoUSerializer, 400: REFUSED})
    @action(detail=True, methods=["post"], url_path="move-stage")
    def move_stage(self, request, pk=None):
        data = s.MoveStageSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        moved = mou_stage_move(mou=self.get_object(), user=request.user, **data.validated_data)
        return self._read(moved)

    @extend_schema(request=s.NoteSerializer, responses=s.MoUSerializer)
    @action(detail=True, methods=["post"])
    def note(self, request, pk=None):
        data = s.NoteSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        noted = mou_note_add(mou=self.get_object(), user=request.user, **data.validated_data)
        return self._read(noted)


class StageChangeViewSet(ReadOnlyViewSet):
    """The append-only timeline of every MoU: read-only (any write answers 405)."""

    queryset = MoUStageChange.objects.select_related("changed_by")
    serializer_class = s.StageChangeSerializer
    filterset_class = f.MoUStageChangeFilterSet

    def check_permissions(self, request):
        # Nobody holds a write permission on history: say the method is not offered, not that
        # the user lacks a right that does not exist.
        if self.action is None and request.user.is_authenticated:
            raise MethodNotAllowed(request.method)
        super().check_permissions(request)


class DeliverableViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """What an MoU is meant to deliver, with what has been achieved so far (the sum of its
    progress entries) and the percentage of the target."""

    queryset = Deliverable.objects.all()
    serializer_class = s.DeliverableSerializer
    filterset_class = f.DeliverableFilterSet

    def get_queryset(self):
        # The sum groups the rows, which drops the model's default ordering: name it again.
        return super().get_queryset().with_achieved().order_by(*Deliverable._meta.ordering)

    def perform_create(self, serializer):
        super().perform_create(serializer)  # saves and records the audit entry
        serializer.instance = Deliverable.objects.with_achieved().get(pk=serializer.instance.pk)

    def perform_update(self, serializer):
        super().perform_update(serializer)
        serializer.instance = Deliverable.objects.with_achieved().get(pk=serializer.instance.pk)


class ProgressEntryViewSet(
    ActionScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Dated progress towards a deliverable; ``POST`` records one (it counts as an update of
    the MoU). Saved entries are not changed: ``correct`` records a correction, with its
    reason, that supersedes the entry (``current=true`` lists the entries that count)."""

    queryset = ProgressEntry.objects.select_related("corrected_by", "deliverable")
    serializer_class = s.ProgressEntrySerializer
    filterset_class = f.ProgressEntryFilterSet
    action_scopes = {"correct": "correct"}

    @extend_schema(
        request=s.ProgressCorrectionSerializer,
        responses={201: s.ProgressEntrySerializer, 409: REFUSED},
    )
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        data = s.ProgressCorrectionSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        correction = progress_entry_correct(
            entry=self.get_object(), user=request.user, **data.validated_data
        )
        return self._respond(s.ProgressEntrySerializer, correction, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.ProgressEntryCreateSerializer, responses={201: s.ProgressEntrySerializer}
    )
    def create(self, request, *args, **kwargs):
        data = s.ProgressEntryCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["deliverable"] = get_object_or_404(
            Deliverable.objects.for_user(request.user), pk=values["deliverable"]
        )
        entry = progress_entry_add(user=request.user, **values)
        return self._respond(s.ProgressEntrySerializer, entry, status.HTTP_201_CREATED)


class MoUDocumentViewSet(
    ActionScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The signed MoU and its annexes: metadata, ``download`` (the PDF as an attachment) and
    upload (``POST`` multipart/form-data; the content must be a PDF within the size cap)."""

    queryset = MoUDocument.objects.all()
    serializer_class = s.MoUDocumentSerializer
    filterset_class = f.MoUDocumentFilterSet
    parser_classes = [MultiPartParser]

    @extend_schema(request=s.MoUDocumentUploadSerializer, responses={201: s.MoUDocumentSerializer})
    def create(self, request, *args, **kwargs):
        data = s.MoUDocumentUploadSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["mou"] = get_object_or_404(
            MoU.objects.for_user(request.user, "change"), pk=values["mou"]
        )
        document = mou_document_add(document=MoUDocument(**values), user=request.user)
        return self._respond(s.MoUDocumentSerializer, document, status.HTTP_201_CREATED)

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
        filters=False,
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        # The page's download: scoped by the same selector, sent as an attachment with nosniff.
        return MoUDocumentDownloadView.as_view()(request._request, pk=pk)
