"""PII scrubber for member-support conversations: typed, conversation-consistent placeholders.

Structured identifiers come from compiled regexes with validators (Luhn, NPI, NANP, SSN ranges);
names from the member roster (warehouse.member_pii) and a census name lexicon. No dagster here.

    scrubber = PiiScrubber(Roster.from_rows(rows))
    scrubber.scrub_messages(["Hi, this is Maria Lopez.", "Thanks, Maria."]).messages
    # ["Hi, this is [MEMBER_NAME].", "Thanks, [MEMBER_NAME]."]
"""

from .detection import PII_TYPES, Detection
from .roster import Roster
from .scrubber import PLACEHOLDER, PiiScrubber, ScrubbedConversation

__all__ = ["PII_TYPES", "PLACEHOLDER", "Detection", "PiiScrubber", "Roster", "ScrubbedConversation"]
