"""Drill: scripts with a token. A token request is stateless: no cookie, no session row (a
script polling every minute must not fill django_session)."""


def test_token_requests_set_no_cookie_and_store_no_session(api, database, demo_meeting):
    before = database.count("django_session")
    answers = [
        api.get("/api/v1/fairs/"),
        api.get("/api/v1/auth/me/"),
        api.get(f"/api/v1/meetings/{demo_meeting['id']}/"),
        api.post_json("/api/v1/notices/read-all/"),
    ]
    for answer in answers:
        assert answer.status == 200, answer
        assert answer.headers_named("Set-Cookie") == [], f"{answer}: {answer.headers}"
    assert database.count("django_session") == before
