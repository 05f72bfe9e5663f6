// The mock's dashboard: polls the control API (GET state and journal, relative to this page at
// /__mock__/) and draws what it answers. Journal entries hold what clients sent (paths, bodies,
// messages quoting them), so the page is built from DOM nodes and text only, never innerHTML.
"use strict";

(() => {
  const REFRESH_MS = 1000;
  const STATE_LIMIT = 50; // newest tasks of each kind per account
  const JOURNAL_LIMIT = 500; // newest requests fetched
  const JOURNAL_ROWS = 12; // of them shown per account, newest first

  const byId = (id) => document.getElementById(id);

  // An element with a class (or none) and children: nodes, or anything else as a text node.
  function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  const badge = (text, extraClass) => el("span", extraClass ? `badge ${extraClass}` : "badge", text);
  const stateBadge = (status) => badge(status, `state-${String(status).replace(/[^A-Z_]/g, "")}`);
  const muted = (text) => el("span", "muted", text);
  const count = (n, noun) => `${n} ${noun}${n === 1 ? "" : "s"}`;

  function table(headings, rows) {
    return el(
      "table",
      null,
      el("thead", null, el("tr", null, ...headings.map((heading) => el("th", null, heading)))),
      el("tbody", null, ...rows),
    );
  }

  // ---- the clock, the faults, the queued outcomes ----

  function renderClock(clock) {
    byId("clock-now").textContent = clock.now;
    const mode = byId("clock-mode");
    mode.textContent = clock.frozen ? "frozen" : "running";
    mode.className = clock.frozen ? "badge state-PROCESSING" : "badge state-SUCCESS";
    byId("freeze-clock").disabled = clock.frozen;
    byId("unfreeze-clock").disabled = !clock.frozen;
  }

  function faultEffect(fault) {
    if (fault.code !== undefined) return `code ${fault.code}`;
    if (fault.http_status !== undefined) return `HTTP ${fault.http_status}`;
    if (fault.drop_connection) return "drops the connection";
    if (fault.delay_ms !== undefined) return `delay ${fault.delay_ms} ms`;
    return "";
  }

  function renderFaults(faults) {
    byId("clear-faults").disabled = faults.length === 0;
    const rows = faults.map((fault) =>
      el(
        "tr",
        null,
        el("td", "id", fault.endpoint),
        el("td", null, faultEffect(fault)),
        el("td", "number", fault.count === undefined ? "until cleared" : `${fault.count} left`),
        el("td", "number", fault.rate === undefined ? "" : `rate ${fault.rate}`),
      ),
    );
    byId("faults").replaceChildren(
      rows.length ? table(["endpoint", "effect", "hits", ""], rows) : muted("none pending"),
    );
  }

  function renderOutcomes(queued) {
    const rows = Object.keys(queued).map((kind) =>
      el(
        "tr",
        null,
        el("td", null, kind.replace("_", " ")),
        el("td", null, ...(queued[kind].length ? queued[kind].map(stateBadge) : [muted("none")])),
      ),
    );
    byId("queued-outcomes").replaceChildren(table(["tasks", "next outcomes, in order"], rows));
  }

  // ---- per account: tasks, uploads and requests ----

  function taskRow(kind, task, detail, result) {
    const row = el(
      "tr",
      null,
      el("td", null, kind),
      el("td", "id", task.task_id),
      el("td", null, detail),
      el("td", "status", stateBadge(task.status)),
      el("td", "id", result),
    );
    row.dataset.taskId = task.task_id;
    return row;
  }

  function taskRows(account) {
    return [
      ...account.video_tasks.latest.map((task) =>
        taskRow("video", task, task.aigc_video_type, task.video_id || ""),
      ),
      ...account.script_tasks.latest.map((task) =>
        taskRow("script", task, "", `${count(task.scripts_arrived, "script")} arrived`),
      ),
      ...account.avatar_video_tasks.latest.map((task) =>
        taskRow("avatar video", task, task.video_name, task.avatar_video_id || ""),
      ),
    ];
  }

  // Counts over all the account's tasks, not only the newest shown.
  function summary(account) {
    const chips = [];
    const add = (label, byStatus) => {
      for (const [status, count] of Object.entries(byStatus)) {
        chips.push(el("span", null, `${label} `, stateBadge(status), ` ${count}`));
      }
    };
    for (const [type, byStatus] of Object.entries(account.video_tasks.by_type_and_status)) {
      add(type, byStatus);
    }
    add("script", account.script_tasks.by_status);
    add("avatar video", account.avatar_video_tasks.by_status);
    return el("div", "summary", count(account.uploads.count, "upload"), ...chips);
  }

  function httpClass(entry) {
    if (entry.http_status < 200 || entry.http_status >= 300) return "http-error";
    return entry.code ? "http-code" : "http-ok";
  }

  function journalRow(entry) {
    const target = el("td", "id wrap", entry.path, entry.query ? muted(`?${entry.query}`) : null);
    if (entry.body) target.title = entry.body;
    const row = el(
      "tr",
      "journal-row",
      el("td", "id", entry.time.replace(/^.*T/, "").replace(/Z$/, "")),
      el("td", null, entry.method),
      target,
      el("td", `number ${httpClass(entry)}`, entry.http_status),
      el("td", `number ${httpClass(entry)}`, entry.code === null ? "" : entry.code),
      el("td", "wrap", entry.message),
    );
    row.title = entry.time;
    return row;
  }

  function requestsTable(entries) {
    const newest = entries.slice(-JOURNAL_ROWS).reverse();
    const more = entries.length - newest.length;
    return el(
      "div",
      null,
      table(["time", "method", "path", "HTTP", "code", "message"], newest.map(journalRow)),
      more > 0 ? muted(`and ${more} older (GET /__mock__/journal)`) : null,
    );
  }

  function accountSection(digest, account, entries) {
    const section = el(
      "section",
      "panel account",
      el(
        "h2",
        null,
        digest ? "Account " : "Requests without an Access-Token",
        digest ? el("span", "digest mono", `token sha256 ${digest}`) : null,
      ),
    );
    section.dataset.tokenDigest = digest;
    if (account) {
      section.append(summary(account));
      const tasks = taskRows(account);
      section.append(
        tasks.length
          ? table(["task", "id", "type / name", "status", "result"], tasks)
          : muted("no tasks"),
      );
      if (account.uploads.latest.length) {
        section.append(el("p", "muted", "uploads: ", el("span", "mono", account.uploads.latest.join("  "))));
      }
    }
    section.append(el("h3", null, `Requests (${entries.length})`));
    section.append(entries.length ? requestsTable(entries) : muted("none in the journal"));
    return section;
  }

  // One section per token digest, the one with the latest request first; then the requests
  // that sent no token.
  function renderAccounts(accounts, entries) {
    const byDigest = new Map(accounts.map((account) => [account.token_digest, []]));
    const latestRequest = new Map(); // digest -> the index of its latest journal entry
    const anonymous = [];
    entries.forEach((entry, index) => {
      if (!entry.token_digest) {
        anonymous.push(entry);
        return;
      }
      if (!byDigest.has(entry.token_digest)) byDigest.set(entry.token_digest, []);
      byDigest.get(entry.token_digest).push(entry);
      latestRequest.set(entry.token_digest, index);
    });
    const latest = (digest) => (latestRequest.has(digest) ? latestRequest.get(digest) : -1);
    const ordered = [...byDigest].sort(([a], [b]) => latest(b) - latest(a));
    const known = new Map(accounts.map((account) => [account.token_digest, account]));
    const sections = ordered.map(([digest, own]) => accountSection(digest, known.get(digest), own));
    if (anonymous.length) sections.push(accountSection("", null, anonymous));
    byId("accounts").replaceChildren(
      ...(sections.length ? sections : [muted("No account yet: no request has sent a token.")]),
    );
  }

  // ---- polling ----

  let paused = false;
  let lastStarted = 0;
  let lastShown = 0;
  let refreshes = 0;

  function setStatus(text, isError) {
    const status = byId("refresh-status");
    status.textContent = text;
    status.className = isError ? "error" : "muted";
  }

  async function getJson(path) {
    const response = await fetch(path, { cache: "no-store" });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  }

  async function refresh() {
    const ticket = ++lastStarted;
    try {
      const [state, journal] = await Promise.all([
        getJson(`state?limit=${STATE_LIMIT}`),
        getJson(`journal?limit=${JOURNAL_LIMIT}`),
      ]);
      if (ticket < lastShown) return; // an older answer arriving after a newer one
      lastShown = ticket;
      renderClock(state.clock);
      renderFaults(state.faults);
      renderOutcomes(state.queued_outcomes);
      renderAccounts(state.accounts, journal.entries);
      // Tests wait on this: the page has drawn the mock's answers this many times.
      document.documentElement.dataset.refreshes = String(++refreshes);
      setStatus(`updated ${new Date().toLocaleTimeString()}`, false);
    } catch (error) {
      setStatus(`cannot reach the mock: ${error.message}`, true);
    }
  }

  async function poll() {
    if (!paused) await refresh();
    setTimeout(poll, REFRESH_MS);
  }

  // ---- actions: a control API call, then a refresh (even when paused) ----

  async function act(method, path, body) {
    const error = byId("action-error");
    try {
      const init = { method, cache: "no-store" };
      if (body !== undefined) {
        init.headers = { "Content-Type": "application/json" };
        init.body = JSON.stringify(body);
      }
      const response = await fetch(path, init);
      if (!response.ok) {
        const answer = await response.json().catch(() => ({}));
        throw new Error(answer.error || `HTTP ${response.status}`);
      }
      error.hidden = true;
    } catch (failure) {
      error.textContent = `${method} /__mock__/${path}: ${failure.message}`;
      error.hidden = false;
    }
    await refresh();
  }

  byId("advance-form").addEventListener("submit", (event) => {
    event.preventDefault();
    act("POST", "clock/advance", { seconds: Number(byId("advance-seconds").value) });
  });
  byId("freeze-clock").addEventListener("click", () => act("POST", "clock/freeze"));
  byId("unfreeze-clock").addEventListener("click", () => act("POST", "clock/unfreeze"));
  byId("clear-faults").addEventListener("click", () => act("DELETE", "faults"));
  byId("pause-refresh").addEventListener("change", (event) => {
    paused = event.target.checked;
    if (paused) setStatus("refresh paused", false);
  });

  poll();
})();
