from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from notifications.services import email_send_later


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose e-mail goes through the Celery worker."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = loader.render_to_string(subject_template_name, context)
        body = loader.render_to_string(email_template_name, context)
        email_send_later(subject=subject, body=body, recipients=[to_email])
