"""Admin building blocks shared by every app's admin."""


class ScopedAdminMixin:
    """Admin querysets and foreign-key choices pass through the scoping method."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if hasattr(queryset, "for_user"):
            queryset = queryset.for_user(request.user)
        return queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model._default_manager.all()
        if "queryset" not in kwargs and hasattr(related, "for_user"):
            kwargs["queryset"] = related.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
