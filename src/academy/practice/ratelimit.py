"""The public volunteer form's rate limit: the shared fixed-window counter
(`academy.core.ratelimit.over_limit`, per client address) with the volunteer form's policy."""

from __future__ import annotations

from academy.core.ratelimit import over_limit

# Our policy: 5 applications per address per hour is plenty for a person, little for a bot.
VOLUNTEER_LIMIT = 5
VOLUNTEER_WINDOW_SECONDS = 3600

__all__ = ["VOLUNTEER_LIMIT", "VOLUNTEER_WINDOW_SECONDS", "over_limit"]
