"""What the leg reads straight from the stack's database: row counts and report-job state for
its assertions, and one row lock a drill holds. Everything else goes through HTTP."""

import contextlib

import psycopg2
import psycopg2.extras
from psycopg2 import sql


class Database:
    def __init__(self, url: str):
        self.url = url

    @contextlib.contextmanager
    def _cursor(self):
        # A connection per question: drills stop and start the cluster in between.
        connection = psycopg2.connect(self.url, connect_timeout=5)
        connection.autocommit = True
        try:
            with connection.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cursor:
                yield cursor
        finally:
            connection.close()

    def count(self, table: str, **where) -> int:
        """Rows of ``table`` whose columns equal the keyword values."""
        query = sql.SQL("SELECT count(*) AS n FROM {}").format(sql.Identifier(table))
        if where:
            query += sql.SQL(" WHERE ") + sql.SQL(" AND ").join(
                sql.SQL("{} = %s").format(sql.Identifier(column)) for column in where
            )
        with self._cursor() as cursor:
            cursor.execute(query, list(where.values()))
            return cursor.fetchone()["n"]

    def job(self, job_id: int) -> dict:
        """The report job's row: status, attempts, heartbeat_at, task_id…"""
        with self._cursor() as cursor:
            cursor.execute("SELECT * FROM reviews_reportjob WHERE id = %s", [job_id])
            return dict(cursor.fetchone())

    def offer_past_due(self, offer_id: int) -> None:
        """Move an open offer's deadline into the past, as if its 48 hours had gone by."""
        with self._cursor() as cursor:
            cursor.execute(
                "UPDATE stalls_offer SET offered_at = now() - interval '49 hours', "
                "expires_at = now() - interval '1 hour' WHERE id = %s AND status = 'open'",
                [offer_id],
            )
            assert cursor.rowcount == 1

    def lock_waits(self) -> int:
        """Backends of the portal waiting for a row lock (a render blocked by a drill)."""
        with self._cursor() as cursor:
            cursor.execute("SELECT count(*) AS n FROM pg_locks WHERE NOT granted")
            return cursor.fetchone()["n"]

    @contextlib.contextmanager
    def meeting_locked(self, meeting_id: int):
        """Hold the meeting's row lock in an open transaction until the block ends.

        The render takes this lock to number the finished report, so its job stays
        "running" meanwhile: a worker killed then dies in the middle of a job.
        """
        connection = psycopg2.connect(self.url, connect_timeout=5)
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT id FROM reviews_meeting WHERE id = %s FOR UPDATE", [meeting_id]
                )
            yield
        finally:
            connection.rollback()
            connection.close()
