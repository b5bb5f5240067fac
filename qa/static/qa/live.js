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
  const votesText = (count) => {
    const form = T.voteForms[plural.select(count)] || T.voteForms.other;
    return form.replace("%(count)s", String(count));
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
      case "room.updated":
        state.open = frame.room.open;
        showStatus();
        updateControls();
        break;
    }
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

  function questionBody(q) {
    const body = el("div", "question__body");
    const text = el("p", "question__text", q.text);
    if (q.language) text.lang = q.language;
    body.appendChild(text);
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
    body.appendChild(meta);
    return body;
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
    actions.appendChild(
      q.answered ? button(T.markUnanswered, () => moderate(q, "unanswer")) : button(T.markAnswered, () => moderate(q, "answer"))
    );
    actions.appendChild(q.pinned ? button(T.unpin, () => moderate(q, "unpin")) : button(T.pin, () => moderate(q, "pin")));
    const feature = button(T.feature, () => moderate(q, q.highlighted ? "unhighlight" : "highlight"), "button--toggle");
    feature.setAttribute("aria-pressed", q.highlighted ? "true" : "false");
    actions.appendChild(feature);
    actions.appendChild(button(q.answer ? T.editAnswer : T.writeAnswer, () => openEditor(li, "reply", q)));
    actions.appendChild(button(T.archive, () => moderate(q, "archive"), "button--danger"));
    return actions;
  }

  function removedTools(q) {
    const actions = el("div", "question__actions");
    actions.appendChild(button(T.restore, () => moderate(q, "restore")));
    return actions;
  }

  // Keyed lists: an item is rebuilt only when its question changed, and never moved needlessly,
  // so an open editor keeps its text, caret and focus.
  function renderList(list, questions, fill, emptyText) {
    if (!list) return;
    const items = list.qaItems || (list.qaItems = new Map());
    const wanted = [];
    for (const q of questions) {
      let li = items.get(q.id);
      if (!li) {
        li = el("li", "question");
        li.dataset.questionId = q.id;
        li.append(el("div", "question__content"), el("div", "question__tools"), el("div", "question__editor"));
        items.set(q.id, li);
      }
      const signature = JSON.stringify([q, state.votes.has(q.id), isOwn(q.id), state.me]);
      if (li.dataset.signature !== signature) {
        li.dataset.signature = signature;
        li.classList.toggle("is-pinned", !!q.pinned);
        li.classList.toggle("is-featured", !!q.highlighted);
        li.classList.toggle("is-answered", !!q.answered);
        li.querySelector(".question__content").replaceChildren(questionBody(q));
        const tools = li.querySelector(".question__tools");
        tools.replaceChildren();
        fill(q, li, tools);
      }
      wanted.push(li);
    }
    const keep = new Set(wanted);
    for (const [id, li] of items) {
      if (!keep.has(li)) {
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
  }

  function noTools() {}

  function participantTools(q, li, tools) {
    tools.appendChild(voteButton(q));
  }

  function moderatorTools(q, li, tools) {
    tools.appendChild(el("p", "question__count", votesText(q.votes)));
    tools.appendChild(publishedTools(q, li));
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
      renderList(list, top, presenterTools, T.noQuestions);
      fitList(list);
    } else {
      renderList(list, sorted(published), mode === "moderator" ? moderatorTools : participantTools, T.noQuestions);
    }
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

  // The presenter shows as many top questions as fit the projector, never a cut-off one.
  function fitList(list) {
    if (!list) return;
    const items = Array.from(list.children);
    items.forEach((li) => (li.hidden = false));
    for (let index = items.length - 1; index > 0 && list.scrollHeight > list.clientHeight + 1; index -= 1) {
      items[index].hidden = true;
    }
  }

  // Buttons that need a live, open room are disabled otherwise; the reason is shown beside them.
  function updateControls() {
    const allowed = canAct();
    const paused = $("[data-qa-paused]");
    root.querySelectorAll("[data-needs-live]").forEach((node) => {
      const joinedOnly = node.classList.contains("question__vote") && state.me === null;
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
