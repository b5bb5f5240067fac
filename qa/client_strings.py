"""Every text the browser client (live.js) shows, translated on the server."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from .models import (
    ANSWER_MAX_LENGTH,
    OPINION_MAX_LENGTH,
    OPINION_PROMPT_MAX_LENGTH,
    POLL_MAX_OPTIONS,
    POLL_OPTION_MAX_LENGTH,
    POLL_PROMPT_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    REACTIONS,
)

# Intl.PluralRules categories, each given by a sample count (en, ko, es, ru need no more).
PLURAL_SAMPLES = (("one", 1), ("few", 2), ("many", 5), ("other", 10))


def plural_forms(forms):
    """{plural category: translated form}; the browser picks one with Intl.PluralRules.

    `forms(n)` calls ngettext itself, so that makemessages finds the strings."""
    return {category: forms(sample) for category, sample in PLURAL_SAMPLES}


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
        "limits": {
            "question": QUESTION_MAX_LENGTH,
            "answer": ANSWER_MAX_LENGTH,
            "opinion": OPINION_MAX_LENGTH,
            "opinionPrompt": OPINION_PROMPT_MAX_LENGTH,
            "pollPrompt": POLL_PROMPT_MAX_LENGTH,
            "pollOption": POLL_OPTION_MAX_LENGTH,
            "pollOptionsMin": 2,
            "pollOptionsMax": POLL_MAX_OPTIONS,
        },
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
        "voteForms": plural_forms(lambda n: ngettext("%(count)s vote", "%(count)s votes", n)),
        "noQuestions": _("No questions yet. Be the first to ask."),
        # The presenter's list leaves out answered and featured questions.
        "noOpenQuestions": _("No open questions right now."),
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
        **live_strings(),
    }


def live_strings():
    """Polls, the opinion board, reactions and translations (issue 12)."""
    return {
        # Each site language named in the page language, the default one first.
        "languages": {code: str(name) for code, name in settings.LANGUAGES},
        "defaultLanguage": settings.LANGUAGE_CODE,
        "reactions": {
            key: {"symbol": symbol, "label": str(label)}
            for key, (symbol, label) in REACTIONS.items()
        },
        "reactionsLabel": _("Reactions"),
        # "Thanks, 3 people": the label of a reaction and how many chose it.
        "reactionCount": _("%(reaction)s, %(count)s"),
        "reactionNotSent": _("Your reaction was not sent: the connection dropped."),
        # Translations of questions and opinions.
        "translatedFrom": _("Translated from %(language)s"),
        "originalIn": _("Original in %(language)s"),
        "showOriginal": _("Show original"),
        "showTranslation": _("Show translation"),
        "inMyLanguage": _("Questions in my language"),
        "noQuestionsInMyLanguage": _("No questions in your language yet."),
        "translate": pgettext("verb", "Translate"),
        "translationLanguage": _("Into"),
        "translationText": _("Translation"),
        "saveTranslation": _("Save the translation"),
        "removeTranslation": _("Remove the translation"),
        "didTranslate": _("Translation saved."),
        "didRemoveTranslation": _("Translation removed."),
        "translatedInto": _("Translated into: %(languages)s"),
        # Polls.
        "poll": _("Poll"),
        "chooseOne": _("Choose one."),
        "chooseSeveral": _("Choose one or more."),
        "sendAnswer": _("Send answer"),
        "changeAnswer": _("Change answer"),
        "answerSent": _("Thank you. Your answer was sent."),
        "chooseFirst": _("Choose an option first."),
        "yourAnswer": _("Your answer"),
        "resultsHidden": _("Results are shown when the poll closes."),
        # One option's result: "12 (40%)".
        "optionResult": _("%(count)s (%(percent)s)"),
        "answerForms": plural_forms(lambda n: ngettext("%(count)s answer", "%(count)s answers", n)),
        "pollStatus": {
            "draft": pgettext("poll status", "Prepared"),
            "open": pgettext("poll status", "Open"),
            "closed": pgettext("poll status", "Closed"),
        },
        "pastPolls": _("Past polls"),
        "noPolls": _("No polls yet. Prepare one above."),
        "openPoll": pgettext("poll action", "Open"),
        "reopenPoll": pgettext("poll action", "Open again"),
        "closePoll": pgettext("poll action", "Close"),
        "deletePoll": _("Delete"),
        "didCreatePoll": _("Poll prepared. Open it when the room is ready."),
        "didDeletePoll": _("Poll deleted."),
        "option": _("Option %(number)s"),
        "removeOption": _("Remove option %(number)s"),
        "otherLanguages": _("Other languages"),
        "addOption": _("Add an option"),
        # Opinion board.
        "board": _("Opinion board"),
        "shared": _("Thank you. Your opinion was shared."),
        "sharedModerated": _("Thank you. Your opinion awaits moderation."),
        "promptClosed": _("This board is closed. Thank you for your opinions."),
        "noOpinions": _("No opinions yet."),
        "noPendingOpinions": _("No opinions are waiting."),
        "wordCloud": _("Words used most"),
        "noWords": _("The words used most will appear here."),
        "mentionForms": plural_forms(
            lambda n: ngettext("%(count)s mention", "%(count)s mentions", n)
        ),
        "showAllOpinions": _("Show all opinions (%(count)s)"),
        "showFewerOpinions": _("Show fewer opinions"),
        "didOpenPrompt": _("The board is open."),
        "didApproveOpinion": _("Opinion published."),
        "didRejectOpinion": _("Opinion rejected."),
        "removeOpinion": _("Remove from the board"),
        "opinionNotices": {
            "published": _("Your opinion was published."),
            "rejected": _("The moderator did not publish your opinion."),
        },
        # Read out by screen readers, a few seconds apart at most.
        "announce": {
            "question": _("New question: %(text)s"),
            "opinion": _("New opinion: %(text)s"),
            "questions": plural_forms(
                lambda n: ngettext("%(count)s new question", "%(count)s new questions", n)
            ),
            "opinions": plural_forms(
                lambda n: ngettext("%(count)s new opinion", "%(count)s new opinions", n)
            ),
        },
    }
