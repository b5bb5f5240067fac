"""Every text the browser client (live.js) shows, translated on the server."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH


def client_strings():
    """Every text the browser client shows, translated on the server."""
    return {
        # The one state shown in the sticky bar: the connection, or that the room is closed.
        "status": {
            "connecting": _("Connecting…"),
            "live": _("Live"),
            "reconnecting": _("Reconnecting…"),
            "offline": _("Offline"),
            "closed": _("Room closed"),
        },
        # Why the vote and send buttons are disabled.
        "paused": {
            "connecting": _("Connecting to the room. You can vote and ask once it is live."),
            "reconnecting": _(
                "The connection dropped. You can vote and ask again once it is live; "
                "your text is kept."
            ),
            "offline": _(
                "You are offline. You can vote and ask again once you are back online; "
                "your text is kept."
            ),
            "closed": _("This room is closed. Questions and votes are paused."),
        },
        "limits": {"question": QUESTION_MAX_LENGTH, "answer": ANSWER_MAX_LENGTH},
        "notSent": _("Not sent: the connection dropped. Your text is kept; send it once live."),
        "voteNotSent": _("Your vote was not sent: the connection dropped. Try again once live."),
        "awaiting": _("Awaiting moderation"),
        "answered": _("Answered"),
        "pinned": _("Pinned"),
        "featured": _("On screen"),
        "edited": _("Edited by the moderator"),
        "yours": _("Asked by you"),
        "statusRejected": _("Rejected"),
        "statusArchived": _("Archived"),
        "answerLabel": _("Answer from the moderator"),
        "anonymous": _("Anonymous"),
        "upvote": _("Upvote"),
        "upvoted": _("Upvoted"),
        # The browser picks the form with Intl.PluralRules; each form is given by a sample count.
        "voteForms": {
            category: ngettext("%(count)s vote", "%(count)s votes", sample)
            for category, sample in (("one", 1), ("few", 2), ("many", 5), ("other", 10))
        },
        "noQuestions": _("No questions yet. Be the first to ask."),
        "noPending": _("No questions are waiting."),
        "noRemoved": _("No archived or rejected questions."),
        # What the author of a question is told when a moderator acts on it.
        "notices": {
            "published": _("Your question was published."),
            "publishedEdited": _("Your question was published with edits by the moderator."),
            "answered": _("Your question was marked as answered."),
            "reply": _("The moderator wrote an answer to your question."),
            "rejected": _("The moderator did not publish your question."),
        },
        "dismiss": _("Dismiss"),
        "approve": _("Approve"),
        "editApprove": _("Edit and approve"),
        "saveApprove": _("Save and approve"),
        "cancel": _("Cancel"),
        "reject": _("Reject"),
        "markAnswered": _("Mark answered"),
        "markUnanswered": _("Mark unanswered"),
        "pin": _("Pin"),
        "unpin": _("Unpin"),
        "feature": _("Feature on screen"),
        "archive": _("Archive"),
        "restore": _("Restore"),
        "writeAnswer": _("Write an answer"),
        "editAnswer": _("Edit the answer"),
        "removeAnswer": _("Remove the answer"),
        "saveAnswer": _("Save the answer"),
        "answerEditLabel": _("Answer shown under the question"),
        "undo": _("Undo"),
        "didAnswer": _("Marked as answered."),
        "didArchive": _("Question archived."),
        "didReject": _("Question rejected."),
        "didRestore": _("Question restored."),
        "sent": _("Thank you. Your question was sent."),
        "sentModerated": _("Thank you. Your question awaits moderation."),
        "editLabel": _("Edit the question"),
    }
