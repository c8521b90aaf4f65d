"""The admin of fairs, spaces, stalls, allotments, nominations, allocations and sales; importing
the modules registers their ModelAdmins."""

from stalls.admin import fairs, nominations, sales, stalls

__all__ = ["fairs", "nominations", "sales", "stalls"]
