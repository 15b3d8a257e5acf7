"""The conversation brain: LangGraph agents over one typed state, deterministic by default.

It knows nothing of audio, HTTP or SQL; storage, calendar and clock arrive as ports.
"""

from frontdesk.brain.context import Effect
from frontdesk.brain.engine import Brain, TurnOutcome, UnknownProfileError
from frontdesk.brain.state import ConversationState

__all__ = ["Brain", "ConversationState", "Effect", "TurnOutcome", "UnknownProfileError"]
