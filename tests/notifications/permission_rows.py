"""Permission-matrix rows for notices: each user reads only their own."""

from tests.conftest import PERSONAS
from tests.permissions.rows import ALL_302, LOGIN_REQUIRED, pk_of, url

# The notice belongs to lucknow_staff: everyone else gets 404, not a hint that it exists.
OWN_NOTICE = {**dict.fromkeys(PERSONAS, 404), "anonymous": 302, "lucknow_staff": 302}

ROWS = {
    **url("notifications:list", get=LOGIN_REQUIRED, options=LOGIN_REQUIRED),
    **url("notifications:read", pk_of("notice"), post=OWN_NOTICE, options=LOGIN_REQUIRED),
    **url("notifications:read_all", post=ALL_302, options=LOGIN_REQUIRED),
}
