"""Write workflows of review meetings: ``meetings`` (meetings, agenda, action points and
compliance), ``reports`` (the status report's job) and ``report_attempts`` (the claim, fence,
heartbeat and retries of one attempt at a report)."""
