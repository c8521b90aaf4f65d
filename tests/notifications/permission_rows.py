"""Permission-matrix rows for notices: each user reads only their own."""

from tests.conftest import PERSONAS

ALL_302 = dict.fromkeys(PERSONAS, 302)
LOGIN_REQUIRED = {**dict.fromkeys(PERSONAS, 200), "anonymous": 302}
# The notice belongs to lucknow_staff: everyone else gets 404, not a hint that it exists.
OWN_NOTICE = {**dict.fromkeys(PERSONAS, 404), "anonymous": 302, "lucknow_staff": 302}

ROWS = {
    "notifications:list": ("get", None, "", LOGIN_REQUIRED),
    "notifications:read": ("post", lambda objs: [objs["notice"].pk], "", OWN_NOTICE),
    "notifications:read_all": ("post", None, "", ALL_302),
}
