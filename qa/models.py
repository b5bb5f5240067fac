"""Live Q&A rooms, their participants, questions, votes and the event log.

The event log is the source of truth for what clients see: every state change
writes a row with the room's next sequence number in the same transaction, so
a client that reconnects replays exactly what it missed.
"""

import json
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

# Readable codes: no 0/O or 1/I to confuse on a projector or over the phone.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
QUESTION_MAX_LENGTH = 500
# A moderator's written answer, shown under the question to everyone.
ANSWER_MAX_LENGTH = 1000
ROOM_TITLE_MAX_LENGTH = 200
# Polls and the opinion board.
POLL_PROMPT_MAX_LENGTH = 300
POLL_OPTION_MAX_LENGTH = 200
POLL_MAX_OPTIONS = 10
OPINION_PROMPT_MAX_LENGTH = 300
OPINION_MAX_LENGTH = 280
# The reactions staff may allow in a room, in the order they are shown: key -> (symbol, label).
REACTIONS = {
    "thanks": ("🙏", _("Thanks")),
    "plus_one": ("👍", _("+1")),
    "clap": ("👏", _("Applause")),
    "insightful": ("💡", _("Insightful")),
}
# Codes travel in URLs, file names and sheet names: only characters safe in all of them.
ROOM_CODE_MAX_LENGTH = 12
# What a room code in a URL may look like (any case; the room's own code is upper case).
# Anything else is not a room: the URL resolvers answer 404 before a query is made.
ROOM_CODE_URL_PATTERN = rf"[A-Za-z0-9]{{1,{ROOM_CODE_MAX_LENGTH}}}"
room_code_validator = RegexValidator(
    rf"^[A-Z0-9]{{3,{ROOM_CODE_MAX_LENGTH}}}$",
    _("Use 3 to 12 letters (A–Z) and digits, nothing else."),
    code="invalid_room_code",
)


def encode_frame(frame):
    """The one JSON encoding of a frame: compact, UTF-8 text as typed."""
    return json.dumps(frame, ensure_ascii=False, separators=(",", ":"))


def generate_room_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Room(models.Model):
    code = models.CharField(
        _("code"),
        max_length=ROOM_CODE_MAX_LENGTH,
        unique=True,
        blank=True,
        validators=[room_code_validator],
        help_text=_("3 to 12 letters and digits. Leave empty to generate a readable code."),
    )
    title = models.CharField(
        _("title"),
        max_length=ROOM_TITLE_MAX_LENGTH,
        blank=True,
        help_text=_("In each language; leave empty to use the webinar's title."),
    )
    webinar = models.ForeignKey(
        "webinars.WebinarPage",
        verbose_name=_("webinar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="qa_rooms",
        help_text=_("The room takes its title from the webinar; its organisers moderate here."),
    )
    is_open = models.BooleanField(_("open"), default=True)
    moderated = models.BooleanField(
        _("moderated"), default=True, help_text=_("Questions wait for a moderator's approval.")
    )
    allow_anonymous = models.BooleanField(_("anonymous participation allowed"), default=True)
    opinions_moderated = models.BooleanField(
        _("opinions moderated"),
        default=True,
        help_text=_("Opinions on the board wait for a moderator's approval."),
    )
    # Keys of REACTIONS participants may add to published questions; none unless staff choose.
    reactions = models.JSONField(_("reactions allowed"), default=list, blank=True)
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderators"),
        blank=True,
        related_name="moderated_qa_rooms",
    )
    interpreters = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("interpreters"),
        blank=True,
        related_name="interpreted_qa_rooms",
        help_text=_("They add translations of questions and opinions; they do not moderate."),
    )
    last_seq = models.PositiveBigIntegerField(_("last event number"), default=0, editable=False)
    # Public events carry the previous public seq, so a participant can tell a gap from a
    # moderator-only event it was never meant to see.
    last_public_seq = models.PositiveBigIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # When the room was last closed: participants' personal data is kept QA_PERSONAL_DATA_DAYS
    # after it (manage.py purge_qa_personal_data).
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Q&A room")
        verbose_name_plural = _("Q&A rooms")
        permissions = [("moderate_any_room", _("Can moderate every Q&A room"))]

    def __str__(self):
        return f"{self.display_title} ({self.code})"

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = self._unused_code()
        self.code = self.code.upper()
        self.closed_at = self.closing_time(self.is_open, self.closed_at)
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        # Typed in lower case or with spaces around it, a code is still the same code.
        self.code = (self.code or "").strip().upper()
        super().clean_fields(exclude=exclude)

    @property
    def display_title(self):
        """The title in the reader's language: the room's own, else its webinar's."""
        own = getattr(self, f"title_{translation.get_language()}", None)
        if own:
            return own
        if self.webinar_id and self.webinar:
            return self.webinar.title
        return self.title or self.code

    def clean(self):
        super().clean()
        if not (self.title or "").strip() and self.webinar_id is None:
            raise ValidationError(_("Give the room a title or choose its webinar."))
        if not isinstance(self.reactions, list) or set(self.reactions) - set(REACTIONS):
            raise ValidationError({"reactions": _("Choose reactions from the list.")})

    @property
    def allowed_reactions(self):
        """The room's reactions in the order of REACTIONS, whatever order they were saved in."""
        chosen = set(self.reactions or [])
        return [key for key in REACTIONS if key in chosen]

    @staticmethod
    def closing_time(is_open, closed_at):
        """When a room with this open state was closed: now if it has just closed."""
        if is_open:
            return None
        return closed_at or timezone.now()

    @staticmethod
    def _unused_code():
        while True:
            code = generate_room_code()
            if not Room.objects.filter(code=code).exists():
                return code

    @property
    def group_name(self):
        return f"qa.room.{self.pk}"


