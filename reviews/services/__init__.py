"""Write workflows of review meetings: ``meetings`` (meetings, agenda, action points and
compliance) and ``reports`` (the status report's job)."""
