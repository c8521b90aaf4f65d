"""An HTTP client that reaches gunicorn as the HTTPS proxy in front of the portal would.

It sends the public host name with ``X-Forwarded-Proto: https`` and, on unsafe requests, a
matching ``Origin`` and ``Referer`` (Django's CSRF check over HTTPS). It keeps cookies
itself: the portal marks them Secure, and a standard cookie jar would never send them back
over the proxy's plain-HTTP hop.
"""

import http.client
import json
import re
import time
import uuid
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from tests.deployed.stack import PUBLIC_HOST

ORIGIN = f"https://{PUBLIC_HOST}"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@dataclass
class Answer:
    method: str
    path: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    seconds: float

    def header(self, name: str) -> str | None:
        values = self.headers_named(name)
        return values[0] if values else None

    def headers_named(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body)

    @property
    def location(self) -> str:
        """The redirect's target path (the portal answers with its public https URLs)."""
        target = urlsplit(self.header("Location") or "")
        return target.path + (f"?{target.query}" if target.query else "")

    def __str__(self) -> str:
        return (
            f"{self.method} {self.path} → {self.status} in {self.seconds:.2f} s: {self.text[:300]}"
        )


class Client:
    """One user agent: a browser (cookies, CSRF from forms) or a script with a token."""

    def __init__(self, port: int, *, token: str | None = None):
        self.port = port
        self.token = token
        self.cookies: dict[str, str] = {}

    # --- Requests ------------------------------------------------------------------------

    def request(
        self, method: str, path: str, *, body: bytes = b"", headers=None, timeout: float = 30
    ) -> Answer:
        sent = {
            "Host": PUBLIC_HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "127.0.0.1",
            "Accept-Language": "en",
        }
        if method not in SAFE_METHODS:
            sent |= {"Origin": ORIGIN, "Referer": ORIGIN + path}
        if self.token:
            sent["Authorization"] = f"Token {self.token}"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent |= headers or {}
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            answer = Answer(
                method, path, response.status, response.getheaders(), response.read(), 0.0
            )
        finally:
            connection.close()
        answer.seconds = time.monotonic() - started
        self._keep_cookies(answer)
        return answer

    def _keep_cookies(self, answer: Answer) -> None:
        for header in answer.headers_named("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def get(self, path: str, **query) -> Answer:
        if query:
            path = f"{path}?{urlencode(query)}"
        return self.request("GET", path, headers={"Accept": "application/json, text/html"})

    def post_form(self, path: str, fields: dict) -> Answer:
        return self.request(
            "POST",
            path,
            body=urlencode(fields).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

    def post_json(self, path: str, data=None, *, timeout: float = 30) -> Answer:
        return self.request(
            "POST",
            path,
            body=json.dumps(data or {}).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            timeout=timeout,
        )

    def post_multipart(self, path: str, fields: dict, files: dict) -> Answer:
        """``files`` maps a field to (file name, content type, bytes)."""
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content_type, content) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
            )
            parts.append(head.encode() + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(
            "POST",
            path,
            body=b"".join(parts),
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Accept": "application/json",
            },
        )

    # --- A browser's steps ---------------------------------------------------------------

    @staticmethod
    def csrf_token(page: Answer) -> str:
        found = CSRF_INPUT.search(page.text)
        assert found, f"no CSRF token in the form of {page.path}"
        return found.group(1)

    def sign_in(self, username: str, password: str) -> Answer:
        """The login page as a person uses it: GET the form, POST it with its token."""
        form = self.get("/accounts/login/")
        assert form.status == 200, form
        return self.post_form(
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": self.csrf_token(form),
                "username": username,
                "password": password,
                "next": "",
            },
        )

    # --- A script's steps ----------------------------------------------------------------

    @classmethod
    def with_token(cls, port: int, username: str, password: str) -> "Client":
        answer = cls(port).post_json(
            "/api/v1/auth/token/",
            {"username": username, "password": password, "name": "as-deployed leg"},
        )
        assert answer.status == 201, answer
        return cls(port, token=answer.json()["token"])

    def all_pages(self, path: str, **query) -> list[dict]:
        """Every row of an API list, page by page."""
        rows, page = [], 1
        while True:
            answer = self.get(path, page_size=200, page=page, **query)
            assert answer.status == 200, answer
            data = answer.json()
            rows += data["results"]
            if not data.get("next"):
                return rows
            page += 1
