/* Live Q&A client: renders a room from the server's events. Protocol: docs/qa-protocol.md.
   Everything people typed is put on the page with textContent, never as HTML. */
(function () {
  "use strict";

  const root = document.querySelector("[data-qa-mode]");
  if (!root) return;
  const mode = root.dataset.qaMode; // participant | moderator | presenter
  const T = JSON.parse(document.getElementById("qa-strings").textContent);
  const $ = (selector) => root.querySelector(selector);
  const pageLang = document.documentElement.lang || "en";
  const plural = new Intl.PluralRules(pageLang);
  // "%(name)s" placeholders, as gettext leaves them, filled in the browser.
  const fmt = (template, values) => template.replace(/%\((\w+)\)s/g, (match, name) => String(values[name]));
  const pluralText = (forms, count) => fmt(forms[plural.select(count)] || forms.other, { count: count });
  const votesText = (count) => pluralText(T.voteForms, count);
  const percent = new Intl.NumberFormat(pageLang, { style: "percent", maximumFractionDigits: 0 });
  const languageNames = window.Intl && Intl.DisplayNames ? new Intl.DisplayNames([pageLang], { type: "language" }) : null;
  const languageName = (code) => {
    if (T.languages[code]) return T.languages[code];
    try {
      return (languageNames && languageNames.of(code)) || code;
    } catch (error) {
      return code;
    }
  };
  // A text given in several languages ({lang: text}): the page's, else the default, else any.
  const pick = (texts) => {
    texts = texts || {};
    for (const code of [pageLang, T.defaultLanguage]) if (texts[code]) return [texts[code], code];
    const code = Object.keys(texts)[0];
    return code ? [texts[code], code] : ["", ""];
  };
  const regions = window.Intl && Intl.DisplayNames ? new Intl.DisplayNames([pageLang], { type: "region" }) : null;
  const countryName = (code) => {
    if (!code) return "";
    try {
      return (regions && regions.of(code)) || code;
    } catch (error) {
      return code; // not an ISO code (rows from before the country list): show it as typed
    }
  };
  const PING_EVERY = 25000;
  const PONG_WITHIN = 10000;
  const START_OVER = 4000;
  // A socket that has not opened by then is as good as refused (a proxy holding the handshake).
  const OPEN_WITHIN = 10000;
  const FAILED_OPENS_BEFORE_FALLBACK = 2;
  const NOTICES_KEPT = 3;
  // New questions and opinions are read out at most this often, batched in between.
  const ANNOUNCE_EVERY = 4000;
  const OPINIONS_SHOWN = 3;

  root.classList.add("has-js");

  const state = {
    seq: 0,
    synced: false, // a welcome arrived: later connections resume after state.seq
    live: false, // a welcome or resumed arrived on the current connection
    me: null,
    moderator: false,
    open: root.dataset.open !== "false",
    questions: new Map(),
    mine: new Map(),
    pending: new Map(),
    removed: new Map(), // moderators: archived and rejected, newest first
    own: new Set(), // ids of the caller's questions, any status
    votes: new Set(),
    sort: "popular",
    myLanguage: false, // "Questions in my language" filter
    translator: false, // moderators and the room's interpreters attach translations
    reactionKinds: [], // the reactions the room allows, in order
    reacted: new Set(), // "<question id>:<kind>" the caller chose
    showOriginal: new Set(), // "q<id>" / "o<id>" shown in their original language
    polls: new Map(),
    answers: new Map(), // poll id -> option ids the caller sent
    pollDrafts: new Map(), // poll id -> option ids chosen but not sent yet
    prompts: new Map(),
    opinions: new Map(), // published, every prompt
    myOpinions: new Map(), // the caller's, awaiting moderation
    pendingOpinions: new Map(), // moderators
    clouds: new Map(), // prompt id -> words
    allOpinions: false, // the participant asked to see every opinion, not the newest few
  };

  let socket = null;
  // Where a proxy or firewall blocks WebSockets, Server-Sent Events bring the events and each
  // request is an HTTP POST; once there, the page stays there.
  let fallback = !window.WebSocket;
  // A socket that opened once proves WebSockets pass: later failures are a server restart or a
  // network drop, not a firewall, so they never switch this page to the fallback.
  let socketsWork = false;
  let stream = null; // the EventSource, on the fallback
  let failedOpens = 0; // sockets in a row that closed before they opened
  let attempt = 0;
  let retryTimer = null;
  let pingTimer = null;
  let pongTimer = null;
  let refCounter = 0;
  const waiting = new Map();

  // Connection -------------------------------------------------------------
  let connection = "connecting"; // connecting | live | reconnecting | offline

  function setConnection(kind) {
    connection = kind;
    state.live = kind === "live";
    showStatus();
    updateControls();
  }

  // One honest state: what the connection is, and a closed room never says "Live".
  function showStatus() {
    const shown = connection === "live" && !state.open ? "closed" : connection;
    root.dataset.connection = connection;
    const el = $("[data-qa-status]");
    if (el && el.dataset.state !== shown) {
      el.textContent = T.status[shown];
      el.dataset.state = shown;
    }
    // Why asking and voting are paused, next to the buttons it disables.
    const paused = $("[data-qa-paused]");
    if (paused) {
      const reason = canAct() ? "" : T.paused[shown] || "";
      if (paused.textContent !== reason) paused.textContent = reason;
      paused.hidden = !reason;
    }
  }

  // Participants need an open room; moderators also act on a closed one.
  function canAct() {
    return state.live && (state.open || mode === "moderator");
  }

  function connect() {
    clearTimeout(retryTimer);
    root.dataset.transport = fallback ? "sse" : "websocket";
    if (navigator.onLine === false) return setConnection("offline");
    if (fallback) return openStream();
    if (socket && socket.readyState <= WebSocket.OPEN) return;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    // Resuming is part of connecting: the server replays what we missed, then says "resumed".
    const after = state.synced ? "&after=" + state.seq : "";
    let ws;
    try {
      ws = new WebSocket(scheme + "//" + location.host + root.dataset.wsPath + after);
    } catch (error) {
      // Refused outright (a policy or an old browser): as good as a socket that never opened.
      failedOpens += 1;
      if (!socketsWork && failedOpens >= FAILED_OPENS_BEFORE_FALLBACK && canFallBack()) fallback = true;
      return scheduleReconnect();
    }
    socket = ws;
    let opened = false;
    const openTimer = setTimeout(() => ws.close(), OPEN_WITHIN);
    ws.addEventListener("open", () => {
      opened = true;
      socketsWork = true;
      failedOpens = 0;
      clearTimeout(openTimer);
    });
    ws.addEventListener("message", (event) => {
      if (ws !== socket) return;
      receive(event.data);
    });
    ws.addEventListener("close", (event) => {
      clearTimeout(openTimer);
      if (ws !== socket) return;
      socket = null;
      if (event.code === START_OVER) state.synced = false; // what we missed is gone from the log
      // Offline, every socket fails; online, a socket that never opens twice is being blocked.
      if (!opened && navigator.onLine !== false) failedOpens += 1;
      if (!socketsWork && failedOpens >= FAILED_OPENS_BEFORE_FALLBACK && canFallBack()) fallback = true;
      stopHeartbeat();
      failWaiting();
      scheduleReconnect();
    });
  }

  function canFallBack() {
    return !!(window.EventSource && root.dataset.ssePath && root.dataset.sendUrl);
  }

  function openStream() {
    if (stream) return; // an EventSource reconnects by itself until it is closed
    const after = state.synced ? "&after=" + state.seq : "";
    const source = new EventSource(root.dataset.ssePath + after);
    stream = source;
    source.addEventListener("message", (event) => {
      if (source !== stream) return;
      receive(event.data);
    });
    source.addEventListener("error", () => {
      if (source !== stream) return;
      if (source.readyState === EventSource.CLOSED) {
        // Refused (an error status, or a proxy's page): try again later, as after a drop.
        stream = null;
        scheduleReconnect();
      } else {
        // The browser reconnects by itself with Last-Event-ID; a welcome or resumed follows.
        setConnection(navigator.onLine === false ? "offline" : "reconnecting");
      }
    });
  }

  function receive(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch (error) {
      return;
    }
    handle(frame);
  }

  function closeConnection() {
    if (socket) {
      const old = socket;
      socket = null;
      old.close();
    }
    if (stream) {
      const old = stream;
      stream = null;
      old.close();
    }
  }

  function scheduleReconnect() {
    clearTimeout(retryTimer);
    if (navigator.onLine === false) return setConnection("offline"); // "online" reconnects
    setConnection("reconnecting");
    // Exponential backoff with full jitter, so a room of thousands does not return at once.
    const ceiling = Math.min(30000, 500 * Math.pow(2, attempt));
    attempt += 1;
    retryTimer = setTimeout(connect, ceiling / 2 + Math.random() * (ceiling / 2));
  }

  function dropConnection() {
    closeConnection();
    stopHeartbeat();
    failWaiting();
    scheduleReconnect();
  }

  function startHeartbeat() {
    stopHeartbeat();
    if (fallback) return; // the server's keepalives and the browser's own reconnect do this job
    pingTimer = setInterval(() => {
      send({ type: "ping" }).catch(() => {});
      clearTimeout(pongTimer);
      // A sleeping laptop, a hung server or a dead tunnel never answers: silence is a drop.
      pongTimer = setTimeout(dropConnection, PONG_WITHIN);
    }, PING_EVERY);
  }

  function stopHeartbeat() {
    clearInterval(pingTimer);
    clearTimeout(pongTimer);
  }

  function failWaiting() {
    for (const [, entry] of waiting) entry.reject({ code: "disconnected", message: T.notSent });
    waiting.clear();
  }

  window.addEventListener("offline", dropConnection);
  window.addEventListener("online", () => {
    attempt = 0;
    connect();
  });

  function send(frame) {
    if (fallback) return post(frame);
    return new Promise((resolve, reject) => {
      if (!socket || socket.readyState !== WebSocket.OPEN) {
        reject({ code: "disconnected", message: T.notSent });
        return;
      }
      refCounter += 1;
      const ref = "r" + refCounter;
      waiting.set(ref, { resolve, reject });
      socket.send(JSON.stringify(Object.assign({ ref: ref }, frame)));
    });
  }

  // Without a socket: the same request and the same reply frame, over HTTP.
  function post(frame) {
    return fetch(root.dataset.sendUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": root.dataset.csrfToken },
      body: JSON.stringify(frame),
    })
      .then((response) => response.json())
      .catch(() => Promise.reject({ code: "disconnected", message: T.notSent }))
      .then((reply) => (reply.type === "error" ? Promise.reject(reply) : reply));
  }

  // Events -----------------------------------------------------------------
  function handle(frame) {
    if (frame.type === "welcome") return welcome(frame);
    if (frame.type === "resumed") return resumed(frame);
    if (frame.type === "ack" || frame.type === "pong") {
      if (frame.type === "pong") clearTimeout(pongTimer);
      return settle(frame, "resolve");
    }
    if (frame.type === "error") {
      if (frame.ref && waiting.has(frame.ref)) return settle(frame, "reject");
      return showFeedback(frame.message, true);
    }
    if (typeof frame.seq !== "number" || frame.seq <= state.seq) return; // seen already
    // Moderators see every event; others can check the previous public one. A gap means
    // something was lost on the way: resume from the last event applied instead of guessing.
    const gap = state.moderator ? frame.seq !== state.seq + 1 : frame.prev > state.seq;
    if (gap) return resync();
    state.seq = frame.seq;
    apply(frame);
    render();
  }

  function resync() {
    if (!socket && !stream) return;
    closeConnection();
    stopHeartbeat();
    failWaiting();
    connect();
  }

  function backOnline() {
    attempt = 0;
    clearConnectionErrors();
    setConnection("live");
    startHeartbeat();
    render();
  }

  function resumed(frame) {
    state.seq = Math.max(state.seq, frame.seq);
    backOnline();
  }

  function settle(frame, outcome) {
    const entry = frame.ref && waiting.get(frame.ref);
    if (!entry) return;
    waiting.delete(frame.ref);
    entry[outcome](frame);
  }

  function welcome(frame) {
    const before = { questions: state.questions, mine: state.mine };
    state.seq = frame.seq;
    state.me = frame.me;
    state.moderator = frame.moderator;
    state.open = frame.room.open;
    state.questions = new Map(frame.questions.map((q) => [q.id, q]));
    state.mine = new Map(frame.mine.map((q) => [q.id, q]));
    state.pending = new Map((frame.pending || []).map((q) => [q.id, q]));
    state.removed = new Map((frame.removed || []).map((q) => [q.id, q]));
    for (const id of frame.own || []) state.own.add(id);
    for (const id of state.mine.keys()) state.own.add(id);
    state.votes = new Set(frame.votes);
    state.translator = !!(frame.translator || frame.moderator);
    state.reactionKinds = frame.room.reactions || [];
    state.reacted = new Set((frame.reacted || []).map(([id, kind]) => id + ":" + kind));
    state.polls = new Map((frame.polls || []).map((poll) => [poll.id, poll]));
    state.answers = new Map(Object.entries(frame.answers || {}).map(([id, options]) => [Number(id), options]));
    state.prompts = new Map((frame.prompts || []).map((prompt) => [prompt.id, prompt]));
    state.opinions = new Map((frame.opinions || []).map((o) => [o.id, o]));
    state.myOpinions = new Map((frame.my_opinions || []).map((o) => [o.id, o]));
    state.pendingOpinions = new Map((frame.pending_opinions || []).map((o) => [o.id, o]));
    state.clouds = new Map((frame.clouds || []).map((cloud) => [cloud.prompt, cloud]));
    showRoles();
    // A fresh snapshot after a long absence: tell the author what happened meanwhile.
    if (state.synced) {
      for (const id of state.own) {
        const old = before.questions.get(id) || before.mine.get(id);
        if (old) tellAuthor(old, state.questions.get(id) || state.mine.get(id) || null);
      }
    }
    state.synced = true;
    backOnline();
  }

  function isOwn(id) {
    return state.own.has(id);
  }

  function apply(frame) {
    const q = frame.question;
    switch (frame.type) {
      case "question.submitted":
        // Besides moderators, only the author is sent a question awaiting moderation.
        if (!state.moderator || frame.participant === state.me || isOwn(q.id)) {
          if (!state.moderator || (state.me !== null && frame.participant === state.me)) state.own.add(q.id);
          if (isOwn(q.id)) state.mine.set(q.id, q);
        }
        if (state.moderator) state.pending.set(q.id, q);
        state.removed.delete(q.id);
        break;
      case "question.published": {
        const old = state.mine.get(q.id) || state.questions.get(q.id);
        if (isOwn(q.id) && old) tellAuthor(old, q);
        if (!old && !isOwn(q.id)) announce("question", shownText(q, "q")[0]);
        state.mine.delete(q.id);
        state.pending.delete(q.id);
        state.removed.delete(q.id);
        state.questions.set(q.id, q);
        break;
      }
      case "question.updated": {
        const old = state.questions.get(q.id);
        if (isOwn(q.id) && old) tellAuthor(old, q);
        if (q.status === "pending") {
          if (state.pending.has(q.id)) state.pending.set(q.id, q);
          if (state.mine.has(q.id)) state.mine.set(q.id, q);
        } else {
          state.questions.set(q.id, q);
        }
        break;
      }
      case "question.votes": {
        const known = state.questions.get(q);
        if (known) known.votes = frame.votes;
        break;
      }
      case "question.removed": {
        const old = state.questions.get(q) || state.pending.get(q) || state.mine.get(q);
        if (old && isOwn(q)) tellAuthor(old, Object.assign({}, old, { status: frame.status }));
        if (old && state.moderator) {
          const gone = Object.assign({}, old, { status: frame.status });
          state.removed = new Map([[q, gone], ...Array.from(state.removed).filter(([id]) => id !== q)]);
        }
        state.questions.delete(q);
        state.mine.delete(q);
        state.pending.delete(q);
        break;
      }
      case "question.reactions": {
        const known = state.questions.get(q);
        if (known) known.reactions = frame.reactions;
        break;
      }
      case "room.updated":
        state.open = frame.room.open;
        state.reactionKinds = frame.room.reactions || state.reactionKinds;
        showStatus();
        updateControls();
        break;
      default:
        applyLive(frame);
    }
  }

  // Polls, the opinion board (issue 12).
  function applyLive(frame) {
    switch (frame.type) {
      case "poll.updated":
        state.polls.set(frame.poll.id, frame.poll);
        if (frame.poll.status !== "open") state.pollDrafts.delete(frame.poll.id);
        break;
      case "poll.removed":
        state.polls.delete(frame.poll);
        break;
      case "poll.results": {
        const poll = state.polls.get(frame.poll);
        if (poll) poll.results = { counts: frame.counts, voters: frame.voters };
        break;
      }
      case "opinion.prompt":
        state.prompts.set(frame.prompt.id, frame.prompt);
        break;
      case "opinion.submitted": {
        const o = frame.opinion;
        if (state.moderator) state.pendingOpinions.set(o.id, o);
        if (state.me !== null && frame.participant === state.me) state.myOpinions.set(o.id, o);
        break;
      }
      case "opinion.published": {
        const o = frame.opinion;
        const mine = state.myOpinions.get(o.id);
        if (mine && mode === "participant") addNotice(T.opinionNotices.published, quote(o.text));
        else if (!state.opinions.has(o.id)) announce("opinion", shownText(o, "o")[0]);
        state.myOpinions.delete(o.id);
        state.pendingOpinions.delete(o.id);
        state.opinions.set(o.id, o);
        if (frame.cloud) state.clouds.set(frame.cloud.prompt, frame.cloud);
        break;
      }
      case "opinion.updated": {
        const o = frame.opinion;
        if (o.status === "published") state.opinions.set(o.id, o);
        if (state.pendingOpinions.has(o.id)) state.pendingOpinions.set(o.id, o);
        if (state.myOpinions.has(o.id)) state.myOpinions.set(o.id, o);
        break;
      }
      case "opinion.removed": {
        const id = frame.opinion;
        const mine = state.myOpinions.get(id);
        if (mine && mode === "participant" && frame.status === "rejected") {
          addNotice(T.opinionNotices.rejected, quote(mine.text));
        }
        state.opinions.delete(id);
        state.myOpinions.delete(id);
        state.pendingOpinions.delete(id);
        if (frame.cloud) state.clouds.set(frame.cloud.prompt, frame.cloud);
        break;
      }
    }
  }

  // Moderators see every tool; interpreters only the translation tools.
  function showRoles() {
    root.querySelectorAll("[data-qa-moderator-only]").forEach((node) => {
      node.hidden = !state.moderator;
    });
  }

  // Screen readers hear new questions and opinions, batched so a busy room does not chatter.
  let announceQueue = [];
  let announceTimer = null;
  let lastAnnounced = 0;

  function announce(kind, text) {
    const region = $("[data-qa-announcer]");
    if (!region || !state.live) return; // a replay after a drop is not news
    announceQueue.push([kind, text]);
    if (announceTimer) return;
    const wait = Math.max(0, lastAnnounced + ANNOUNCE_EVERY - Date.now());
    announceTimer = setTimeout(() => {
      announceTimer = null;
      lastAnnounced = Date.now();
      const queue = announceQueue;
      announceQueue = [];
      let message;
      if (queue.length === 1) {
        message = fmt(T.announce[queue[0][0]], { text: queue[0][1] });
      } else {
        const questions = queue.filter(([k]) => k === "question").length;
        const opinions = queue.length - questions;
        message = [
          questions ? pluralText(T.announce.questions, questions) : "",
          opinions ? pluralText(T.announce.opinions, opinions) : "",
        ]
          .filter(Boolean)
          .join(". ");
      }
      region.textContent = message;
    }, wait);
  }

  // What the author of a question is told when a moderator acts on it.
  function tellAuthor(old, now) {
    if (mode !== "participant") return;
    let message = "";
    if (!now) return;
    if (old.status === "pending" && now.status === "published") {
      message = now.edited ? T.notices.publishedEdited : T.notices.published;
    } else if (now.status === "rejected" && old.status !== "rejected") {
      message = T.notices.rejected;
    } else if (now.status === "published") {
      if (now.answer && now.answer !== old.answer) message = T.notices.reply;
      else if (now.answered && !old.answered) message = T.notices.answered;
    }
    if (message) addNotice(message, quote(now.text));
  }

  function quote(text) {
    return "“" + (text.length > 80 ? text.slice(0, 79) + "…" : text) + "”";
  }

  // Rendering --------------------------------------------------------------
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(label, onClick, className) {
    const node = el("button", "button--small" + (className ? " " + className : ""), label);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  function sorted(questions) {
    const list = Array.from(questions);
    list.sort((a, b) => {
      if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
      if (state.sort === "popular" && a.votes !== b.votes) return b.votes - a.votes;
      if (state.sort === "popular") return a.asked_at < b.asked_at ? -1 : 1;
      return a.asked_at < b.asked_at ? 1 : -1;
    });
    return list;
  }

  // The text to show of a question or opinion, and its language: the page language's
  // translation when there is one (unless the reader asked for the original).
  function shownText(item, prefix) {
    const translation = translationOf(item);
    if (translation && !state.showOriginal.has(prefix + item.id)) return [translation, pageLang];
    return [item.text, item.language || ""];
  }

  function translationOf(item) {
    if (!item.language || item.language === pageLang || !item.translations) return "";
    return item.translations[pageLang] || "";
  }

  function inMyLanguage(q) {
    return !q.language || q.language === pageLang || !!translationOf(q);
  }

  // The text in the reader's language, with "Translated from …" and the original a click away.
  function textBlock(item, prefix, className) {
    const fragment = document.createDocumentFragment();
    const [shown, lang] = shownText(item, prefix);
    const text = el("p", className, shown);
    if (lang) text.lang = lang;
    fragment.appendChild(text);
    if (translationOf(item)) {
      const original = state.showOriginal.has(prefix + item.id);
      const note = el("p", "translation-note");
      const name = languageName(item.language);
      note.appendChild(el("span", "", fmt(original ? T.originalIn : T.translatedFrom, { language: name })));
      note.appendChild(document.createTextNode(" · "));
      const toggle = button(
        original ? T.showTranslation : T.showOriginal,
        () => {
          if (original) state.showOriginal.delete(prefix + item.id);
          else state.showOriginal.add(prefix + item.id);
          render();
        },
        "button--link translation-note__toggle"
      );
      toggle.setAttribute("aria-pressed", original ? "true" : "false");
      toggle.dataset.focusKey = "original";
      note.appendChild(toggle);
      fragment.appendChild(note);
    }
    return fragment;
  }

  function questionBody(q) {
    const body = el("div", "question__body");
    body.appendChild(textBlock(q, "q", "question__text"));
    if (q.answer) {
      const answer = el("div", "question__answer");
      answer.appendChild(el("p", "question__answer-label", T.answerLabel));
      answer.appendChild(el("p", "question__answer-text", q.answer));
      body.appendChild(answer);
    }
    const meta = el("p", "question__meta");
    const who = [q.author || T.anonymous, q.organisation, countryName(q.country)].filter(Boolean).join(" · ");
    meta.appendChild(el("span", "question__author", who));
    const badges = [];
    if (mode === "participant" && isOwn(q.id)) badges.push(["yours", "badge--yours"]);
    if (q.status === "pending") badges.push(["awaiting", "badge--pending"]);
    if (q.status === "rejected") badges.push(["statusRejected", "badge--removed"]);
    if (q.status === "archived") badges.push(["statusArchived", "badge--removed"]);
    if (q.pinned) badges.push(["pinned", "badge--pinned"]);
    if (q.highlighted && mode !== "presenter") badges.push(["featured", "badge--featured"]);
    if (q.answered) badges.push(["answered", "badge--answered"]);
    if (q.edited) badges.push(["edited", "badge--edited"]);
    for (const [key, cls] of badges) meta.appendChild(el("span", "badge " + cls, T[key]));
    if (mode !== "participant") {
      const summary = reactionSummary(q);
      if (summary) meta.appendChild(summary);
    }
    if (state.translator && mode === "moderator") {
      const into = Object.keys(q.translations || {}).map(languageName);
      if (into.length) meta.appendChild(el("span", "badge badge--translated", fmt(T.translatedInto, { languages: into.join(", ") })));
    }
    body.appendChild(meta);
    return body;
  }

  // Reactions: toggles for participants, counts for moderators and the presenter.
  function reactionButtons(q) {
    const group = el("div", "question__reactions");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", T.reactionsLabel);
    for (const kind of state.reactionKinds) {
      const info = T.reactions[kind];
      if (!info) continue;
      const count = (q.reactions || {})[kind] || 0;
      const chosen = state.reacted.has(q.id + ":" + kind);
      const node = button("", () => react(q, kind, chosen), "question__reaction");
      node.dataset.needsLive = "";
      node.dataset.joinedOnly = "";
      node.dataset.focusKey = "react-" + kind;
      node.setAttribute("aria-pressed", chosen ? "true" : "false");
      node.setAttribute("aria-label", fmt(T.reactionCount, { reaction: info.label, count: count }));
      node.title = info.label;
      const symbol = el("span", "question__reaction-symbol", info.symbol);
      symbol.setAttribute("aria-hidden", "true");
      const name = el("span", "question__reaction-label", info.label);
      const number = el("span", "question__reaction-count", String(count));
      node.append(symbol, name, number);
      if (state.me === null) node.disabled = true;
      group.appendChild(node);
    }
    return group.children.length ? group : null;
  }

  function reactionSummary(q) {
    const parts = state.reactionKinds.filter((kind) => T.reactions[kind] && (q.reactions || {})[kind]);
    if (!parts.length) return null;
    const summary = el("span", "question__reaction-summary");
    for (const kind of parts) {
      const info = T.reactions[kind];
      const item = el("span", "question__reaction-total");
      const symbol = el("span", "", info.symbol + " " + q.reactions[kind]);
      symbol.setAttribute("aria-hidden", "true");
      item.append(symbol, el("span", "visually-hidden", fmt(T.reactionCount, { reaction: info.label, count: q.reactions[kind] })));
      summary.appendChild(item);
    }
    return summary;
  }

  function react(q, kind, chosen) {
    send({ type: chosen ? "question.unreact" : "question.react", question: q.id, kind: kind })
      .then((ack) => {
        const known = state.questions.get(q.id);
        if (known && ack.reactions) known.reactions = ack.reactions;
        if (ack.reacted) state.reacted.add(q.id + ":" + kind);
        else state.reacted.delete(q.id + ":" + kind);
        render();
      })
      .catch((error) => showFeedback(error.code === "disconnected" ? T.reactionNotSent : error.message, true));
  }

  function voteButton(q) {
    const voted = state.votes.has(q.id);
    const node = button("", () => {
      const frame = { type: voted ? "question.unvote" : "question.vote", question: q.id };
      send(frame)
        .then((ack) => {
          if (ack.voted) state.votes.add(q.id);
          else state.votes.delete(q.id);
          render();
        })
        .catch((error) => showFeedback(error.code === "disconnected" ? T.voteNotSent : error.message, true));
    });
    node.className = "question__vote";
    node.dataset.needsLive = "";
    node.dataset.focusKey = "vote";
    node.setAttribute("aria-pressed", voted ? "true" : "false");
    node.appendChild(el("span", "question__vote-label", voted ? T.upvoted : T.upvote));
    node.appendChild(el("span", "question__votes", String(q.votes)));
    node.setAttribute("aria-label", (voted ? T.upvoted : T.upvote) + " (" + votesText(q.votes) + ")");
    if (state.me === null) node.disabled = true;
    return node;
  }

  // Moderation ---------------------------------------------------------------
  const UNDO = { answer: "unanswer", archive: "restore", reject: "restore" };
  const DONE = { answer: "didAnswer", archive: "didArchive", reject: "didReject", restore: "didRestore" };

  function moderate(q, action, text) {
    const frame = { type: "question.moderate", question: q.id, action: action };
    if (text !== undefined) frame.text = text;
    return send(frame).then(
      (ack) => {
        if (DONE[action]) {
          const undo = UNDO[action];
          addNotice(T[DONE[action]], quote(q.text), undo ? { label: T.undo, run: () => moderate(q, undo) } : null);
        }
        return ack;
      },
      (error) => {
        showFeedback(error.message, true);
        return Promise.reject(error);
      }
    );
  }

  // An editor stays open, with its text and focus, whatever arrives while it is open.
  function openEditor(li, kind, q) {
    const slot = li.querySelector(".question__editor");
    if (slot.firstChild) return;
    const form = el("form", "question__edit");
    form.dataset.kind = kind;
    const id = kind + "-" + q.id;
    const label = el("label", "", kind === "approve" ? T.editLabel : T.answerEditLabel);
    label.htmlFor = id;
    const area = el("textarea");
    area.id = id;
    area.maxLength = kind === "approve" ? T.limits.question : T.limits.answer;
    area.rows = 3;
    area.value = kind === "approve" ? q.text : q.answer || "";
    const buttons = el("div", "question__actions");
    const save = el("button", "button--small", kind === "approve" ? T.saveApprove : T.saveAnswer);
    save.type = "submit";
    save.dataset.needsLive = "";
    buttons.appendChild(save);
    if (kind === "reply" && q.answer) {
      const remove = button(T.removeAnswer, () => moderate(q, "reply", "").then(() => closeEditor(li)), "button--danger");
      remove.dataset.needsLive = "";
      buttons.appendChild(remove);
    }
    buttons.appendChild(button(T.cancel, () => closeEditor(li), "button--quiet"));
    form.append(label, area, buttons);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const action = kind === "approve" ? "approve" : "reply";
      moderate(q, action, area.value).then(() => closeEditor(li), () => {});
    });
    slot.appendChild(form);
    li.classList.add("is-editing");
    updateControls();
    area.focus();
  }

  function closeEditor(li) {
    const slot = li.querySelector(".question__editor");
    if (slot) slot.replaceChildren();
    li.classList.remove("is-editing");
    const first = li.querySelector(".question__tools button");
    if (first && li.isConnected) first.focus();
  }

  function pendingTools(q, li) {
    const actions = el("div", "question__actions");
    actions.appendChild(button(T.approve, () => moderate(q, "approve"), "button--approve"));
    actions.appendChild(button(T.editApprove, () => openEditor(li, "approve", q)));
    actions.appendChild(button(T.reject, () => moderate(q, "reject"), "button--danger"));
    return actions;
  }

  function publishedTools(q, li) {
    const actions = el("div", "question__actions");
    const keyed = (node, key) => {
      node.dataset.focusKey = key; // a toggle keeps the focus when its label changes
      return node;
    };
    actions.appendChild(
      keyed(
        q.answered ? button(T.markUnanswered, () => moderate(q, "unanswer")) : button(T.markAnswered, () => moderate(q, "answer")),
        "answer"
      )
    );
    actions.appendChild(keyed(q.pinned ? button(T.unpin, () => moderate(q, "unpin")) : button(T.pin, () => moderate(q, "pin")), "pin"));
    const feature = button(T.feature, () => moderate(q, q.highlighted ? "unhighlight" : "highlight"), "button--toggle");
    feature.setAttribute("aria-pressed", q.highlighted ? "true" : "false");
    actions.appendChild(keyed(feature, "feature"));
    actions.appendChild(button(q.answer ? T.editAnswer : T.writeAnswer, () => openEditor(li, "reply", q)));
    actions.appendChild(translateButton(li, q, "question"));
    actions.appendChild(button(T.archive, () => moderate(q, "archive"), "button--danger"));
    return actions;
  }

  function translateButton(li, item, target) {
    const node = button(T.translate, () => openTranslator(li, item, target));
    node.dataset.focusKey = "translate";
    return node;
  }

  // Moderators and interpreters attach a translation into each of the other languages.
  function openTranslator(li, item, target) {
    const slot = li.querySelector(".question__editor");
    if (slot.firstChild) return;
    const others = Object.keys(T.languages).filter((code) => code !== item.language);
    if (!others.length) return;
    const form = el("form", "question__edit question__translate");
    form.dataset.kind = "translate";
    const id = "translate-" + target + "-" + item.id;
    const pickLabel = el("label", "", T.translationLanguage);
    pickLabel.htmlFor = id + "-language";
    const select = el("select");
    select.id = id + "-language";
    for (const code of others) {
      const option = el("option", "", languageName(code));
      option.value = code;
      select.appendChild(option);
    }
    // The page language first when it is not the original's: the interpreter's own, most likely.
    select.value = others.includes(pageLang) ? pageLang : others[0];
    const textLabel = el("label", "", T.translationText);
    textLabel.htmlFor = id;
    const area = el("textarea");
    area.id = id;
    area.maxLength = target === "question" ? T.limits.question : T.limits.opinion;
    area.rows = 3;
    const current = () => ((latest(item, target) || item).translations || {})[select.value] || "";
    const fill = () => {
      area.value = current();
      area.lang = select.value;
      remove.disabled = !current();
    };
    const buttons = el("div", "question__actions");
    const save = el("button", "button--small", T.saveTranslation);
    save.type = "submit";
    save.dataset.needsLive = "";
    const translate = (text) =>
      send({ type: target + ".translate", [target]: item.id, language: select.value, text: text }).then(
        () => {
          addNotice(text ? T.didTranslate : T.didRemoveTranslation, quote(item.text));
          closeEditor(li);
        },
        (error) => showFeedback(error.message, true)
      );
    const remove = button(T.removeTranslation, () => translate(""), "button--danger");
    buttons.append(save, remove, button(T.cancel, () => closeEditor(li), "button--quiet"));
    select.addEventListener("change", fill);
    form.append(pickLabel, select, textLabel, area, buttons);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      translate(area.value);
    });
    fill();
    slot.appendChild(form);
    li.classList.add("is-editing");
    updateControls();
    area.focus();
  }

  function latest(item, target) {
    if (target === "question") return state.questions.get(item.id) || state.pending.get(item.id);
    return state.opinions.get(item.id) || state.pendingOpinions.get(item.id);
  }

  function removedTools(q) {
    const actions = el("div", "question__actions");
    actions.appendChild(button(T.restore, () => moderate(q, "restore")));
    return actions;
  }

  // Keyed lists: an item is rebuilt only when its question changed, and never moved needlessly,
  // so an open editor keeps its text, caret and focus.
  function renderList(list, questions, fill, emptyText) {
    renderKeyed(list, questions, {
      emptyText: emptyText,
      create: (q) => {
        const li = el("li", "question");
        li.dataset.questionId = q.id;
        li.append(el("div", "question__content"), el("div", "question__tools"), el("div", "question__editor"));
        return li;
      },
      signature: (q) =>
        JSON.stringify([
          q,
          state.votes.has(q.id),
          isOwn(q.id),
          state.me,
          state.reactionKinds,
          state.reactionKinds.map((kind) => state.reacted.has(q.id + ":" + kind)),
          state.showOriginal.has("q" + q.id),
          state.moderator,
          state.translator,
        ]),
      update: (li, q) => {
        li.classList.toggle("is-pinned", !!q.pinned);
        li.classList.toggle("is-featured", !!q.highlighted);
        li.classList.toggle("is-answered", !!q.answered);
        li.querySelector(".question__content").replaceChildren(questionBody(q));
        const tools = li.querySelector(".question__tools");
        tools.replaceChildren();
        fill(q, li, tools);
      },
    });
  }

  // The one keyed renderer: `create` makes an item's element once, `update` refills it when its
  // `signature` changes. A rebuilt control that had the focus hands it to its successor (same
  // data-focus-key), so a toggle pressed from the keyboard keeps the focus.
  function renderKeyed(list, entries, how, emptyText) {
    if (!list) return;
    const items = list.qaItems || (list.qaItems = new Map());
    const wanted = [];
    const before = document.activeElement;
    let refocus = null;
    for (const entry of entries) {
      const key = how.key ? how.key(entry) : entry.id;
      let li = items.get(key);
      if (!li) {
        li = how.create(entry);
        items.set(key, li);
      }
      const signature = how.signature(entry);
      if (li.dataset.signature !== signature) {
        const focusKey = before && li.contains(before) && before.dataset ? before.dataset.focusKey : null;
        li.dataset.signature = signature;
        how.update(li, entry);
        if (focusKey && !before.isConnected) {
          refocus = li.querySelector('[data-focus-key="' + focusKey + '"]') || refocus;
        }
      }
      if (how.refresh) how.refresh(li, entry);
      wanted.push(li);
    }
    emptyText = emptyText || how.emptyText;
    const keep = new Set(wanted);
    // An item that leaves with the focus in it (approved, rejected, archived from the
    // keyboard) hands the focus to the item now in its place, or to the list's heading.
    let lostFocusAt = -1;
    for (const [id, li] of items) {
      if (!keep.has(li)) {
        if (before && li.contains(before)) lostFocusAt = Array.prototype.indexOf.call(list.children, li);
        items.delete(id);
        li.remove();
      }
    }
    let empty = list.querySelector(":scope > .qa__empty");
    if (!wanted.length && emptyText) {
      if (!empty) list.appendChild((empty = el("li", "qa__empty", emptyText)));
    } else if (empty) {
      empty.remove();
    }
    const focused = document.activeElement;
    const selection = focused && "selectionStart" in focused ? [focused.selectionStart, focused.selectionEnd] : null;
    wanted.forEach((li, index) => {
      if (list.children[index] !== li) list.insertBefore(li, list.children[index] || null);
    });
    if (focused && focused !== document.activeElement && focused.isConnected) {
      focused.focus();
      if (selection) focused.setSelectionRange(selection[0], selection[1]);
    }
    if (refocus && refocus.isConnected) refocus.focus();
    if (lostFocusAt >= 0 && (!document.activeElement || document.activeElement === document.body)) {
      focusNear(list, wanted, lostFocusAt);
    }
  }

  function focusNear(list, items, index) {
    const next = items[Math.min(index, items.length - 1)];
    const control = next && next.querySelector("button:not([disabled]), a[href], textarea, input, select");
    if (control) return control.focus();
    const region = list.closest("section, details");
    const heading = region && region.querySelector("h2, h3, summary");
    if (!heading) return;
    if (heading.tagName !== "SUMMARY") heading.tabIndex = -1;
    heading.focus();
  }

  function noTools() {}

  function participantTools(q, li, tools) {
    tools.appendChild(voteButton(q));
    const reactions = reactionButtons(q);
    if (reactions) tools.appendChild(reactions);
  }

  function moderatorTools(q, li, tools) {
    tools.appendChild(el("p", "question__count", votesText(q.votes)));
    if (state.moderator) tools.appendChild(publishedTools(q, li));
    else if (state.translator) tools.appendChild(translateButton(li, q, "question"));
  }

  function presenterTools(q, li, tools) {
    tools.appendChild(el("p", "question__count", votesText(q.votes)));
  }

  function render() {
    const list = $("[data-qa-questions]");
    const published = Array.from(state.questions.values());
    if (mode === "presenter") {
      const featured = published.filter((q) => q.highlighted);
      const featuredList = $("[data-qa-featured]");
      renderList(featuredList, featured.slice(0, 1), presenterTools);
      $("[data-qa-featured-section]").hidden = featured.length === 0;
      // Answered questions leave the top questions; the featured one is shown above them.
      const top = sorted(published.filter((q) => !q.answered && !q.highlighted));
      renderList(list, top, presenterTools, published.length ? T.noOpenQuestions : T.noQuestions);
      fitList(list);
    } else {
      const shown = state.myLanguage ? published.filter(inMyLanguage) : published;
      const empty = state.myLanguage && published.length ? T.noQuestionsInMyLanguage : T.noQuestions;
      renderList(list, sorted(shown), mode === "moderator" ? moderatorTools : participantTools, empty);
    }
    renderPolls();
    renderBoard();
    const mine = $("[data-qa-mine]");
    if (mine) {
      renderList(mine, Array.from(state.mine.values()), noTools);
      $("[data-qa-mine-section]").hidden = state.mine.size === 0;
    }
    const pending = $("[data-qa-pending]");
    if (pending) {
      renderList(pending, Array.from(state.pending.values()), (q, li, tools) => tools.appendChild(pendingTools(q, li)), T.noPending);
      $("[data-qa-pending-count]").textContent = String(state.pending.size);
    }
    const removed = $("[data-qa-removed]");
    if (removed) {
      renderList(removed, Array.from(state.removed.values()), (q, li, tools) => tools.appendChild(removedTools(q)), T.noRemoved);
      $("[data-qa-removed-count]").textContent = String(state.removed.size);
    }
    const closed = $("[data-qa-closed]");
    if (closed) closed.hidden = state.open;
    root.querySelectorAll("[data-qa-room]").forEach((node) => {
      node.hidden = (node.dataset.qaRoom === "room.close") !== state.open;
    });
    updateControls();
  }

  // Polls ---------------------------------------------------------------------
  const STATUS_ORDER = { open: 0, draft: 1, closed: 2 };

  function renderPolls() {
    const all = Array.from(state.polls.values()).sort((a, b) => a.id - b.id);
    const open = all.filter((poll) => poll.status === "open");
    if (mode === "presenter") {
      renderKeyed($("[data-qa-polls]"), open.slice(-1), pollItem(false));
      const section = $("[data-qa-polls-section]");
      if (section) section.hidden = open.length === 0;
      return;
    }
    if (mode === "moderator") {
      const ordered = all.slice().sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.id - a.id);
      renderKeyed($("[data-qa-polls]"), ordered, pollItem(true), T.noPolls);
      return;
    }
    renderKeyed($("[data-qa-polls]"), open, pollForm());
    const closed = all.filter((poll) => poll.status === "closed").reverse();
    renderKeyed($("[data-qa-past-polls]"), closed, pollItem(false));
    const past = $("[data-qa-past-polls-section]");
    if (past) past.hidden = closed.length === 0;
    const count = $("[data-qa-past-polls-count]");
    if (count) count.textContent = String(closed.length);
    const section = $("[data-qa-polls-section]");
    if (section) section.hidden = all.length === 0;
  }

  // A poll's prompt and options without their results: what a rebuild depends on.
  function pollShape(poll) {
    return [poll.id, poll.prompt, poll.kind, poll.status, poll.hide_results, poll.options, poll.results === null];
  }

  // One option's result: a bar (for the eye) and the count and share as text (for everyone).
  function resultRow(poll, option) {
    const row = el("div", "poll__result");
    const bar = el("span", "poll__bar");
    bar.setAttribute("aria-hidden", "true");
    bar.appendChild(el("span", "poll__fill"));
    row.append(bar, el("span", "poll__figure"));
    row.dataset.optionId = option.id;
    return row;
  }

  // The projector keeps hidden results hidden, though its moderator's socket receives them.
  function shownResults(poll) {
    if (mode === "presenter" && poll.hide_results && poll.status !== "closed") return null;
    return poll.results;
  }

  function fillResults(container, poll) {
    const results = shownResults(poll);
    container.querySelectorAll(".poll__result").forEach((row) => {
      row.hidden = !results;
      if (!results) return;
      const count = results.counts[row.dataset.optionId] || 0;
      const share = results.voters ? count / results.voters : 0;
      const figure = fmt(T.optionResult, { count: count, percent: percent.format(share) });
      const node = row.querySelector(".poll__figure");
      if (node.textContent !== figure) node.textContent = figure;
      row.querySelector(".poll__fill").style.width = (share * 100).toFixed(1) + "%";
    });
    const meta = container.querySelector(".poll__meta");
    if (meta) {
      const text = results ? pluralText(T.answerForms, results.voters) : T.resultsHidden;
      if (meta.textContent !== text) meta.textContent = text;
    }
  }

  function pollPrompt(poll, tag, className) {
    const [text, lang] = pick(poll.prompt);
    const node = el(tag, className, text);
    if (lang) node.lang = lang;
    return node;
  }

  function optionText(option, className) {
    const [text, lang] = pick(option.text);
    const node = el("span", className || "poll__option-text", text);
    if (lang) node.lang = lang;
    return node;
  }

  // A participant's open poll: a form whose choices survive live result updates.
  function pollForm() {
    return {
      create: (poll) => {
        const li = el("li", "poll poll--open");
        li.dataset.pollId = poll.id;
        return li;
      },
      signature: (poll) => {
        // Results change in place (below); a rebuild only when the poll itself changes.
        return JSON.stringify([pollShape(poll), state.answers.get(poll.id) || null, state.me]);
      },
      update: (li, poll) => {
        const answered = state.answers.get(poll.id);
        const chosen = new Set(state.pollDrafts.get(poll.id) || answered || []);
        const form = el("form", "poll__form");
        const fieldset = el("fieldset", "poll__fieldset");
        const legend = el("legend", "poll__legend");
        legend.append(el("span", "poll__label", T.poll), pollPrompt(poll, "span", "poll__prompt"));
        const hint = el("p", "poll__hint", poll.kind === "multiple" ? T.chooseSeveral : T.chooseOne);
        hint.id = "poll-" + poll.id + "-hint";
        const options = el("ul", "poll__options");
        for (const option of poll.options) {
          const item = el("li", "poll__option");
          const label = el("label", "poll__choice");
          const input = el("input");
          input.type = poll.kind === "multiple" ? "checkbox" : "radio";
          input.name = "poll-" + poll.id;
          input.value = option.id;
          input.checked = chosen.has(option.id);
          input.dataset.focusKey = "option-" + option.id;
          input.setAttribute("aria-describedby", hint.id);
          if (state.me === null) input.disabled = true;
          label.append(input, optionText(option));
          item.append(label, resultRow(poll, option));
          options.appendChild(item);
        }
        fieldset.append(legend, hint, options);
        const meta = el("p", "poll__meta");
        const actions = el("div", "poll__actions");
        const submit = el("button", "button--primary", answered ? T.changeAnswer : T.sendAnswer);
        submit.type = "submit";
        submit.dataset.needsLive = "";
        submit.dataset.joinedOnly = "";
        submit.dataset.focusKey = "submit";
        actions.appendChild(submit);
        if (answered) {
          const yours = el("span", "badge badge--yours", T.yourAnswer + ": " + poll.options.filter((o) => answered.includes(o.id)).map((o) => pick(o.text)[0]).join(", "));
          actions.appendChild(yours);
        }
        form.append(fieldset, meta, actions);
        form.addEventListener("change", () => {
          const picked = Array.from(form.querySelectorAll("input:checked")).map((node) => Number(node.value));
          state.pollDrafts.set(poll.id, picked);
        });
        form.addEventListener("submit", (event) => {
          event.preventDefault();
          const picked = Array.from(form.querySelectorAll("input:checked")).map((node) => Number(node.value));
          if (!picked.length) return showFeedback(T.chooseFirst, true);
          if (!canAct()) return;
          submit.disabled = true;
          send({ type: "poll.answer", poll: poll.id, options: picked })
            .then((ack) => {
              state.answers.set(poll.id, ack.options || picked);
              state.pollDrafts.delete(poll.id);
              showFeedback(T.answerSent, false);
              render();
            })
            .catch((error) => showFeedback(error.message, true))
            .finally(updateControls);
        });
        li.replaceChildren(form);
      },
      refresh: fillResults,
    };
  }

  // A poll shown with its results: closed polls, the moderator's list, the presenter's screen.
  function pollItem(withTools) {
    return {
      create: (poll) => {
        const li = el("li", "poll");
        li.dataset.pollId = poll.id;
        return li;
      },
      signature: (poll) => JSON.stringify([pollShape(poll), state.answers.get(poll.id) || null, withTools && state.moderator]),
      update: (li, poll) => {
        li.className = "poll poll--" + poll.status;
        const head = el("div", "poll__head");
        if (withTools) head.appendChild(el("span", "badge badge--poll-" + poll.status, T.pollStatus[poll.status]));
        head.appendChild(pollPrompt(poll, "p", "poll__prompt"));
        const answered = state.answers.get(poll.id) || [];
        const options = el("ul", "poll__options");
        for (const option of poll.options) {
          const item = el("li", "poll__option");
          const label = el("p", "poll__choice");
          label.appendChild(optionText(option));
          if (answered.includes(option.id)) label.appendChild(el("span", "badge badge--yours", T.yourAnswer));
          item.append(label, resultRow(poll, option));
          options.appendChild(item);
        }
        li.replaceChildren(head, options, el("p", "poll__meta"));
        if (withTools && state.moderator) li.appendChild(pollTools(poll));
      },
      refresh: fillResults,
    };
  }

  function pollTools(poll) {
    const actions = el("div", "question__actions poll__tools");
    const act = (type, label, className) => {
      const node = button(label, () => {
        send({ type: type, poll: poll.id }).then(
          (ack) => {
            if (type === "poll.delete") addNotice(T.didDeletePoll, quote(pick(poll.prompt)[0]));
            return ack;
          },
          (error) => showFeedback(error.message, true)
        );
      }, className);
      node.dataset.focusKey = "status";
      node.dataset.needsLive = "";
      actions.appendChild(node);
    };
    if (poll.status === "draft") act("poll.open", T.openPoll, "button--approve");
    if (poll.status === "closed") act("poll.open", T.reopenPoll);
    if (poll.status === "open") act("poll.close", T.closePoll, "button--danger");
    if (poll.status === "draft") act("poll.delete", T.deletePoll, "button--danger");
    return actions;
  }

  // Opinion board -------------------------------------------------------------
  // The board shows the open prompt, else the latest one (closed, with what was said).
  function currentPrompt() {
    const prompts = Array.from(state.prompts.values()).sort((a, b) => b.id - a.id);
    return prompts.find((prompt) => prompt.open) || prompts[0] || null;
  }

  function renderBoard() {
    const prompt = currentPrompt();
    const section = $("[data-qa-board-section]");
    if (section && mode !== "moderator") section.hidden = !prompt || (mode === "presenter" && !prompt.open);
    const promptNode = $("[data-qa-prompt]");
    if (promptNode) {
      const [text, lang] = prompt ? pick(prompt.text) : ["", ""];
      if (promptNode.textContent !== text) promptNode.textContent = text;
      promptNode.lang = lang || pageLang;
      promptNode.hidden = !prompt;
    }
    const closed = $("[data-qa-board-closed]");
    if (closed) closed.hidden = !prompt || prompt.open;
    const form = $("[data-qa-opinion]");
    if (form) form.hidden = !prompt || !prompt.open;
    const closeButton = $("[data-qa-prompt-close]");
    if (closeButton) closeButton.hidden = !prompt || !prompt.open;
    const cloud = prompt ? state.clouds.get(prompt.id) : null;
    renderCloud($("[data-qa-cloud]"), cloud ? cloud.words : []);
    const inPrompt = (o) => prompt && o.prompt === prompt.id;
    const newest = (a, b) => (a.posted_at < b.posted_at ? 1 : a.posted_at > b.posted_at ? -1 : b.id - a.id);
    const published = Array.from(state.opinions.values()).filter(inPrompt).sort(newest);
    const opinionFill = mode === "moderator" ? publishedOpinionTools : noTools;
    const capped = mode === "participant" && !state.allOpinions ? published.slice(0, OPINIONS_SHOWN) : published;
    renderOpinions($("[data-qa-opinions]"), mode === "presenter" ? [] : capped, opinionFill, T.noOpinions);
    const more = $("[data-qa-opinions-more]");
    if (more) {
      more.hidden = published.length <= OPINIONS_SHOWN;
      const label = state.allOpinions ? T.showFewerOpinions : fmt(T.showAllOpinions, { count: published.length });
      if (more.textContent !== label) more.textContent = label;
      more.setAttribute("aria-expanded", state.allOpinions ? "true" : "false");
    }
    const mine = $("[data-qa-my-opinions]");
    if (mine) {
      renderOpinions(mine, Array.from(state.myOpinions.values()), noTools);
      mine.hidden = state.myOpinions.size === 0;
    }
    const pending = $("[data-qa-pending-opinions]");
    if (pending) {
      renderOpinions(pending, Array.from(state.pendingOpinions.values()), pendingOpinionTools, T.noPendingOpinions);
      const count = $("[data-qa-pending-opinions-count]");
      if (count) count.textContent = String(state.pendingOpinions.size);
    }
  }

  function renderOpinions(list, opinions, fill, emptyText) {
    renderKeyed(list, opinions, {
      emptyText: emptyText,
      create: (o) => {
        const li = el("li", "question opinion");
        li.dataset.opinionId = o.id;
        li.append(el("div", "question__content"), el("div", "question__tools"), el("div", "question__editor"));
        return li;
      },
      signature: (o) => JSON.stringify([o, state.showOriginal.has("o" + o.id), state.moderator, state.translator]),
      update: (li, o) => {
        const body = el("div", "question__body");
        body.appendChild(textBlock(o, "o", "question__text opinion__text"));
        const meta = el("p", "question__meta");
        const who = [o.author || T.anonymous, countryName(o.country)].filter(Boolean).join(" · ");
        meta.appendChild(el("span", "question__author", who));
        if (o.status === "pending") meta.appendChild(el("span", "badge badge--pending", T.awaiting));
        if (state.translator && mode === "moderator") {
          const into = Object.keys(o.translations || {}).map(languageName);
          if (into.length) meta.appendChild(el("span", "badge badge--translated", fmt(T.translatedInto, { languages: into.join(", ") })));
        }
        body.appendChild(meta);
        li.querySelector(".question__content").replaceChildren(body);
        const tools = li.querySelector(".question__tools");
        tools.replaceChildren();
        fill(o, li, tools);
      },
    });
  }

  function moderateOpinion(o, action) {
    return send({ type: "opinion.moderate", opinion: o.id, action: action }).then(
      () => addNotice(action === "approve" ? T.didApproveOpinion : T.didRejectOpinion, quote(o.text)),
      (error) => showFeedback(error.message, true)
    );
  }

  function pendingOpinionTools(o, li, tools) {
    if (!state.moderator) return;
    const actions = el("div", "question__actions");
    actions.appendChild(button(T.approve, () => moderateOpinion(o, "approve"), "button--approve"));
    actions.appendChild(button(T.reject, () => moderateOpinion(o, "reject"), "button--danger"));
    tools.appendChild(actions);
  }

  function publishedOpinionTools(o, li, tools) {
    if (!state.translator) return;
    const actions = el("div", "question__actions");
    actions.appendChild(translateButton(li, o, "opinion"));
    if (state.moderator) actions.appendChild(button(T.removeOpinion, () => moderateOpinion(o, "reject"), "button--danger"));
    tools.appendChild(actions);
  }

  // The word cloud: a list of words sized by weight, each with its count for screen readers.
  function renderCloud(list, words) {
    if (!list) return;
    const signature = JSON.stringify(words);
    if (list.dataset.signature === signature) return;
    list.dataset.signature = signature;
    list.replaceChildren();
    if (!words.length) {
      list.appendChild(el("li", "qa__empty cloud__empty", T.noWords));
      return;
    }
    // Heaviest first, as the server sends them: a screen reader hears the main words first.
    for (const word of words) {
      const item = el("li", "cloud__word cloud__word--" + Math.min(5, Math.max(1, word.weight || 1)));
      item.appendChild(el("span", "cloud__text", word.word));
      item.appendChild(el("span", "visually-hidden", " (" + pluralText(T.mentionForms, word.count) + ")"));
      list.appendChild(item);
    }
  }

  // The presenter shows as many top questions as fit the projector, never a cut-off one.
  function fitList(list) {
    if (!list) return;
    const items = Array.from(list.children);
    items.forEach((li) => (li.hidden = false));
    for (let index = items.length - 1; index >= 0 && list.scrollHeight > list.clientHeight + 1; index -= 1) {
      items[index].hidden = true;
    }
  }

  // Buttons that need a live, open room are disabled otherwise; the reason is shown beside them.
  function updateControls() {
    const allowed = canAct();
    const paused = $("[data-qa-paused]");
    root.querySelectorAll("[data-needs-live]").forEach((node) => {
      const joinedOnly = (node.classList.contains("question__vote") || "joinedOnly" in node.dataset) && state.me === null;
      node.disabled = !allowed || joinedOnly;
      if (node.disabled && !joinedOnly && paused) node.setAttribute("aria-describedby", paused.id);
      else node.removeAttribute("aria-describedby");
    });
    root.querySelectorAll("[data-qa-room], .question__tools button:not([data-needs-live])").forEach((node) => {
      node.disabled = !state.live;
    });
  }

  function showFeedback(message, isError) {
    const box = $("[data-qa-feedback]");
    if (!box) return;
    box.textContent = message;
    box.hidden = false;
    box.classList.toggle("is-error", !!isError);
    box.dataset.connectionError = message === T.notSent || message === T.voteNotSent ? "true" : "";
  }

  // A request that succeeded makes an earlier refusal stale.
  function clearFeedback() {
    const box = $("[data-qa-feedback]");
    if (box && box.classList.contains("is-error")) {
      box.textContent = "";
      box.hidden = true;
    }
  }

  // Once live again, a message about the lost connection is stale.
  function clearConnectionErrors() {
    const box = $("[data-qa-feedback]");
    if (box && box.dataset.connectionError === "true") {
      box.textContent = "";
      box.hidden = true;
      box.dataset.connectionError = "";
    }
  }

  // A notice stays until dismissed (the newest few are kept), with an optional action.
  function addNotice(message, detail, action) {
    const area = $("[data-qa-notices]");
    if (!area) return;
    const notice = el("div", "qa__notice");
    const text = el("p", "qa__notice-text", message);
    if (detail) text.appendChild(el("span", "qa__notice-detail", " " + detail));
    notice.appendChild(text);
    if (action) {
      notice.appendChild(
        button(action.label, () => {
          notice.remove();
          action.run();
        })
      );
    }
    const dismiss = button("×", () => notice.remove(), "button--quiet qa__notice-dismiss");
    dismiss.setAttribute("aria-label", T.dismiss);
    notice.appendChild(dismiss);
    area.prepend(notice);
    while (area.children.length > NOTICES_KEPT) area.lastElementChild.remove();
  }

  // Controls -----------------------------------------------------------------
  root.querySelectorAll("[data-qa-sort]").forEach((node) => {
    node.addEventListener("click", () => {
      state.sort = node.dataset.qaSort;
      root.querySelectorAll("[data-qa-sort]").forEach((other) => {
        other.setAttribute("aria-pressed", other === node ? "true" : "false");
      });
      render();
    });
  });

  const myLanguage = $("[data-qa-my-language]");
  if (myLanguage) {
    myLanguage.hidden = false;
    myLanguage.addEventListener("click", () => {
      state.myLanguage = !state.myLanguage;
      myLanguage.setAttribute("aria-pressed", state.myLanguage ? "true" : "false");
      render();
    });
  }

  const moreOpinions = $("[data-qa-opinions-more]");
  if (moreOpinions) {
    moreOpinions.addEventListener("click", () => {
      state.allOpinions = !state.allOpinions;
      render();
    });
  }

  const opinionForm = $("[data-qa-opinion]");
  if (opinionForm) {
    const area = opinionForm.querySelector("textarea");
    const count = opinionForm.querySelector("[data-qa-opinion-count]");
    const submit = opinionForm.querySelector("button[type=submit]");
    submit.dataset.needsLive = "";
    submit.dataset.joinedOnly = "";
    area.addEventListener("input", () => {
      count.textContent = String(area.value.length);
    });
    opinionForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const prompt = currentPrompt();
      if (!canAct() || !prompt || !prompt.open) return;
      submit.disabled = true;
      send({ type: "opinion.post", prompt: prompt.id, text: area.value })
        .then((ack) => {
          area.value = "";
          count.textContent = "0";
          showFeedback(ack.status === "pending" ? T.sharedModerated : T.shared, false);
          render();
        })
        .catch((error) => showFeedback(error.message, true))
        .finally(updateControls);
    });
  }

  // {lang: text} from the inputs named <prefix>-<lang> inside `scope`; empty ones left out.
  function languageTexts(scope, prefix) {
    const texts = {};
    for (const code of Object.keys(T.languages)) {
      const input = scope.querySelector('[name="' + prefix + "-" + code + '"]');
      if (input && input.value.trim()) texts[code] = input.value.trim();
    }
    return texts;
  }

  // A text field per language: the default language shown (required), the others folded away.
  function languageFields(idPrefix, name, maxLength, label) {
    const box = el("div", "language-fields");
    const others = el("details", "language-fields__others");
    others.appendChild(el("summary", "", T.otherLanguages));
    for (const code of Object.keys(T.languages)) {
      const field = el("div", "field");
      const input = el("input");
      input.type = "text";
      input.id = idPrefix + "-" + code;
      input.name = name + "-" + code;
      input.maxLength = maxLength;
      input.lang = code;
      const fieldLabel = el("label", "", label ? label + " · " + languageName(code) : languageName(code));
      fieldLabel.htmlFor = input.id;
      fieldLabel.lang = pageLang;
      field.append(fieldLabel, input);
      if (code === T.defaultLanguage) {
        input.required = true;
        box.appendChild(field);
      } else {
        others.appendChild(field);
      }
    }
    box.appendChild(others);
    return box;
  }

  const pollCreate = $("[data-qa-poll-form]");
  if (pollCreate) {
    const rows = pollCreate.querySelector("[data-qa-poll-options]");
    const add = pollCreate.querySelector("[data-qa-add-option]");
    let made = 0;
    const renumber = () => {
      const items = Array.from(rows.children);
      items.forEach((item, index) => {
        item.querySelector("legend").textContent = fmt(T.option, { number: index + 1 });
        const remove = item.querySelector("[data-qa-remove-option]");
        remove.textContent = fmt(T.removeOption, { number: index + 1 });
        remove.disabled = items.length <= T.limits.pollOptionsMin;
      });
      add.disabled = items.length >= T.limits.pollOptionsMax;
    };
    const addOption = (focus) => {
      made += 1;
      const item = el("li", "poll-option-row");
      const fieldset = el("fieldset");
      fieldset.appendChild(el("legend"));
      fieldset.appendChild(languageFields("poll-option-" + made, "option", T.limits.pollOption));
      const remove = button("", () => {
        const next = item.nextElementSibling || item.previousElementSibling;
        item.remove();
        renumber();
        if (next) next.querySelector("input").focus();
      }, "button--quiet");
      remove.dataset.qaRemoveOption = "";
      fieldset.appendChild(remove);
      item.appendChild(fieldset);
      rows.appendChild(item);
      renumber();
      if (focus) item.querySelector("input").focus();
    };
    const reset = () => {
      rows.replaceChildren();
      for (let index = 0; index < T.limits.pollOptionsMin; index += 1) addOption(false);
    };
    reset();
    add.addEventListener("click", () => addOption(true));
    pollCreate.addEventListener("submit", (event) => {
      event.preventDefault();
      const options = Array.from(rows.children).map((item) => languageTexts(item, "option"));
      const submit = pollCreate.querySelector("button[type=submit]");
      submit.disabled = true;
      send({
        type: "poll.create",
        prompt: languageTexts(pollCreate, "prompt"),
        options: options,
        kind: pollCreate.querySelector("[name=kind]:checked").value,
        hide_results: pollCreate.querySelector("[name=hide_results]").checked,
      })
        .then(() => {
          pollCreate.reset();
          reset();
          clearFeedback();
          addNotice(T.didCreatePoll);
        })
        .catch((error) => showFeedback(error.message, true))
        .finally(() => {
          submit.disabled = false;
          updateControls();
        });
    });
  }

  const promptForm = $("[data-qa-prompt-form]");
  if (promptForm) {
    promptForm.addEventListener("submit", (event) => {
      event.preventDefault();
      send({ type: "opinion.open", text: languageTexts(promptForm, "prompt") })
        .then(() => {
          clearFeedback();
          promptForm.reset();
          addNotice(T.didOpenPrompt);
        })
        .catch((error) => showFeedback(error.message, true));
    });
  }
  const promptClose = $("[data-qa-prompt-close]");
  if (promptClose) {
    promptClose.addEventListener("click", () => {
      const prompt = currentPrompt();
      if (prompt && prompt.open) send({ type: "opinion.close", prompt: prompt.id }).catch((error) => showFeedback(error.message, true));
    });
  }

  const closeDialog = document.querySelector("[data-qa-close-dialog]");
  root.querySelectorAll("[data-qa-room]").forEach((node) => {
    node.addEventListener("click", () => {
      // Closing stops everyone asking and voting: a moderator confirms it first.
      if (node.dataset.qaRoom === "room.close" && closeDialog) {
        closeDialog.showModal();
        return;
      }
      send({ type: node.dataset.qaRoom }).catch((error) => showFeedback(error.message, true));
    });
  });
  if (closeDialog) {
    closeDialog.addEventListener("close", () => {
      if (closeDialog.returnValue !== "confirm") return;
      send({ type: "room.close" }).catch((error) => showFeedback(error.message, true));
    });
  }

  // Phones: the ask form (or the join form) is a sheet one tap away; wide screens show it beside.
  const sheet = $("[data-qa-sheet]");
  const sheetToggle = $("[data-qa-sheet-toggle]");
  function setSheet(open) {
    if (!sheet || !sheetToggle) return;
    sheet.classList.toggle("is-open", open);
    sheetToggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      const field = sheet.querySelector("textarea, input:not([type=hidden]), select");
      if (field) field.focus();
    } else {
      sheetToggle.focus();
    }
  }
  if (sheet && sheetToggle) {
    sheetToggle.addEventListener("click", () => setSheet(!sheet.classList.contains("is-open")));
    sheet.querySelectorAll("[data-qa-sheet-close]").forEach((node) => node.addEventListener("click", () => setSheet(false)));
    sheet.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && sheet.classList.contains("is-open")) setSheet(false);
    });
    // A join form that came back with errors is shown open.
    if (sheet.querySelector("[aria-invalid=true], .field__error")) setSheet(true);
  }

  const askForm = $("[data-qa-ask]");
  if (askForm) {
    const area = askForm.querySelector("textarea");
    const count = askForm.querySelector("[data-qa-count]");
    const submit = askForm.querySelector("button[type=submit]");
    submit.dataset.needsLive = "";
    area.addEventListener("input", () => {
      count.textContent = String(area.value.length);
    });
    askForm.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!canAct()) return; // the button says why; the text stays for later
      const anonymous = askForm.querySelector("[name=anonymous]");
      submit.disabled = true;
      send({ type: "question.ask", text: area.value, anonymous: !!(anonymous && anonymous.checked) })
        .then((ack) => {
          state.own.add(ack.question);
          area.value = "";
          count.textContent = "0";
          showFeedback(ack.status === "pending" ? T.sentModerated : T.sent, false);
          if (sheet && sheet.classList.contains("is-open")) setSheet(false);
          render();
        })
        .catch((error) => showFeedback(error.message, true))
        .finally(updateControls);
    });
  }

  if (mode === "presenter") {
    window.addEventListener("resize", () => fitList($("[data-qa-questions]")));
  }

  setConnection(navigator.onLine === false ? "offline" : "connecting");
  connect();
})();
