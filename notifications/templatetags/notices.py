from django import template

from notifications.selectors import notice_unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notice_count(context) -> int:
    request = context.get("request")
    return notice_unread_count(user=getattr(request, "user", None))
