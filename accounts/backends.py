from django.contrib.auth.backends import ModelBackend

from accounts.models import User


class PortalBackend(ModelBackend):
    """ModelBackend that loads the user's district with the user: every page shows it."""

    def get_user(self, user_id):
        try:
            user = User._default_manager.select_related("district").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
