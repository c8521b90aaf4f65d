"""The stall workflows as API actions; each calls the same service the pages call."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from core.api.viewsets import ScopedQuerysetMixin, WorkflowViewSet
from districts.models import District
from events.models import Fair
from exhibitors.models import Exhibitor
from stalls import sales
from stalls.api import serializers as s
from stalls.filtersets import (
    AllocationFilterSet,
    AllotmentFilterSet,
    AllotmentRequestFilterSet,
    DailySaleFilterSet,
    NominationFilterSet,
    StallFilterSet,
)
from stalls.models import (
    Allocation,
    AllocationRuleChange,
    Allotment,
    AllotmentRequest,
    DailySale,
    Draw,
    Nomination,
    Offer,
    Stall,
)
from stalls.selectors import fair_coverage, waiting_positions
from stalls.services import (
    allocation_cancel,
    allocation_create,
    allocation_move,
    allocation_rule_set,
    allotment_request_grant,
    allotment_request_refuse,
    allotment_request_submit,
    allotment_set,
    coverage_first_set,
    draw_perform,
    draw_publish,
    nomination_approve,
    nomination_reject,
    nomination_submit,
    nomination_withdraw,
    offer_accept,
    offer_decline,
    reserved_shares_set,
    stalls_create,
)

CONFLICT = OpenApiResponse(
    description="A scarce resource is taken: stall_taken, capacity_exceeded, busy…"
)


class StallViewSet(WorkflowViewSet):
    """Stalls of units spaces; ``POST`` adds numbered stalls within the space's capacity."""

    queryset = Stall.objects.all()
    serializer_class = s.StallSerializer
    filterset_class = StallFilterSet

    @extend_schema(
        request=s.StallCreateSerializer,
        responses={201: s.StallSerializer(many=True), 409: CONFLICT},
    )
    def create(self, request, *args, **kwargs):
        data = s.StallCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        stalls = stalls_create(user=request.user, **data.validated_data)
        return Response(s.StallSerializer(stalls, many=True).data, status=status.HTTP_201_CREATED)


class AllotmentViewSet(WorkflowViewSet):
    """Stalls or m² of a space reserved for a district; ``POST`` creates or changes one."""

    queryset = Allotment.objects.select_related("space")
    serializer_class = s.AllotmentSerializer
    filterset_class = AllotmentFilterSet

    @extend_schema(
        request=s.AllotmentSetSerializer, responses={201: s.AllotmentSerializer, 409: CONFLICT}
    )
    def create(self, request, *args, **kwargs):
        data = s.AllotmentSetSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["district"] = get_object_or_404(District, pk=values["district"])
        allotment = allotment_set(user=request.user, **values)
        return self._respond(s.AllotmentSerializer, allotment, status.HTTP_201_CREATED)


