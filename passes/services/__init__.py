"""Letters, passes and check-in: every write, for the pages, the API and the tasks."""

from passes.services.checkin import CheckIn, check_in
from passes.services.codes import signed, unsigned
from passes.services.credentials import (
    certificate_issue,
    credential_issue,
    credential_state,
)
from passes.services.printing import (
    print_job_render,
    print_job_request,
    print_jobs_sweep,
)

__all__ = [
    "CheckIn",
    "certificate_issue",
    "check_in",
    "credential_issue",
    "credential_state",
    "print_job_render",
    "print_job_request",
    "print_jobs_sweep",
    "signed",
    "unsigned",
]
