"""Every text the browser client (live.js) shows, translated on the server."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def client_strings():
    """Every text the browser client shows, translated on the server."""
    return {
        "connecting": _("Connecting…"),
        "live": _("Live"),
        "reconnecting": _("Reconnecting…"),
        "closed": _("This room is closed. Questions and votes are paused."),
        "awaiting": _("Awaiting moderation"),
        "answered": _("Answered"),
        "pinned": _("Pinned"),
        "highlighted": _("Highlighted"),
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
        "approve": _("Approve"),
        "editApprove": _("Edit and approve"),
        "saveApprove": _("Save and approve"),
        "cancel": _("Cancel"),
        "reject": _("Reject"),
        "markAnswered": _("Mark answered"),
        "pin": _("Pin"),
        "unpin": _("Unpin"),
        "highlight": _("Highlight"),
        "archive": _("Archive"),
        "sent": _("Thank you. Your question was sent."),
        "sentModerated": _("Thank you. Your question awaits moderation."),
        "editLabel": _("Edit the question"),
    }
