"""The claims API: the same services, scoping and rules as the pages.

District staff create and correct their district's claims and take its steps; the cell
verifies, sanctions and pays. A step's own permission is checked by its service (403).
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action

from claims.api import serializers as s
from claims.models import Budget, Claim, Sanction, SchemeRule
from claims.services import (
    claim_create,
    claim_pay,
    claim_recommend,
    claim_reject,
    claim_return,
    claim_submit,
    claim_update,
    claim_verify,
    claims_sanction,
)
from core.api.permissions import ModelPermissions
from core.api.viewsets import ReadOnlyViewSet, WorkflowViewSet
from events.models import Fair

STEPS = {"submit", "recommend", "verify", "return_", "reject", "pay"}


class ClaimPermissions(ModelPermissions):
    """Model permissions; a workflow step needs only to see the claim here, and its service
    checks the step's own permission (recommend, verify, sanction, pay)."""

    def has_permission(self, request, view):
        if getattr(view, "action", None) in STEPS:
            user = request.user
            return bool(user and user.is_authenticated and user.has_perm("claims.view_claim"))
        return super().has_permission(request, view)


class ClaimViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, WorkflowViewSet):
    """MDA claims with their computation and eligibility (the detail carries both). Create
    and PATCH take what the district types; the portal sets the rest."""

    queryset = Claim.objects.select_related(
        "exhibitor__product", "fair", "allocation__space", "allocation__stall", "rule"
    ).order_by("pk")
    permission_classes = [ClaimPermissions]
    filterset_fields = ["status", "fair", "district", "exhibitor", "sanction"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    action_scopes = dict.fromkeys(STEPS, "view")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return s.ClaimDetailSerializer
        return s.ClaimSerializer

    @extend_schema(request=s.ClaimInputSerializer, responses={201: s.ClaimDetailSerializer})
    def create(self, request, *args, **kwargs):
        data = s.ClaimInputSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        claim = claim_create(claim=Claim(**data.validated_data), user=request.user)
        return self._respond(s.ClaimDetailSerializer, claim, status.HTTP_201_CREATED)

    @extend_schema(request=s.ClaimUpdateSerializer, responses=s.ClaimDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        claim = self.get_object()
        data = s.ClaimUpdateSerializer(
            claim, data=request.data, partial=True, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        for name, value in data.validated_data.items():
            setattr(claim, name, value)
        return self._respond(s.ClaimDetailSerializer, claim_update(claim=claim, user=request.user))

    @extend_schema(request=None, responses=s.ClaimDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        claim = claim_submit(claim=self.get_object(), user=request.user)
        return self._respond(s.ClaimDetailSerializer, claim)

    @extend_schema(request=s.ClaimNoteSerializer, responses=s.ClaimDetailSerializer)
    @action(detail=True, methods=["post"])
    def recommend(self, request, pk=None):
        claim = self.get_object()
        data = self._input(s.ClaimNoteSerializer)
        claim = claim_recommend(claim=claim, user=request.user, note=data["note"])
        return self._respond(s.ClaimDetailSerializer, claim)

    @extend_schema(request=s.VerifySerializer, responses=s.ClaimDetailSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        claim = self.get_object()
        claim = claim_verify(claim=claim, user=request.user, **self._input(s.VerifySerializer))
        return self._respond(s.ClaimDetailSerializer, claim)

    @extend_schema(request=s.ClaimReasonSerializer, responses=s.ClaimDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        claim = self.get_object()
        data = self._input(s.ClaimReasonSerializer)
        return self._respond(
            s.ClaimDetailSerializer, claim_return(claim=claim, user=request.user, **data)
        )

    @extend_schema(request=s.ClaimReasonSerializer, responses=s.ClaimDetailSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        claim = self.get_object()
        data = self._input(s.ClaimReasonSerializer)
        return self._respond(
            s.ClaimDetailSerializer, claim_reject(claim=claim, user=request.user, **data)
        )

    @extend_schema(request=s.PaySerializer, responses=s.ClaimDetailSerializer)
    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        claim = self.get_object()
        data = self._input(s.PaySerializer)
        return self._respond(
            s.ClaimDetailSerializer, claim_pay(claim=claim, user=request.user, **data)
        )

    def _input(self, serializer_class) -> dict:
        data = serializer_class(data=self.request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        return data.validated_data


class SanctionViewSet(mixins.CreateModelMixin, ReadOnlyViewSet):
    """Sanctions of verified claims; POST sanctions a fair's chosen claims together."""

    queryset = Sanction.objects.prefetch_related("orders").order_by("pk")
    serializer_class = s.SanctionSerializer
    filterset_fields = ["fair", "budget"]

    @extend_schema(request=s.SanctionInputSerializer, responses={201: s.SanctionSerializer})
    def create(self, request, *args, **kwargs):
        data = s.SanctionInputSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        fair = get_object_or_404(Fair, pk=values.pop("fair"))
        sanction = claims_sanction(
            fair=fair,
            claim_ids=values["claims"],
            number=values["number"],
            sanctioned_on=values["sanctioned_on"],
            user=request.user,
        )
        return self._respond_created(sanction)

    def _respond_created(self, sanction):
        from rest_framework.response import Response

        body = s.SanctionSerializer(sanction, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)


class SchemeRuleViewSet(ReadOnlyViewSet):
    """The scheme's rule versions; the cell keeps them in the admin."""

    queryset = SchemeRule.objects.order_by("pk")
    serializer_class = s.SchemeRuleSerializer
    filterset_fields = ["location"]


class BudgetViewSet(ReadOnlyViewSet):
    queryset = Budget.objects.order_by("pk")
    serializer_class = s.BudgetSerializer
