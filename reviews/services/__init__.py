"""Write workflows of review meetings: ``meetings`` (meetings, agenda, action points and
compliance, one record at a time), ``meeting_rows`` (a meeting with its agenda and action
points from one page, all or nothing), ``reports`` (the status report's job) and
``report_attempts`` (the claim, fence, heartbeat and retries of one attempt at a report)."""