class AllotmentRequestViewSet(WorkflowViewSet):
    """Requests for more places than a district's allotment: district staff ``POST`` one for
    their district with a reason; the cell grants it (the allotment grows, 409 beyond the
    space) or refuses it with a reason."""

    queryset = AllotmentRequest.objects.order_by("pk")
    serializer_class = s.AllotmentRequestSerializer
    filterset_class = AllotmentRequestFilterSet
    action_scopes = {"grant": "change", "refuse": "change"}

    @extend_schema(
        request=s.AllotmentRequestSubmitSerializer,
        responses={201: s.AllotmentRequestSerializer, 409: CONFLICT},
    )
    def create(self, request, *args, **kwargs):
        if not request.user.is_district_staff:
            raise PermissionDenied(_("Requests for more places come from district staff."))
        data = s.AllotmentRequestSubmitSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        made = allotment_request_submit(
            district=request.user.district, user=request.user, **data.validated_data
        )
        return self._respond(s.AllotmentRequestSerializer, made, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.AllotmentRequestSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def grant(self, request, pk=None):
        return self._respond(
            s.AllotmentRequestSerializer,
            allotment_request_grant(request=self.get_object(), user=request.user),
        )

    @extend_schema(
        request=s.DecisionReasonSerializer,
        responses={200: s.AllotmentRequestSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        row = self.get_object()
        data = s.DecisionReasonSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        refused = allotment_request_refuse(request=row, user=request.user, **data.validated_data)
        return self._respond(s.AllotmentRequestSerializer, refused)


class AllocationRuleViewSet(WorkflowViewSet):
    """The changes of spaces' allocation rules; ``POST`` sets a space's rule (first come, draw
    of lots, retention then lots, with its retention and rotation windows, and for a draw its
    reserved shares and coverage first), which needs a reason once allocation has started
    there and is refused (409) once its draw is published."""

    queryset = AllocationRuleChange.objects.select_related("made_by").order_by("pk")
    serializer_class = s.AllocationRuleChangeSerializer
    filterset_fields = ["space", "space__fair"]

    @extend_schema(
        request=s.AllocationRuleSetSerializer,
        responses={201: s.AllocationRuleChangeSerializer, 204: None, 409: CONFLICT},
    )
    def create(self, request, *args, **kwargs):
        data = s.AllocationRuleSetSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        values = data.validated_data
        before = values["space"].rule_changes.order_by("-pk").values_list("pk", flat=True).first()
        # All or nothing: shares or coverage refused leave the rule as it was.
        with transaction.atomic():
            space = allocation_rule_set(
                space=values["space"],
                method=values["allocation_method"],
                retention_editions=values["retention_editions"],
                rotation_editions=values["rotation_editions"],
                reason=values["reason"],
                user=request.user,
            )
            if "reserved_shares" in values:
                reserved_shares_set(
                    space=space, shares=values["reserved_shares"], user=request.user
                )
            if "coverage_first" in values:
                coverage_first_set(space=space, enabled=values["coverage_first"], user=request.user)
        change = space.rule_changes.order_by("-pk").first()
        if change is None or change.pk == before:
            return Response(status=status.HTTP_204_NO_CONTENT)  # the rule was already so
        return self._respond(s.AllocationRuleChangeSerializer, change, status.HTTP_201_CREATED)


class DrawViewSet(WorkflowViewSet):
    """Draws of lots: ``POST`` publishes a space's draw with the SHA-256 commitment of a seed
    kept secret (its entrants are the nominations approved for the draw); ``draw`` reveals
    the seed, which must match, and makes it. Made draws never change."""

    queryset = (
        Draw.objects.select_related("space")
        .prefetch_related("entrants__nomination__exhibitor")
        .order_by("pk")
    )
    serializer_class = s.DrawSerializer
    filterset_fields = ["space", "space__fair", "method"]
    action_scopes = {"draw": "add"}

    @extend_schema(
        request=s.DrawPublishSerializer, responses={201: s.DrawSerializer, 409: CONFLICT}
    )
    def create(self, request, *args, **kwargs):
        data = s.DrawPublishSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        made = draw_publish(user=request.user, **data.validated_data)
        return self._respond(s.DrawSerializer, made, status.HTTP_201_CREATED)

    @extend_schema(request=s.DrawSeedSerializer, responses={200: s.DrawSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def draw(self, request, pk=None):
        row = self.get_object()
        data = s.DrawSeedSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        made = draw_perform(draw=row, seed=data.validated_data["seed"], user=request.user)
        return self._respond(s.DrawSerializer, self.get_queryset().get(pk=made.pk))


class OfferViewSet(WorkflowViewSet):
    """Offers of freed places to the next in a space's waiting list: the district (or the cell
    for it) ``accept``s or ``decline``s before ``expires_at``; unanswered ones lapse by
    themselves and the place is offered on."""

    queryset = Offer.objects.order_by("pk")
    serializer_class = s.OfferSerializer
    filterset_fields = ["status", "space", "space__fair", "nomination"]
    action_scopes = {"accept": "change", "decline": "change"}

    @extend_schema(request=None, responses={200: s.OfferSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._respond(
            s.OfferSerializer, offer_accept(offer=self.get_object(), user=request.user)
        )

    @extend_schema(
        request=s.OfferDeclineSerializer, responses={200: s.OfferSerializer, 409: CONFLICT}
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        row = self.get_object()
        data = s.OfferDeclineSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        declined = offer_decline(offer=row, user=request.user, **data.validated_data)
        return self._respond(s.OfferSerializer, declined)


class NominationViewSet(WorkflowViewSet):
    """Nominations: district staff nominate their exhibitors; the cell approves or rejects;
    either withdraws. The waiting-list position comes with each."""

    # By id unless ?ordering= says otherwise: read through the primary key's index, and a
    # page stays the same while new records are added (they come last).
    queryset = Nomination.objects.order_by("pk")
    serializer_class = s.NominationSerializer
    filterset_class = NominationFilterSet
    action_scopes = {"approve": "change", "reject": "change", "withdraw": "change"}

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        positions = waiting_positions(space_ids={n.space_id for n in page})
        for nomination in page:
            nomination.waiting_position = positions.get(nomination.pk)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=s.NominateSerializer, responses={201: s.NominationSerializer, 409: CONFLICT}
    )
    def create(self, request, *args, **kwargs):
        data = s.NominateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["exhibitor"] = get_object_or_404(
            Exhibitor.objects.for_user(request.user), pk=values["exhibitor"]
        )
        nomination = nomination_submit(user=request.user, **values)
        return self._respond(s.NominationSerializer, nomination, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.NominationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._respond(
            s.NominationSerializer,
            nomination_approve(nomination=self.get_object(), user=request.user),
        )

    @extend_schema(request=s.ReasonSerializer, responses=s.NominationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        data = s.ReasonSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        nomination = nomination_reject(
            nomination=self.get_object(), user=request.user, **data.validated_data
        )
        return self._respond(s.NominationSerializer, nomination)

    @extend_schema(request=s.ReasonSerializer, responses=s.NominationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        data = s.ReasonSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        nomination = nomination_withdraw(
            nomination=self.get_object(), user=request.user, **data.validated_data
        )
        return self._respond(s.NominationSerializer, nomination)


class AllocationViewSet(WorkflowViewSet):
    """Places given to nominations: ``POST`` allocates a stall or an area (409 when taken);
    ``cancel`` and ``move`` need a reason."""

    queryset = Allocation.objects.select_related("stall").order_by("pk")  # as nominations
    serializer_class = s.AllocationSerializer
    filterset_class = AllocationFilterSet
    action_scopes = {"cancel": "change", "move": "change"}

    @extend_schema(
        request=s.AllocateSerializer, responses={201: s.AllocationSerializer, 409: CONFLICT}
    )
    def create(self, request, *args, **kwargs):
        data = s.AllocateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        allocation = allocation_create(user=request.user, **data.validated_data)
        return self._respond(s.AllocationSerializer, allocation, status.HTTP_201_CREATED)

    @extend_schema(request=s.ReasonSerializer, responses=s.AllocationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        data = s.ReasonSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        allocation = allocation_cancel(
            allocation=self.get_object(), user=request.user, **data.validated_data
        )
        return self._respond(s.AllocationSerializer, allocation)

    @extend_schema(request=s.MoveSerializer, responses={200: s.AllocationSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        data = s.MoveSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        moved = allocation_move(
            allocation=self.get_object(), user=request.user, **data.validated_data
        )
        return self._respond(s.AllocationSerializer, moved)


class DailySaleViewSet(WorkflowViewSet):
    """Daily sales per allocated place; ``POST`` records (or corrects) one day."""

    queryset = DailySale.objects.order_by("pk")  # as nominations
    serializer_class = s.DailySaleSerializer
    filterset_class = DailySaleFilterSet

    @extend_schema(request=s.DailySaleRecordSerializer, responses={201: s.DailySaleSerializer})
    def create(self, request, *args, **kwargs):
        data = s.DailySaleRecordSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["allocation"] = get_object_or_404(
            Allocation.objects.for_user(request.user).select_related("fair"),
            pk=values["allocation"],
        )
        sale = sales.sale_record(user=request.user, **values)
        return self._respond(s.DailySaleSerializer, sale, status.HTTP_201_CREATED)


class FairCoverageViewSet(ScopedQuerysetMixin, viewsets.GenericViewSet):
    """A fair's coverage (``/fairs/{id}/coverage/``): stalls data, so it lives in stalls."""

    queryset = Fair.objects.all()

    @extend_schema(responses=s.CoverageSerializer)
    @action(detail=True, methods=["get"])
    def coverage(self, request, pk=None):
        """Which of the 75 districts and which ODOP products have an allocated place."""
        return Response(s.CoverageSerializer(fair_coverage(fair=self.get_object())).data)
