// Today, live: each call in progress follows its conversation's events over /ws/{session_id}
// (the signed-in session cookie is the credential), and the page polls itself (GET /console)
// to add calls that started and drop calls that ended, and to refresh the counts, alerts and bookings.
// Without this script the page reloads itself (a <noscript> meta refresh) and still reads.
// Everything said is written with textContent: nothing from a call is ever parsed as HTML.
"use strict";

(function () {
  const active = document.getElementById("active");
  if (!active) return;
  const pollMs = 1000 * (Number(active.dataset.pollS) || 3);
  const sockets = new Map(); // session id -> WebSocket
  const NOTES = { tier_escalation: "escalated", transfer: "transferring to a person",
                  transfer_failed: "transfer failed", transfer_not_answered: "transfer not answered" };
  const PERSON = { checking: "checking for a person…", available: "a person is free",
                   unavailable: "no one free" };

  function field(card, name, text) {
    for (const el of card.querySelectorAll("." + name)) el.textContent = text;
  }

  function addLine(card, role, text, detail) {
    const list = card.querySelector(".live-transcript");
    const li = document.createElement("li");
    li.className = "line " + role;
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = { user: "Caller", assistant: "Agent", note: "·" }[role] || role;
    const said = document.createElement("span");
    said.className = "said";
    said.textContent = text;
    li.append(who, " ", said);
    if (detail) {
      const small = document.createElement("span");
      small.className = "muted";
      small.textContent = " " + detail;
      li.append(small);
    }
    list.append(li);
    list.scrollTop = list.scrollHeight;
  }

  function interrupted(card, text) {
    const lines = card.querySelectorAll(".live-transcript li.assistant");
    const last = lines[lines.length - 1];
    if (!last) return addLine(card, "assistant", text, "(interrupted)");
    last.querySelector(".said").textContent = text;
    last.classList.add("interrupted");
  }

  function showState(card, s) {
    card.querySelector(".state").hidden = false;
    field(card, "agent", s.current_agent || "—");
    const confidence = typeof s.confidence === "number" ? " (" + s.confidence.toFixed(2) + ")" : "";
    field(card, "intent", s.detected_intent ? s.detected_intent + confidence : "—");
    field(card, "escalation", s.human_agent_status ? PERSON[s.human_agent_status] || s.human_agent_status
                                                   : s.escalation_in_progress ? "in progress" : "none");
    field(card, "turns", String(s.turn_count));
    field(card, "customer", (s.customer && s.customer.name) || "—");
    const a = s.appointment;
    field(card, "booked", a ? [a.appointment_type, a.scheduled_date, a.scheduled_time].filter(Boolean).join(" ") : "—");
    if (s.ended) {
      card.classList.add("ended");
      field(card, "status", "ended" + (s.outcome ? " · " + s.outcome : ""));
    }
  }

  function onEvent(card, e) {
    switch (e.type) {
      case "transcript":
        if (e.interrupted) interrupted(card, e.content);
        else addLine(card, e.role, e.content, e.role === "assistant" && e.agent_type ? e.agent_type : "");
        break;
      case "state_update": showState(card, e); break;
      case "call_status": field(card, "status", e.status); break;
      case "task_update":
        if (e.task.task_type === "human_escalation" && e.task.status !== "completed") {
          field(card, "escalation", e.task.status === "failed" ? "the check for a person failed" : PERSON.checking);
        }
        break;
      default:
        if (NOTES[e.type]) addLine(card, "note", NOTES[e.type]);
    }
  }

  function follow(card) {
    const sid = card.dataset.session;
    if (sockets.has(sid)) return;
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const ws = new WebSocket(scheme + location.host + "/ws/" + encodeURIComponent(sid));
    sockets.set(sid, ws);
    // The server replays the lines already said to a socket that joins: start from a clean list.
    ws.onopen = () => { card.querySelector(".live-transcript").replaceChildren(); card.classList.add("live"); };
    ws.onmessage = (m) => { try { onEvent(card, JSON.parse(m.data)); } catch (err) { /* not JSON */ } };
    ws.onclose = () => {
      card.classList.remove("live");
      if (sockets.get(sid) !== ws) return;
      sockets.delete(sid);
      // Still listed (a dropped connection, not an ended call): follow it again shortly.
      setTimeout(() => { if (card.isConnected && !card.classList.contains("ended")) follow(card); }, pollMs);
    };
  }

  function forget(sid) {
    const ws = sockets.get(sid);
    sockets.delete(sid);
    if (ws) ws.close();
  }

  function merge(doc) {
    const fresh = doc.getElementById("active");
    if (!fresh) return;
    const mine = new Map([...active.querySelectorAll(".live-call")].map((c) => [c.dataset.session, c]));
    const next = [...fresh.children].map((el) => mine.get(el.dataset.session) || document.importNode(el, true));
    const kept = new Set(next.map((el) => el.dataset.session).filter(Boolean));
    for (const sid of mine.keys()) if (!kept.has(sid)) forget(sid);
    active.replaceChildren(...next);
    active.querySelectorAll(".live-call").forEach(follow);
    for (const id of ["counts", "alerts", "bookings"]) {
      const old = document.getElementById(id), now = doc.getElementById(id);
      if (old && now) old.replaceWith(document.importNode(now, true));
    }
  }

  async function poll() {
    try {
      const response = await fetch(location.pathname, { credentials: "same-origin", cache: "no-store" });
      if (response.redirected || !response.ok) { location.reload(); return; } // signed out
      merge(new DOMParser().parseFromString(await response.text(), "text/html"));
    } catch (err) { /* the server is away: try again at the next tick */ }
    setTimeout(poll, pollMs);
  }

  const note = document.getElementById("live-note");
  if (note) note.textContent = "Live: transcripts and agent state as they happen; calls come and go on their own.";
  active.querySelectorAll(".live-call").forEach(follow);
  setTimeout(poll, pollMs);
})();
