"""A per-client budget over a sliding window (previews, uploads): in memory, per process."""

from __future__ import annotations

import collections
import time


class SlidingWindow:
    """At most `limit` uses per key in any `window_s` seconds. Keys are whatever the caller
    chooses (a keyed hash of a client address); memory stays bounded."""

    def __init__(self, limit: int, window_s: float = 60.0, max_keys: int = 10_000) -> None:
        self.limit = limit
        self.window_s = window_s
        self.max_keys = max_keys
        self._seen: dict[str, collections.deque[float]] = {}

    def allow(self, key: str, now: float | None = None) -> bool:
        """Count one use of `key` and say whether it is within the budget."""
        now = time.monotonic() if now is None else now
        if len(self._seen) > self.max_keys:  # forget the quiet ones
            self._seen = {k: v for k, v in self._seen.items() if v and now - v[-1] < self.window_s}
        times = self._seen.setdefault(key, collections.deque())
        while times and now - times[0] >= self.window_s:
            times.popleft()
        if len(times) >= self.limit:
            return False
        times.append(now)
        return True
