from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import TokenRequestSerializer, TokenSerializer, UserSerializer
from accounts.lockout import (
    login_failed,
    login_is_locked,
    login_logged,
    login_refused,
    login_succeeded,
)
from accounts.models import ApiToken
from accounts.services import api_token_create, api_token_revoke
from accounts.views import locked_message
from core.api.errors import error_response
from core.http import client_address


class TokenView(APIView):
    """Obtain a token with a user name and password (POST); revoke the token in use (DELETE)."""

    permission_classes = [AllowAny]

    @extend_schema(request=TokenRequestSerializer, responses={201: TokenSerializer}, auth=[])
    def post(self, request, *args, **kwargs):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        pair = {"username": data.validated_data["username"], "address": client_address(request)}
        if login_is_locked(**pair):
            login_refused(**pair, channel="api")
            return error_response(status_code=429, code="locked", message=locked_message())
        user = authenticate(
            request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if user is None:
            login_failed(**pair, channel="api")
            raise AuthenticationFailed(_("The user name or password is wrong."))
        login_succeeded(**pair)
        login_logged(user=user, address=pair["address"], channel="api")
        key, token = api_token_create(user=user, name=data.validated_data.get("name", ""))
        return Response(
            TokenSerializer({"token": key, "expires_at": token.expires_at}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, *args, **kwargs):
        if not isinstance(request.auth, ApiToken):
            raise NotAuthenticated(_("Send the token to revoke in the Authorization header."))
        api_token_revoke(token=request.auth, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    """Who the token or session belongs to."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=UserSerializer)
    def get(self, request, *args, **kwargs):
        return Response(UserSerializer(request.user).data)
