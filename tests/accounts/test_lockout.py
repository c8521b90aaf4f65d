"""Failed sign-ins are counted in the database, per user name and address, within a window."""

import datetime

import pytest
from django.utils import timezone

from accounts.lockout import login_failed, login_failures_purge, login_is_locked, login_succeeded
from accounts.models import LoginFailure
from accounts.tasks import purge_login_failures

PAIR = {"username": "Officer", "address": "10.0.0.1"}


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_LOCKOUT_MINUTES = 15


def test_the_pair_is_locked_at_the_limit_and_the_name_is_case_blind(db):
    for _ in range(2):
        login_failed(**PAIR)
    assert not login_is_locked(**PAIR)
    login_failed(username="officer ", address="10.0.0.1")
    assert login_is_locked(**PAIR)
    assert not login_is_locked(username="officer", address="10.0.0.2")
    assert LoginFailure.objects.get().failures == 3  # only a hash of the pair is stored
    assert "officer" not in LoginFailure.objects.get().key


def test_a_window_that_ended_starts_counting_again(db):
    for _ in range(3):
        login_failed(**PAIR)
    LoginFailure.objects.update(window_ends_at=timezone.now() - datetime.timedelta(seconds=1))
    assert not login_is_locked(**PAIR)
    login_failed(**PAIR)
    assert LoginFailure.objects.get().failures == 1


def test_a_successful_sign_in_forgets_the_failures(db):
    login_failed(**PAIR)
    login_succeeded(**PAIR)
    assert LoginFailure.objects.count() == 0


def test_the_hourly_purge_forgets_ended_windows_only(db):
    login_failed(**PAIR)
    login_failed(username="other", address="10.0.0.1")
    LoginFailure.objects.filter(pk=LoginFailure.objects.first().pk).update(
        window_ends_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert purge_login_failures.delay().get() == 1
    assert login_failures_purge() == 0
    assert LoginFailure.objects.count() == 1
