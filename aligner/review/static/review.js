// Review page: decisions (POST with CSRF token), keyboard navigation, filters, reviewer-added findings.
"use strict";
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const pairId = document.getElementById("pair-id").dataset.pair;
  const api = (path) => "/api/pairs/" + encodeURIComponent(pairId) + path;
  const reviewer = document.getElementById("reviewer");
  const cards = Array.from(document.querySelectorAll("article.card[data-id]"));
  let current = -1;

  reviewer.value = localStorage.getItem("aligner.reviewer") || "";
  reviewer.addEventListener("change", () => localStorage.setItem("aligner.reviewer", reviewer.value.trim()));

  // Messages appear where the reviewer is looking: on the card (or the form) the action came from.
  function say(element, text, isError) {
    element.textContent = text;
    element.classList.toggle("error", !!isError);
    element.classList.toggle("ok", !isError);
  }
  const tell = (card, text, isError) => say(card.querySelector(".message"), text, isError);

  async function post(path, body) {
    let response;
    try {
      response = await fetch(api(path), {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify(body),
      });
    } catch (e) {  // server stopped, network down: fetch rejects without a response
      return { status: 0, data: { error: "the review server cannot be reached" } };
    }
    let data = {};
    try { data = await response.json(); } catch (e) { /* not JSON */ }
    return { status: response.status, data: data };
  }

  // Unsent comments survive a closed tab: drafts are kept in localStorage until saved.
  const draftKey = (id) => "aligner.draft." + pairId + "." + id;
  function restoreDraft(card) {
    const raw = localStorage.getItem(draftKey(card.dataset.id));
    if (!raw) return;
    const draft = JSON.parse(raw);
    card.querySelector(".comment").value = draft.comment;
    // drafts kept before the sides were renamed say corrected_en
    card.querySelector(".corrected").value = draft.corrected_translation ?? draft.corrected_en ?? "";
    card.querySelector(".state").textContent += " (unsaved draft restored)";
  }
  function keepDraft(card) {
    localStorage.setItem(draftKey(card.dataset.id), JSON.stringify({
      comment: card.querySelector(".comment").value, corrected_translation: card.querySelector(".corrected").value }));
  }

  function updateProgress() {
    const el = document.getElementById("progress");
    const decided = cards.filter((c) => c.dataset.status !== "open").length;
    el.textContent = decided + " / " + el.dataset.total + " decided";
  }

  async function decide(card, status, overwrite) {
    const body = {
      status: status, comment: card.querySelector(".comment").value,
      corrected_translation: card.querySelector(".corrected").value, reviewer: reviewer.value.trim(),
      base_version: Number(card.dataset.version),
    };
    if (overwrite !== undefined) body.base_version = overwrite;
    const { status: code, data } = await post("/findings/" + encodeURIComponent(card.dataset.id) + "/decision", body);
    if (code === 200) {
      card.dataset.status = data.status;
      card.dataset.version = data.version;
      card.className = card.className.replace(/\bst-\S+/, "st-" + data.status);
      card.querySelector(".state").textContent = data.status + " by " + (data.reviewer || "anonymous") + ", " + data.decided_at;
      localStorage.removeItem(draftKey(card.dataset.id));
      tell(card, "Saved: " + data.status + (data.comment ? ", with your comment" : ""));
      updateProgress();
      applyFilters();
    } else if (code === 409) {
      const other = data.current || {};
      tell(card, "Not saved: " + (other.reviewer || "another reviewer") + " marked this finding '" + other.status +
          "' meanwhile. Press the button again to overwrite.", true);
      card.dataset.version = other.version || 0;
      card.querySelector(".state").textContent = other.status + " by " + (other.reviewer || "anonymous") +
        ", " + (other.decided_at || "") + (other.comment ? ": " + other.comment : "");
    } else {
      keepDraft(card);  // the comment and correction stay in their fields (and in this browser)
      tell(card, "Not saved" + (code ? " (" + code + ")" : "") + ": " + (data.error || "the review server cannot be reached") +
        ". Your text is kept; try again.", true);
    }
  }

  cards.forEach((card) => {
    restoreDraft(card);
    card.querySelectorAll(".actions button").forEach((b) =>
      b.addEventListener("click", () => { select(cards.indexOf(card)); decide(card, b.dataset.status); }));
    card.querySelector(".save").addEventListener("click", () => decide(card, card.dataset.status));
    card.querySelectorAll(".comment, .corrected").forEach((el) => el.addEventListener("input", () => keepDraft(card)));
    card.addEventListener("click", () => select(cards.indexOf(card), false));
  });

  function marksOf(id) {
    return Array.from(document.querySelectorAll("mark.hl")).filter((m) => m.dataset.f.split(" ").includes(id));
  }
  function rowsOf(id) {
    return Array.from(document.querySelectorAll(".row[data-findings]")).filter((r) => r.dataset.findings.split(" ").includes(id));
  }

  function select(index, scroll) {
    document.querySelectorAll(".current").forEach((el) => el.classList.remove("current"));
    if (index < 0 || index >= cards.length) return;
    current = index;
    const card = cards[index];
    card.classList.add("current");
    const marks = marksOf(card.dataset.id);
    const rows = rowsOf(card.dataset.id);
    marks.forEach((m) => m.classList.add("current"));
    rows.forEach((r) => r.classList.add("current"));
    if (scroll !== false) {
      card.scrollIntoView({ block: "nearest" });
      const target = marks[0] || rows[0];
      if (target) target.scrollIntoView({ block: "center" });
    }
  }

  function visible(card) { return !card.hidden; }
  function step(delta) {
    let i = current;
    for (let n = 0; n < cards.length; n++) {
      i = (i + delta + cards.length) % cards.length;
      if (visible(cards[i])) { select(i); return; }
    }
  }

  document.addEventListener("keydown", (e) => {
    if (e.target.matches("input, textarea, select") || e.ctrlKey || e.metaKey || e.altKey) return;
    const card = cards[current];
    if (e.key === "j") step(1);
    else if (e.key === "k") step(-1);
    else if (card && e.key === "c") decide(card, "confirmed");
    else if (card && e.key === "d") decide(card, "dismissed");
    else if (card && e.key === "x") decide(card, "discuss");
    else return;
    e.preventDefault();
  });

  document.querySelectorAll("mark.hl").forEach((m) => m.addEventListener("click", () => {
    const i = cards.findIndex((c) => c.dataset.id === m.dataset.f.split(" ")[0]);
    if (i >= 0) select(i);
  }));

  function applyFilters() {
    const types = new Set(Array.from(document.querySelectorAll(".f-type:checked")).map((i) => i.value));
    const severity = document.getElementById("f-severity").value;
    const status = document.getElementById("f-status").value;
    cards.forEach((c) => {
      const st = c.dataset.status;
      c.hidden = !(types.has(c.dataset.type) && (!severity || c.dataset.severity === severity) &&
        (!status || (status === "undecided" ? st === "open" : st === status)));
    });
    const shown = new Set(cards.filter(visible).map((c) => c.dataset.id));
    document.querySelectorAll("mark.hl").forEach((m) =>
      m.classList.toggle("dim", !m.dataset.f.split(" ").some((id) => shown.has(id))));
  }
  document.querySelectorAll(".f-type, #f-severity, #f-status").forEach((el) => el.addEventListener("change", applyFilters));

  // Selecting text on one side offers to add a finding the tool missed.
  const form = document.getElementById("add-form");
  let selection = null;
  function offsetOf(node, offset) {
    const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    const piece = el.closest("[data-off]");
    return piece ? Number(piece.dataset.off) + (node.nodeType === Node.TEXT_NODE ? offset : 0) : null;
  }
  document.querySelector(".texts").addEventListener("mouseup", () => {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed) return;
    const a = sel.anchorNode.parentElement && sel.anchorNode.parentElement.closest("[data-side]");
    const b = sel.focusNode.parentElement && sel.focusNode.parentElement.closest("[data-side]");
    if (!a || a !== b) return;
    const x = offsetOf(sel.anchorNode, sel.anchorOffset), y = offsetOf(sel.focusNode, sel.focusOffset);
    if (x === null || y === null || x === y) return;
    selection = { side: a.dataset.side, start: Math.min(x, y), end: Math.max(x, y) };
    const quote = document.getElementById("add-quote");
    quote.textContent = sel.toString();
    quote.dir = a.dir || "auto";  // the side's writing direction, as the page gives it
    quote.lang = a.lang;
    form.hidden = false;
  });
  document.getElementById("add-cancel").addEventListener("click", () => { form.hidden = true; selection = null; });
  const addMessage = document.getElementById("add-message");
  const submit = form.querySelector("button[type=submit]");
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!selection || submit.disabled) return;
    // one id per finding being added: a retry after an error, or a second click, cannot add it twice
    selection.request_id = selection.request_id || (Date.now().toString(36) + Math.random().toString(36).slice(2));
    submit.disabled = true;
    say(addMessage, "Adding…");
    const { status: code, data } = await post("/findings", Object.assign({}, selection, {
      type: form.elements.type.value, severity: form.elements.severity.value,
      comment: form.elements.comment.value, reviewer: reviewer.value.trim() }));
    submit.disabled = false;
    if (code === 201 || code === 200) { window.location.hash = "card-" + data.finding_id; window.location.reload(); }
    else say(addMessage, "Not added" + (code ? " (" + code + ")" : "") + ": " +
      (data.error || "the review server cannot be reached") + ". Your text is kept; try again.", true);
  });

  applyFilters();
  const fromHash = cards.findIndex((c) => "#card-" + c.dataset.id === window.location.hash);
  if (fromHash >= 0) select(fromHash);
})();
