"""The number of database queries of each response, in the ``X-Bench-Queries`` header."""

from django.db import connection

HEADER = "X-Bench-Queries"


class _Counter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def query_count(get_response):
    def middleware(request):
        counter = _Counter()
        with connection.execute_wrapper(counter):
            response = get_response(request)
        response[HEADER] = str(counter.count)
        return response

    return middleware
