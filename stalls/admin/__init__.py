"""The admin of fairs, spaces, stalls, allotments, nominations, allocations and sales; importing
the modules registers their ModelAdmins."""

from stalls.admin import draws, fairs, nominations, sales, stalls

__all__ = ["draws", "fairs", "nominations", "sales", "stalls"]