class Participant(models.Model):
    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.CASCADE, related_name="participants"
    )
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    organisation = models.CharField(_("organisation"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return self.display_name or str(_("Anonymous"))

    @property
    def is_anonymous(self):
        return not self.display_name


class Question(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        ARCHIVED = "archived", _("Archived")

    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.CASCADE, related_name="questions"
    )
    author = models.ForeignKey(
        Participant, verbose_name=_("author"), on_delete=models.CASCADE, related_name="questions"
    )
    text = models.TextField(_("question"), max_length=QUESTION_MAX_LENGTH)
    anonymous = models.BooleanField(_("asked anonymously"), default=False)
    language = models.CharField(_("language"), max_length=8, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    answered = models.BooleanField(_("answered"), default=False)
    pinned = models.BooleanField(_("pinned"), default=False)
    # Featured on the presenter screen: at most one question per room.
    highlighted = models.BooleanField(_("featured"), default=False)
    # The text as the participant typed it, when a moderator edited it before publishing.
    original_text = models.TextField(_("original question"), blank=True)
    answer = models.TextField(_("written answer"), max_length=ANSWER_MAX_LENGTH, blank=True)
    # Translations attached by moderators and interpreters: {language code: text}.
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    # Reaction counts by REACTIONS key, kept with the reactions themselves.
    reaction_counts = models.JSONField(default=dict, blank=True, editable=False)
    # When it was last rejected or archived, so the restore list shows the latest first.
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    vote_count = models.PositiveIntegerField(_("votes"), default=0)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [models.Index(fields=["room", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["room"],
                condition=models.Q(highlighted=True),
                name="one_featured_question_per_room",
            )
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def edited(self):
        return bool(self.original_text)

    @property
    def author_name(self):
        return "" if self.anonymous else self.author.display_name


class Vote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["question", "participant"], name="one_vote_per_person")
        ]

    def __str__(self):
        return f"{self.participant_id} → {self.question_id}"


class Reaction(models.Model):
    """One participant's reaction of one kind to one published question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="reactions")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="reactions")
    kind = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "participant", "kind"], name="one_reaction_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.kind} → {self.question_id}"


class Poll(models.Model):
    """A question put to the room with options to choose from; prepared, opened, closed."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Prepared")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.CASCADE, related_name="polls"
    )
    prompt = models.CharField(_("question"), max_length=POLL_PROMPT_MAX_LENGTH)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    hide_results = models.BooleanField(
        _("results hidden until closed"),
        default=False,
        help_text=_("Participants see the results only once the poll is closed."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    # The coalescer: when results were last announced, and the counts announced then.
    results_announced_at = models.DateTimeField(null=True, blank=True, editable=False)
    announced_counts = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("poll")
        verbose_name_plural = _("polls")

    def __str__(self):
        return self.prompt[:60]


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("option"), max_length=POLL_OPTION_MAX_LENGTH)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("poll option")
        verbose_name_plural = _("poll options")

    def __str__(self):
        return self.text[:60]


class PollAnswer(models.Model):
    """A participant's answer to a poll: one per participant and poll, changed while open."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="answers")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="poll_answers"
    )
    options = models.ManyToManyField(PollOption, related_name="answers")
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("poll answer")
        verbose_name_plural = _("poll answers")
        constraints = [
            models.UniqueConstraint(fields=["poll", "participant"], name="one_answer_per_poll")
        ]

    def __str__(self):
        return f"{self.participant_id} → {self.poll_id}"


class OpinionPrompt(models.Model):
    """What the moderator asks the room to share opinions on."""

    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.CASCADE, related_name="opinion_prompts"
    )
    text = models.CharField(_("prompt"), max_length=OPINION_PROMPT_MAX_LENGTH)
    is_open = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("opinion prompt")
        verbose_name_plural = _("opinion prompts")

    def __str__(self):
        return self.text[:60]


class Opinion(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    prompt = models.ForeignKey(
        OpinionPrompt, verbose_name=_("prompt"), on_delete=models.CASCADE, related_name="opinions"
    )
    author = models.ForeignKey(
        Participant, verbose_name=_("author"), on_delete=models.CASCADE, related_name="opinions"
    )
    text = models.CharField(_("opinion"), max_length=OPINION_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=8, blank=True)
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    # The words it adds to the word cloud, analysed once when it is posted: [[key, word], ...].
    terms = models.JSONField(default=list, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        indexes = [models.Index(fields=["prompt", "status"])]

    def __str__(self):
        return self.text[:60]


class Event(models.Model):
    """One numbered state change in a room, replayed to clients that missed it."""

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone in the room")
        MODERATORS = "moderators", _("Moderators and the question's author")

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveBigIntegerField()
    type = models.CharField(max_length=40)
    payload = models.JSONField(default=dict)
    audience = models.CharField(max_length=12, choices=Audience.choices, default=Audience.EVERYONE)
    # The author of a pending question sees its events although they are for moderators.
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["room", "seq"]
        constraints = [models.UniqueConstraint(fields=["room", "seq"], name="one_event_per_seq")]

    def __str__(self):
        return f"{self.type} #{self.seq}"

    def frame(self):
        return {"type": self.type, "seq": self.seq, **self.payload}

    def frame_text(self):
        return encode_frame(self.frame())

    def visible_to(self, participant_id, is_moderator):
        return (
            self.audience == self.Audience.EVERYONE
            or is_moderator
            or (participant_id is not None and self.participant_id == participant_id)
        )
