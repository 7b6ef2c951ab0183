// Review page: decisions (POST with the CSRF token), keyboard, filters and search, pages of cards,
// bulk decisions with undo, link edits, reviewer-added findings.
//
// Built for pairs with thousands of findings: the findings come as JSON records and only the cards
// of the current page (50) are drawn; highlights are indexed once; a decision redraws one card.
"use strict";
(function () {
  const started = performance.now();
  const $ = (selector) => document.querySelector(selector);
  const csrf = $('meta[name="csrf-token"]').content;
  const pairId = $("#pair-id").dataset.pair;
  const api = (path) => "/api/pairs/" + encodeURIComponent(pairId) + path;
  const reviewer = $("#reviewer");
  const message = $("#message");
  const list = $("#cards");
  const sides = list.dataset;
  const PAGE_SIZE = 50;
  const records = JSON.parse($("#findings-data").textContent);
  const byId = new Map(records.map((r) => [r.id, r]));
  const rows = new Map(Array.from(document.querySelectorAll(".texts .row[data-link]")).map((r) => [r.dataset.link, r]));
  const rowList = Array.from(rows.values());

  // Highlights by finding id: marks (a finding's own span) and context (the sentences it is linked to).
  const marks = new Map(), context = new Map();
  const highlights = [];
  function index(map, el, ids) { ids.forEach((id) => { if (!map.has(id)) map.set(id, []); map.get(id).push(el); }); }
  document.querySelectorAll(".texts [data-f], .texts [data-c]").forEach((el) => {
    el._f = el.dataset.f ? el.dataset.f.split(" ") : [];
    el._c = el.dataset.c ? el.dataset.c.split(" ") : [];
    index(marks, el, el._f);
    index(context, el, el._c);
    highlights.push(el);
  });

  let shown = [];  // the records the filters let through, in order
  let page = 0;
  let current = null;  // the selected record
  const drawn = new Map();  // record -> its card element, once drawn

  reviewer.value = localStorage.getItem("aligner.reviewer") || "";
  reviewer.addEventListener("change", () => localStorage.setItem("aligner.reviewer", reviewer.value.trim()));

  // What happened to an action is said where the reviewer is looking: a decision on its card, an
  // added finding in its form; only bulk decisions, undo and link edits use the panel's line.
  function show(element, text, isError) {
    element.textContent = text;
    element.classList.toggle("error", !!isError);
    element.classList.toggle("ok", !isError);
  }
  const say = (text, isError) => show(message, text, isError);
  const tell = (card, text, isError) => show(card.querySelector(".message"), text, isError);
  const UNREACHABLE = "the review server cannot be reached";

  async function post(path, body) {
    let response;
    try {
      response = await fetch(api(path), {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify(body),
      });
    } catch (e) {  // server stopped, network down: fetch rejects without a response
      return { status: 0, data: { error: UNREACHABLE } };
    }
    let data = {};
    try { data = await response.json(); } catch (e) { /* not JSON */ }
    return { status: response.status, data: data };
  }

  // ---- cards -------------------------------------------------------------------------------------
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function quote(text, side) {
    const q = el("span", "quote", text);
    q.lang = sides[side + "Lang"];
    q.dir = sides[side + "Dir"];
    return q;
  }
  function stateText(r) {
    return r.status === "open" && !r.decided_at ? "open"
      : r.status + " by " + (r.by || "anonymous") + ", " + String(r.decided_at || "").slice(0, 16).replace("T", " ");
  }
  function cardClass(r) {
    return "card t-" + r.kind + " sev-" + r.severity + " st-" + r.status + (r.low ? " low" : "") +
      (r === current ? " current" : "");
  }
  // Unsent comments survive a closed tab: drafts are kept in localStorage until saved.
  const draftKey = (id) => "aligner.draft." + pairId + "." + id;
  function keepDraft(card) {
    localStorage.setItem(draftKey(card.dataset.id), JSON.stringify({
      comment: card.querySelector(".comment").value, corrected_translation: card.querySelector(".corrected").value }));
  }

  function draw(r) {
    const card = el("article");
    card.id = "card-" + r.id;
    card.tabIndex = -1;
    card._record = r;
    const h = el("h3");
    h.append(el("span", "type", r.type), "/", el("span", "subtype", r.subtype), " ", el("span", "sev", r.severity));
    if (r.confidence !== "") h.append(" ", el("span", "muted", String(r.confidence)));
    if (r.low) h.append(" ", el("span", "badge low", "low confidence"));
    if (r.reviewer_added) h.append(" ", el("span", "badge", "added by reviewer"));
    const quotes = el("p", "quotes");
    quotes.append(r.original_text ? quote(r.original_text, "original") : el("span", "quote none", "—"),
                  el("span", "arrow", "→"),
                  r.translation_text ? quote(r.translation_text, "translation")
                    : el("span", "quote none", r.translation_segment_ids ? "in " + r.translation_segment_ids : "nothing"));
    card.append(h, quotes);
    if (r.evidence) card.append(el("p", "evidence", r.evidence));
    const foot = el("div", "foot");
    const actions = el("span", "actions");
    for (const [status, label, key] of [["confirmed", "Confirm", "c"], ["dismissed", "Dismiss", "d"], ["discuss", "Discuss", "x"]]) {
      const b = el("button", "", label);
      b.type = "button";
      b.dataset.status = status;
      b.title = label + " (" + key + ")";
      actions.append(b);
    }
    foot.append(el("span", "state", stateText(r)), actions);
    const editor = el("div", "editor");
    const comment = el("textarea", "comment");
    comment.placeholder = "comment";
    comment.value = r.comment;
    const corrected = el("input", "corrected");
    corrected.placeholder = "corrected " + sides.translationName + " rendering";
    corrected.value = r.corrected;
    const save = el("button", "save", "Save comment");
    save.type = "button";
    editor.append(el("p", "rule muted", r.rule + " · " + r.id + (r.source_file ? " · " + r.source_file : "")),
                  comment, corrected, save);
    const status = el("p", "message");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    card.append(foot, status, editor);
    refresh(card, r);
    const raw = localStorage.getItem(draftKey(r.id));
    if (raw) {
      const draft = JSON.parse(raw);
      comment.value = draft.comment;
      // drafts kept before the sides were renamed say corrected_en
      corrected.value = draft.corrected_translation ?? draft.corrected_en ?? "";
      card.querySelector(".state").textContent += " (unsaved draft restored)";
    }
    return card;
  }
  function refresh(card, r) {
    card.className = cardClass(r);
    const d = card.dataset;
    d.id = r.id; d.type = r.kind; d.subtype = r.type + "/" + r.subtype; d.rule = r.rule;
    d.severity = r.severity; d.status = r.status; d.version = r.version; d.low = r.low ? "1" : "0";
  }
  function cardOf(r) {
    let card = drawn.get(r);
    if (!card) { card = draw(r); drawn.set(r, card); }
    return card;
  }

  // ---- undo: the last changes made in this tab (kept across reloads) -------------------------------
  const undoKey = "aligner.undo." + pairId;
  function undoStack() {
    try { return JSON.parse(sessionStorage.getItem(undoKey) || "[]"); } catch (e) { return []; }
  }
  function pushUndo(entry) {
    const stack = undoStack();
    stack.push(entry);
    sessionStorage.setItem(undoKey, JSON.stringify(stack.slice(-50)));
  }
  function popUndo() {
    const stack = undoStack();
    const entry = stack.pop();
    sessionStorage.setItem(undoKey, JSON.stringify(stack));
    return entry;
  }

  // ---- decisions -----------------------------------------------------------------------------------
  const progress = $("#progress");
  function updateProgress() {
    let decided = 0;
    for (const r of records) if (!r.low && r.status !== "open") decided++;
    progress.textContent = decided + " / " + progress.dataset.total + " decided";
  }

  function record(r, d) {
    Object.assign(r, { status: d.status, version: d.version, by: d.reviewer, decided_at: d.decided_at,
                       comment: d.comment, corrected: d.corrected_translation });
    const card = drawn.get(r);
    if (card) {
      refresh(card, r);
      card.querySelector(".state").textContent = stateText(r);
      card.querySelector(".comment").value = r.comment;
      card.querySelector(".corrected").value = r.corrected;
    }
    localStorage.removeItem(draftKey(r.id));
  }

  function previousOf(r) {
    return { finding_id: r.id, status: r.status, comment: r.comment, corrected_translation: r.corrected };
  }

  function afterDecisions() {
    updateProgress();
    if ($("#f-status").value) applyFilters(true);
  }

  async function decide(r, status, overwrite) {
    const card = cardOf(r);
    const previous = previousOf(r);
    const body = {
      status: status, comment: card.querySelector(".comment").value,
      corrected_translation: card.querySelector(".corrected").value, reviewer: reviewer.value.trim(),
      base_version: Number(r.version),
    };
    if (overwrite !== undefined) body.base_version = overwrite;
    const { status: code, data } = await post("/findings/" + encodeURIComponent(r.id) + "/decision", body);
    if (code === 200) {
      record(r, data);
      pushUndo({ kind: "decisions", items: [Object.assign(previous, { base_version: data.version })] });
      tell(card, "Saved: " + data.status + (data.comment ? ", with your comment" : ""));
      afterDecisions();
    } else if (code === 409) {
      const other = data.current || {};
      tell(card, "Not saved: " + (other.reviewer || "another reviewer") + " marked this finding '" + other.status +
          "' meanwhile. Press the button again to overwrite.", true);
      r.version = other.version || 0;
      refresh(card, r);
      card.querySelector(".state").textContent = other.status + " by " + (other.reviewer || "anonymous") +
        ", " + (other.decided_at || "") + (other.comment ? ": " + other.comment : "");
    } else {
      keepDraft(card);  // the comment and correction stay in their fields (and in this browser)
      tell(card, "Not saved" + (code ? " (" + code + ")" : "") + ": " + (data.error || UNREACHABLE) +
        ". Your text is kept; try again.", true);
    }
  }

  function applyResult(data, verb) {
    (data.decided || []).forEach((d) => { const r = byId.get(d.finding_id); if (r) record(r, d); });
    const conflicts = data.conflicts || [];
    conflicts.forEach((d) => { const r = byId.get(d.finding_id); if (r) r.version = d.version; });
    afterDecisions();
    say(verb + " " + (data.decided || []).length + " findings" +
        (conflicts.length ? "; " + conflicts.length + " left as they were: another reviewer changed them meanwhile" : ""),
        conflicts.length > 0);
  }

  // Bulk: everything the filters show (on every page), after a confirmation.
  let pendingBulk = null;
  document.querySelectorAll(".bulk-btn").forEach((b) => b.addEventListener("click", () => {
    const status = b.dataset.status;
    const targets = shown.filter((r) => r.status !== status);
    if (!targets.length) { say("Nothing to change: every finding shown is already " + status + "."); return; }
    pendingBulk = { status: status, records: targets };
    $("#confirm-text").textContent = "Mark all " + targets.length + " findings shown as " + status + "?" +
      (targets.length < shown.length ? " (" + (shown.length - targets.length) + " already are.)" : "");
    $("#confirm-bar").hidden = false;
    $("#confirm-yes").focus();
  }));
  $("#confirm-no").addEventListener("click", () => { pendingBulk = null; $("#confirm-bar").hidden = true; });
  $("#confirm-yes").addEventListener("click", async () => {
    const job = pendingBulk;
    pendingBulk = null;
    $("#confirm-bar").hidden = true;
    if (!job) return;
    const versions = {};
    job.records.forEach((r) => { versions[r.id] = Number(r.version); });
    const { status: code, data } = await post("/decisions/bulk", {
      status: job.status, finding_ids: job.records.map((r) => r.id), versions: versions,
      reviewer: reviewer.value.trim() });
    if (code !== 200) { say("Not saved (" + code + "): " + (data.error || UNREACHABLE), true); return; }
    const after = new Map((data.decided || []).map((d) => [d.finding_id, d.version]));
    const items = (data.previous || []).filter((p) => after.has(p.finding_id)).map((p) => ({
      finding_id: p.finding_id, status: p.status, comment: p.comment, corrected_translation: p.corrected_translation,
      base_version: after.get(p.finding_id) }));
    if (items.length) pushUndo({ kind: "decisions", items: items });
    applyResult(data, "Marked " + job.status + ":");
  });

  async function undo() {
    const entry = popUndo();
    if (!entry) { say("Nothing to undo."); return; }
    if (entry.kind === "link") {
      const { status: code, data } = await post("/links/edits/" + encodeURIComponent(entry.edit_id) + "/undo",
                                                { reviewer: reviewer.value.trim() });
      if (code !== 201) { say("Link edit not undone (" + code + "): " + (data.error || UNREACHABLE), true); return; }
      reloadKeepingPlace();
      return;
    }
    const { status: code, data } = await post("/decisions/undo", { items: entry.items, reviewer: reviewer.value.trim() });
    if (code !== 200) { pushUndo(entry); say("Not undone (" + code + "): " + (data.error || UNREACHABLE), true); return; }
    applyResult(data, "Undone:");
  }
  $("#undo").addEventListener("click", undo);

  list.addEventListener("click", (e) => {
    const card = e.target.closest("article.card[data-id]");
    if (!card) return;
    const r = card._record;
    const button = e.target.closest("button");
    if (button && button.dataset.status) { select(r, false); decide(r, button.dataset.status); }
    else if (button && button.classList.contains("save")) decide(r, r.status);
    else if (r !== current) select(r, false);
  });
  list.addEventListener("input", (e) => {
    const card = e.target.closest("article.card[data-id]");
    if (card && e.target.matches(".comment, .corrected")) keepDraft(card);
  });

  // ---- selection and pages ---------------------------------------------------------------------------
  function rowsOf(r) { return r.rows.map((id) => rows.get(id)).filter(Boolean); }

  function select(r, scroll) {
    document.querySelectorAll(".current").forEach((node) => node.classList.remove("current"));
    document.querySelectorAll(".lit").forEach((node) => node.classList.remove("lit"));
    current = r;
    if (!r) return;
    const at = shown.indexOf(r);
    if (at >= 0 && Math.floor(at / PAGE_SIZE) !== page) { page = Math.floor(at / PAGE_SIZE); render(); }
    const card = cardOf(r);
    card.classList.add("current");
    const own = marks.get(r.id) || [];
    const linked = context.get(r.id) || [];
    const its = rowsOf(r);
    own.forEach((m) => m.classList.add("current"));
    linked.forEach((m) => m.classList.add("lit"));
    its.forEach((row) => row.classList.add("current"));
    if (scroll !== false) {
      card.scrollIntoView({ block: "nearest" });
      const target = own[0] || linked[0] || its[0];
      if (target) target.scrollIntoView({ block: "center" });
    }
  }

  function step(delta) {
    if (!shown.length) return;
    let i = shown.indexOf(current);
    i = i < 0 ? (delta > 0 ? 0 : shown.length - 1) : (i + delta + shown.length) % shown.length;
    select(shown[i]);
  }

  function nextUndecided() {
    const start = shown.indexOf(current);
    for (let n = 1; n <= shown.length; n++) {
      const r = shown[(start + n + shown.length) % shown.length];
      if (r.status === "open") { select(r); return; }
    }
    say("No undecided finding in this view.");
  }

  function render() {
    const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    page = Math.min(Math.max(page, 0), pages - 1);
    const first = page * PAGE_SIZE, last = Math.min(shown.length, first + PAGE_SIZE);
    list.replaceChildren(...shown.slice(first, last).map(cardOf));
    $("#page-info").textContent = shown.length ? " " + (first + 1) + "–" + last + " of " + shown.length + " " : " none ";
    $("#page-prev").disabled = page === 0;
    $("#page-next").disabled = page >= pages - 1;
  }
  $("#page-prev").addEventListener("click", () => { page--; render(); });
  $("#page-next").addEventListener("click", () => { page++; render(); });

  // ---- filters -----------------------------------------------------------------------------------------
  const lowSwitch = $("#f-low");
  function passes(r, f) {
    if (r.low && !f.low) return false;
    if (!f.types.has(r.kind)) return false;
    if (f.severity && r.severity !== f.severity) return false;
    if (f.status && (f.status === "undecided" ? r.status !== "open" : r.status !== f.status)) return false;
    if (f.rule && (f.rule.endsWith(":*") ? !r.rule.startsWith(f.rule.slice(0, -1)) : r.rule !== f.rule)) return false;
    if (f.subtype && r.type + "/" + r.subtype !== f.subtype) return false;
    if (f.boiler && r.boiler) return false;
    if (f.query && !search.matches_(r)) return false;
    return true;
  }
  function dimMarks() {
    const on = new Set(shown.map((r) => r.id));
    for (const node of highlights) {
      const lit = node._f.some((id) => on.has(id)) || node._c.some((id) => on.has(id));
      node.classList.toggle("dim", !lit);
    }
  }
  function applyFilters(keepPage) {
    const f = {
      types: new Set(Array.from(document.querySelectorAll(".f-type:checked")).map((i) => i.value)),
      severity: $("#f-severity").value, status: $("#f-status").value, rule: $("#f-rule").value,
      subtype: $("#f-subtype").value, boiler: $("#f-boiler").checked, low: lowSwitch.checked, query: search.query,
    };
    document.body.classList.toggle("show-low", f.low);
    shown = records.filter((r) => passes(r, f));
    if (!keepPage) page = 0;
    render();
    dimMarks();
    const main = records.filter((r) => !r.low).length;
    $("#shown-count").textContent = shown.length + " shown of " + main +
      (f.low ? " + " + (records.length - main) + " low-confidence" : "");
  }
  document.querySelectorAll(".f-type, #f-severity, #f-status, #f-rule, #f-subtype, #f-boiler, #f-low")
    .forEach((node) => node.addEventListener("change", () => applyFilters(false)));

  // ---- search across both texts ----------------------------------------------------------------------
  const search = (function () {
    const folding = JSON.parse($("#search-folding").textContent || "{}");
    const remove = new Set(folding.remove || "");
    const map = folding.map || {};
    const cache = new Map();
    function foldChar(ch) {
      if (remove.has(ch)) return "";
      const mapped = map[ch] !== undefined ? map[ch] : ch;
      let out = cache.get(mapped);
      if (out === undefined) {
        out = mapped.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
        cache.set(mapped, out);
      }
      return out;
    }
    function fold(text) { let out = ""; for (const ch of text) out += foldChar(ch); return out; }
    // Each side of each row as one folded string, and where each folded character came from.
    let cells = null;
    function build() {
      cells = [];
      for (const row of rowList) {
        for (const side of row.querySelectorAll("[data-side]")) {
          const nodes = [], starts = [], ends = [];
          let text = "";
          const walker = document.createTreeWalker(side, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement.closest(".gap, button")) continue;
            let i = 0;
            for (const ch of node.data) {
              const folded = foldChar(ch);
              for (let k = 0; k < folded.length; k++) { nodes.push(node); starts.push(i); ends.push(i + ch.length); }
              text += folded;
              i += ch.length;
            }
          }
          cells.push({ row: row, text: text, nodes: nodes, starts: starts, ends: ends });
        }
      }
    }
    const state = { raw: "", query: "", ranges: [], count: 0, rowsHit: new Set(), at: -1, recordText: new Map() };
    const MAX_RANGES = 5000;
    state.run = function (raw) {
      state.raw = raw.trim();
      state.query = fold(state.raw);
      state.ranges = [];
      state.count = 0;
      state.rowsHit = new Set();
      state.at = -1;
      if (state.query) {
        if (!cells) build();
        const q = state.query;
        for (const cell of cells) {
          for (let from = cell.text.indexOf(q); from >= 0; from = cell.text.indexOf(q, from + q.length)) {
            state.count++;
            state.rowsHit.add(cell.row.dataset.link);
            if (state.ranges.length < MAX_RANGES) {
              const end = from + q.length - 1;
              const range = document.createRange();
              range.setStart(cell.nodes[from], cell.starts[from]);
              range.setEnd(cell.nodes[end], cell.ends[end]);
              state.ranges.push(range);
            }
          }
        }
      }
      if (window.CSS && CSS.highlights) {
        CSS.highlights.delete("search-current");
        if (state.ranges.length) CSS.highlights.set("search", new Highlight(...state.ranges));
        else CSS.highlights.delete("search");
      }
      $("#search-count").textContent = state.query ? "· " + state.count + " matches in " + state.rowsHit.size + " rows" : "";
    };
    // A finding matches when a row it is on has a match, or its own quotes, evidence or rule do.
    state.matches_ = function (r) {
      if (r.rows.some((id) => state.rowsHit.has(id))) return true;
      let text = state.recordText.get(r);
      if (text === undefined) {
        text = fold([r.type, r.subtype, r.rule, r.original_text, r.translation_text, r.evidence].join(" "));
        state.recordText.set(r, text);
      }
      return text.includes(state.query);
    };
    state.go = function (delta) {
      if (!state.ranges.length) return;
      state.at = (state.at + delta + state.ranges.length) % state.ranges.length;
      const range = state.ranges[state.at];
      if (window.CSS && CSS.highlights) CSS.highlights.set("search-current", new Highlight(range));
      range.startContainer.parentElement.scrollIntoView({ block: "center" });
      $("#search-count").textContent = "· " + (state.at + 1) + " of " + state.count + " matches in " + state.rowsHit.size + " rows";
    };
    return state;
  })();
  let searchTimer = null;
  $("#search").addEventListener("input", (e) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => { search.run(e.target.value); applyFilters(false); }, 150);
  });
  $("#search").addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      clearTimeout(searchTimer);
      if (e.target.value.trim() !== search.raw) { search.run(e.target.value); applyFilters(false); }
      search.go(e.shiftKey ? -1 : 1);
    } else if (e.key === "Escape") e.target.blur();
  });
  $("#search-next").addEventListener("click", () => search.go(1));
  $("#search-prev").addEventListener("click", () => search.go(-1));

  // ---- keyboard ----------------------------------------------------------------------------------------
  document.addEventListener("keydown", (e) => {
    if (e.target.matches("input, textarea, select") || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "j") step(1);
    else if (e.key === "k") step(-1);
    else if (e.key === "n") nextUndecided();
    else if (e.key === "u") undo();
    else if (e.key === "/") $("#search").focus();
    else if (current && e.key === "c") decide(current, "confirmed");
    else if (current && e.key === "d") decide(current, "dismissed");
    else if (current && e.key === "x") decide(current, "discuss");
    else return;
    e.preventDefault();
  });

  // A click on a highlight selects its finding (if the filters show it).
  $(".texts").addEventListener("click", (e) => {
    const node = e.target.closest("[data-f], [data-c]");
    if (!node || (window.getSelection() && !window.getSelection().isCollapsed)) return;
    const r = node._f.concat(node._c).map((id) => byId.get(id)).find((x) => x && shown.includes(x));
    if (r) select(r);
  });

  // ---- link editing ------------------------------------------------------------------------------------
  const linkForm = $("#link-form");
  let editing = null;
  function reloadKeepingPlace() {
    sessionStorage.setItem("aligner.scroll." + pairId, String($(".texts").scrollTop));
    window.location.reload();
  }
  async function sendEdit(body) {
    const { status: code, data } = await post("/links/edits", Object.assign(body, { reviewer: reviewer.value.trim() }));
    if (code === 201) { pushUndo({ kind: "link", edit_id: data.edit_id }); reloadKeepingPlace(); }
    else say("Link not changed (" + code + "): " + (data.error || UNREACHABLE), true);
  }
  function neighbour(row, delta) {
    const i = rowList.indexOf(row) + delta;
    return i >= 0 && i < rowList.length ? rowList[i] : null;
  }
  function openLinkEditor(row) {
    if (editing) editing.classList.remove("editing");
    editing = row;
    row.classList.add("editing");
    $("#link-name").textContent = row.dataset.link;
    const box = $("#link-sentences");
    box.replaceChildren();
    for (const sideName of ["original", "translation"]) {
      const side = row.querySelector('[data-side="' + sideName + '"]');
      const sentences = Array.from(side.querySelectorAll(".sent[data-sid]"));
      box.appendChild(el("p", "muted", sideName + " (" + sentences.length + ")"));
      const ol = el("ol");
      sentences.forEach((s, i) => {
        const li = el("li");
        const tick = el("input", "split-" + sideName);
        tick.type = "checkbox";
        tick.value = s.dataset.sid;
        tick.title = "split off into a link of its own, with the other ticked sentences";
        const text = el("span", "snippet", s.textContent);
        text.dir = side.dir; text.lang = side.lang;
        li.append(tick, " ", text, " ");
        const moves = [[-1, "↑ to the link before", i === 0], [1, "↓ to the link after", i === sentences.length - 1]];
        for (const [delta, label, allowed] of moves) {
          const target = neighbour(row, delta);
          if (!allowed || !target) continue;
          const b = el("button", "move", label);
          b.type = "button";
          b.addEventListener("click", () => sendEdit({ op: "move", side: sideName, sentence: s.dataset.sid, to: target.dataset.link }));
          li.appendChild(b);
        }
        ol.appendChild(li);
      });
      box.appendChild(ol);
    }
    $("#link-merge-prev").disabled = !neighbour(row, -1);
    $("#link-merge-next").disabled = !neighbour(row, 1);
    linkForm.hidden = false;
    linkForm.scrollIntoView({ block: "nearest" });
  }
  $(".texts").addEventListener("click", (e) => {
    const b = e.target.closest(".edit-link");
    if (b) openLinkEditor(b.closest(".row[data-link]"));
  });
  $("#link-merge-prev").addEventListener("click", () => {
    const other = neighbour(editing, -1);
    if (other) sendEdit({ op: "merge", links: [other.dataset.link, editing.dataset.link] });
  });
  $("#link-merge-next").addEventListener("click", () => {
    const other = neighbour(editing, 1);
    if (other) sendEdit({ op: "merge", links: [editing.dataset.link, other.dataset.link] });
  });
  $("#link-split").addEventListener("click", () => {
    const ticked = (side) => Array.from(linkForm.querySelectorAll(".split-" + side + ":checked")).map((i) => i.value);
    sendEdit({ op: "split", link: editing.dataset.link, original: ticked("original"), translation: ticked("translation") });
  });
  $("#link-cancel").addEventListener("click", () => {
    linkForm.hidden = true;
    if (editing) editing.classList.remove("editing");
    editing = null;
  });

  // ---- adding a finding the tool missed: select text on one side ---------------------------------------
  const form = $("#add-form");
  let selection = null;
  function offsetOf(node, offset) {
    const parent = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    const piece = parent.closest("[data-off]");
    return piece ? Number(piece.dataset.off) + (node.nodeType === Node.TEXT_NODE ? offset : 0) : null;
  }
  $(".texts").addEventListener("mouseup", () => {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed) return;
    const a = sel.anchorNode.parentElement && sel.anchorNode.parentElement.closest("[data-side]");
    const b = sel.focusNode.parentElement && sel.focusNode.parentElement.closest("[data-side]");
    if (!a || a !== b) return;
    const x = offsetOf(sel.anchorNode, sel.anchorOffset), y = offsetOf(sel.focusNode, sel.focusOffset);
    if (x === null || y === null || x === y) return;
    selection = { side: a.dataset.side, start: Math.min(x, y), end: Math.max(x, y) };
    const q = $("#add-quote");
    q.textContent = sel.toString();
    q.dir = a.dir || "auto";  // the side's writing direction, as the page gives it
    q.lang = a.lang;
    form.hidden = false;
  });
  $("#add-cancel").addEventListener("click", () => { form.hidden = true; selection = null; });
  const addMessage = $("#add-message");
  const submit = form.querySelector("button[type=submit]");
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!selection || submit.disabled) return;
    // one id per finding being added: a retry after an error, or a second click, cannot add it twice
    selection.request_id = selection.request_id || (Date.now().toString(36) + Math.random().toString(36).slice(2));
    submit.disabled = true;
    show(addMessage, "Adding…");
    const { status: code, data } = await post("/findings", Object.assign({}, selection, {
      type: form.elements.type.value, severity: form.elements.severity.value,
      comment: form.elements.comment.value, reviewer: reviewer.value.trim() }));
    submit.disabled = false;
    if (code === 201 || code === 200) { window.location.hash = "card-" + data.finding_id; window.location.reload(); }
    else show(addMessage, "Not added" + (code ? " (" + code + ")" : "") + ": " + (data.error || UNREACHABLE) +
      ". Your text is kept; try again.", true);
  });

  // ---- start -------------------------------------------------------------------------------------------
  applyFilters(false);
  const scroll = sessionStorage.getItem("aligner.scroll." + pairId);
  if (scroll !== null) { $(".texts").scrollTop = Number(scroll); sessionStorage.removeItem("aligner.scroll." + pairId); }
  const fromHash = byId.get(window.location.hash.replace(/^#card-/, ""));
  if (fromHash) {
    if (fromHash.low && !lowSwitch.checked) { lowSwitch.checked = true; applyFilters(false); }
    select(fromHash);
  }
  // For scripts/bench_review.py: how long the script took, and when the page was ready (ms since navigation).
  document.body.dataset.ready = String(Math.round(performance.now() - started));
  document.body.dataset.readyAt = String(Math.round(performance.now()));
})();
