"""Who may use the back office: passwords, sessions, API keys, conversation tokens, rate limits.

No HTTP here: ``frontdesk.api.security`` turns requests into calls on :class:`Accounts`.
"""

from frontdesk.auth.accounts import Accounts, Principal

__all__ = ["Accounts", "Principal"]
