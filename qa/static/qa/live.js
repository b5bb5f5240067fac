/* Live Q&A client: renders a room from the server's events. Protocol: docs/qa-protocol.md.
   Everything people typed is put on the page with textContent, never as HTML. */
(function () {
  "use strict";

  const root = document.querySelector("[data-qa-mode]");
  if (!root) return;
  const mode = root.dataset.qaMode; // participant | moderator | presenter
  const T = JSON.parse(document.getElementById("qa-strings").textContent);
  const $ = (selector) => root.querySelector(selector);
  const plural = new Intl.PluralRules(document.documentElement.lang || "en");
  const votesText = (count) => {
    const form = T.voteForms[plural.select(count)] || T.voteForms.other;
    return form.replace("%(count)s", String(count));
  };
  const PING_EVERY = 25000;
  const PONG_WITHIN = 10000;
  const START_OVER = 4000;
  // A socket that has not opened by then is as good as refused (a proxy holding the handshake).
  const OPEN_WITHIN = 10000;
  const FAILED_OPENS_BEFORE_FALLBACK = 2;

  const state = {
    seq: 0,
    synced: false, // a welcome arrived: later connections resume after state.seq

    me: null,
    moderator: false,
    open: true,
    questions: new Map(),
    mine: new Map(),
    pending: new Map(),
    votes: new Set(),
    sort: "popular",
  };

  let socket = null;
  // Where a proxy or firewall blocks WebSockets, Server-Sent Events bring the events and each
  // request is an HTTP POST; once there, the page stays there.
  let fallback = !window.WebSocket;
  let stream = null; // the EventSource, on the fallback
  let failedOpens = 0; // sockets in a row that closed before they opened
  let attempt = 0;
  let retryTimer = null;
  let pingTimer = null;
  let pongTimer = null;
  let refCounter = 0;
  const waiting = new Map();

  // Connection -------------------------------------------------------------
  function setStatus(kind) {
    const el = $("[data-qa-status]");
    if (!el) return;
    el.textContent = T[kind];
    el.dataset.state = kind;
    root.dataset.connection = kind;
  }

  function connect() {
    clearTimeout(retryTimer);
    root.dataset.transport = fallback ? "sse" : "websocket";
    if (fallback) return openStream();
    if (socket && socket.readyState <= WebSocket.OPEN) return;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    // Resuming is part of connecting: the server replays what we missed, then says "resumed".
    const after = state.synced ? "&after=" + state.seq : "";
    const ws = new WebSocket(scheme + "//" + location.host + root.dataset.wsPath + after);
    socket = ws;
    let opened = false;
    const openTimer = setTimeout(() => ws.close(), OPEN_WITHIN);
    ws.addEventListener("open", () => {
      opened = true;
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
      if (event.code === START_OVER) state.synced = false; // what we missed is gone from the log
      // Offline, every socket fails; online, a socket that never opens twice is being blocked.
      if (!opened && navigator.onLine !== false) failedOpens += 1;
      if (failedOpens >= FAILED_OPENS_BEFORE_FALLBACK && canFallBack()) fallback = true;
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
        setStatus("reconnecting");
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
    setStatus("reconnecting");
    clearTimeout(retryTimer);
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
      // A sleeping laptop or a dead tunnel never answers: treat silence as a lost connection.
      pongTimer = setTimeout(dropConnection, PONG_WITHIN);
    }, PING_EVERY);
  }

  function stopHeartbeat() {
    clearInterval(pingTimer);
    clearTimeout(pongTimer);
  }

  function failWaiting() {
    for (const [, entry] of waiting) entry.reject({ code: "disconnected", message: T.reconnecting });
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
        reject({ code: "disconnected", message: T.reconnecting });
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
      .catch(() => Promise.reject({ code: "disconnected", message: T.reconnecting }))
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

  function resumed(frame) {
    state.seq = Math.max(state.seq, frame.seq);
    attempt = 0;
    setStatus("live");
    startHeartbeat();
    render();
  }

  function settle(frame, outcome) {
    const entry = frame.ref && waiting.get(frame.ref);
    if (!entry) return;
    waiting.delete(frame.ref);
    entry[outcome](frame);
  }

  function welcome(frame) {
    state.seq = frame.seq;
    state.synced = true;
    state.me = frame.me;
    state.moderator = frame.moderator;
    state.open = frame.room.open;
    state.questions = new Map(frame.questions.map((q) => [q.id, q]));
    state.mine = new Map(frame.mine.map((q) => [q.id, q]));
    state.pending = new Map((frame.pending || []).map((q) => [q.id, q]));
    state.votes = new Set(frame.votes);
    attempt = 0;
    setStatus("live");
    startHeartbeat();
    render();
  }

  function apply(frame) {
    const q = frame.question;
    switch (frame.type) {
      case "question.submitted":
        if (frame.participant === state.me) state.mine.set(q.id, q);
        if (state.moderator) state.pending.set(q.id, q);
        break;
      case "question.published":
        state.mine.delete(q.id);
        state.pending.delete(q.id);
        state.questions.set(q.id, q);
        break;
      case "question.updated":
        state.questions.set(q.id, q);
        break;
      case "question.votes": {
        const known = state.questions.get(q);
        if (known) known.votes = frame.votes;
        break;
      }
      case "question.removed":
        state.questions.delete(q);
        state.mine.delete(q);
        state.pending.delete(q);
        break;
      case "room.updated":
        state.open = frame.room.open;
        break;
    }
  }

  // Rendering --------------------------------------------------------------
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(label, onClick, extra) {
    const node = el("button", "button--small", label);
    node.type = "button";
    node.addEventListener("click", onClick);
    if (extra) extra(node);
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

  function questionItem(q) {
    const li = el("li", "question");
    li.dataset.questionId = q.id;
    li.classList.toggle("is-pinned", !!q.pinned);
    li.classList.toggle("is-highlighted", !!q.highlighted);
    li.classList.toggle("is-answered", !!q.answered);
    li.appendChild(el("p", "question__text", q.text));
    const meta = el("p", "question__meta");
    const who = [q.author || T.anonymous, q.organisation, q.country].filter(Boolean).join(" · ");
    meta.appendChild(el("span", "question__author", who));
    const badges = [];
    if (q.status === "pending") badges.push(["awaiting", "badge--pending"]);
    if (q.pinned) badges.push(["pinned", "badge--pinned"]);
    if (q.highlighted) badges.push(["highlighted", "badge--highlighted"]);
    if (q.answered) badges.push(["answered", "badge--answered"]);
    for (const [key, cls] of badges) meta.appendChild(el("span", "badge " + cls, T[key]));
    li.appendChild(meta);
    return li;
  }

  function voteButton(q) {
    const voted = state.votes.has(q.id);
    return button(
      "",
      () => {
        const frame = { type: voted ? "question.unvote" : "question.vote", question: q.id };
        send(frame)
          .then((ack) => {
            if (ack.voted) state.votes.add(q.id);
            else state.votes.delete(q.id);
            render();
          })
          .catch((error) => showFeedback(error.message, true));
      },
      (node) => {
        node.className = "question__vote";
        node.setAttribute("aria-pressed", voted ? "true" : "false");
        node.disabled = state.me === null || !state.open;
        node.appendChild(el("span", "question__vote-label", voted ? T.upvoted : T.upvote));
        node.appendChild(el("span", "question__votes", String(q.votes)));
        node.setAttribute("aria-label", (voted ? T.upvoted : T.upvote) + " (" + votesText(q.votes) + ")");
      }
    );
  }

  function moderate(q, action, text) {
    const frame = { type: "question.moderate", question: q.id, action: action };
    if (text !== undefined) frame.text = text;
    return send(frame).catch((error) => showFeedback(error.message, true));
  }

  function pendingActions(q, li) {
    const actions = el("div", "question__actions");
    actions.appendChild(button(T.approve, () => moderate(q, "approve")));
    actions.appendChild(
      button(T.editApprove, () => {
        actions.hidden = true;
        const form = el("form", "question__edit");
        const id = "edit-" + q.id;
        const label = el("label", "", T.editLabel);
        label.htmlFor = id;
        const area = el("textarea");
        area.id = id;
        area.maxLength = 500;
        area.rows = 3;
        area.value = q.text;
        form.append(label, area);
        const save = el("button", "button--small", T.saveApprove);
        save.type = "submit";
        form.appendChild(save);
        form.appendChild(button(T.cancel, () => render()));
        form.addEventListener("submit", (event) => {
          event.preventDefault();
          moderate(q, "approve", area.value);
        });
        li.appendChild(form);
        area.focus();
      })
    );
    actions.appendChild(button(T.reject, () => moderate(q, "reject")));
    return actions;
  }

  function publishedActions(q) {
    const actions = el("div", "question__actions");
    if (!q.answered) actions.appendChild(button(T.markAnswered, () => moderate(q, "answer")));
    actions.appendChild(q.pinned ? button(T.unpin, () => moderate(q, "unpin")) : button(T.pin, () => moderate(q, "pin")));
    actions.appendChild(
      button(T.highlight, () => moderate(q, "highlight"), (node) => node.setAttribute("aria-pressed", q.highlighted ? "true" : "false"))
    );
    actions.appendChild(button(T.archive, () => moderate(q, "archive")));
    return actions;
  }

  function render() {
    if (root.querySelector(".question__edit textarea:focus")) return; // keep a moderator's edit
    const list = $("[data-qa-questions]");
    if (list) {
      const limit = parseInt(list.dataset.qaLimit || "0", 10);
      let questions = sorted(state.questions.values());
      if (limit) questions = questions.slice(0, limit);
      const items = questions.map((q) => {
        const li = questionItem(q);
        if (mode === "participant") li.appendChild(voteButton(q));
        if (mode === "moderator") {
          li.appendChild(el("p", "question__count", votesText(q.votes)));
          li.appendChild(publishedActions(q));
        }
        if (mode === "presenter") li.appendChild(el("p", "question__count", votesText(q.votes)));
        return li;
      });
      if (!items.length) items.push(el("li", "qa__empty", T.noQuestions));
      list.replaceChildren(...items);
    }
    const mine = $("[data-qa-mine]");
    if (mine) {
      mine.replaceChildren(...Array.from(state.mine.values()).map(questionItem));
      $("[data-qa-mine-section]").hidden = state.mine.size === 0;
    }
    const pending = $("[data-qa-pending]");
    if (pending) {
      const items = Array.from(state.pending.values()).map((q) => {
        const li = questionItem(q);
        li.appendChild(pendingActions(q, li));
        return li;
      });
      if (!items.length) items.push(el("li", "qa__empty", T.noPending));
      pending.replaceChildren(...items);
      $("[data-qa-pending-count]").textContent = String(state.pending.size);
    }
    const closed = $("[data-qa-closed]") || document.querySelector("[data-qa-closed]");
    if (closed) closed.hidden = state.open;
    root.querySelectorAll("[data-qa-room]").forEach((node) => {
      node.hidden = (node.dataset.qaRoom === "room.close") !== state.open;
    });
    const ask = $("[data-qa-ask] button[type=submit]");
    if (ask) ask.disabled = !state.open;
  }

  function showFeedback(message, isError) {
    const box = $("[data-qa-feedback]");
    if (!box) return;
    box.textContent = message;
    box.hidden = false;
    box.classList.toggle("is-error", !!isError);
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

  root.querySelectorAll("[data-qa-room]").forEach((node) => {
    node.addEventListener("click", () => {
      send({ type: node.dataset.qaRoom }).catch((error) => showFeedback(error.message, true));
    });
  });

  const askForm = $("[data-qa-ask]");
  if (askForm) {
    const area = askForm.querySelector("textarea");
    const count = askForm.querySelector("[data-qa-count]");
    area.addEventListener("input", () => {
      count.textContent = String(area.value.length);
    });
    askForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const anonymous = askForm.querySelector("[name=anonymous]");
      send({ type: "question.ask", text: area.value, anonymous: !!(anonymous && anonymous.checked) })
        .then((ack) => {
          area.value = "";
          count.textContent = "0";
          showFeedback(ack.status === "pending" ? T.sentModerated : T.sent, false);
        })
        .catch((error) => showFeedback(error.message, true));
    });
  }

  setStatus("connecting");
  connect();
})();
