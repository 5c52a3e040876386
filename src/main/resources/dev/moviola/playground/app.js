// Moviola's web playground: edit a movie, check it as you type, render it, follow the job, play the result.
// Plain script on purpose (no build step): the editor itself is the bundle web/build.sh makes (MoviolaEditor).
"use strict";

const KEY_STORE = "moviola.apiKey";
const DRAFT_STORE = "moviola.draft";
const PHASES = ["planning", "dispatching", "rendering", "assembling", "uploading"];
const FINISHED = new Set(["done", "failed", "cancelled"]);
const $ = (id) => document.getElementById(id);

const page = {
  key: localStorage.getItem(KEY_STORE) || "",
  following: null, // the AbortController of the event stream followed now
  jobId: null,
  seenPhases: new Set(),
  validateMissing: false,
};

const STARTER = `{
  "resolution": "custom", "width": 640, "height": 360,
  "scenes": [
    {
      "duration": 2,
      "background-color": "#1e3a8a",
      "elements": [
        { "type": "text", "text": "Hello from the playground", "settings": { "font-size": "6vw" } }
      ]
    }
  ]
}
`;

// ---- the API ---------------------------------------------------------------------------------------------------

function headers(extra = {}) {
  return page.key ? { "x-api-key": page.key, ...extra } : extra;
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: headers(body === undefined ? {} : { "content-type": "application/json" }),
    body,
  });
  let json = null;
  try {
    json = await response.json();
  } catch {
    // an empty or non-JSON answer: the status says enough
  }
  return { status: response.status, ok: response.ok, json };
}

/** An error answer as one line: its message and each detail with its path. */
function describe(answer) {
  const j = answer.json || {};
  const details = (j.details || []).map((d) => (d.path ? d.path + ": " : "") + d.message);
  return [j.error || j.message || "HTTP " + answer.status, ...details].join("\n");
}

/** Paths inside {"movie": ...} as the movie's own. */
function moviePath(path) {
  if (!path) return "";
  if (path === "movie") return "";
  if (path.startsWith("movie.")) return path.slice(6);
  if (path.startsWith("movie[")) return path.slice(5);
  return path;
}

// ---- the key ---------------------------------------------------------------------------------------------------

function showKeyState(text) {
  $("key-state").textContent = text ?? (page.key ? "saved in this browser" : "no key yet");
}

function setupKey() {
  $("api-key").value = page.key;
  showKeyState();
  $("key-form").addEventListener("submit", (e) => {
    e.preventDefault();
    page.key = $("api-key").value.trim();
    if (page.key) localStorage.setItem(KEY_STORE, page.key);
    else localStorage.removeItem(KEY_STORE);
    showKeyState();
    editor.relint();
    refreshJobs();
  });
  $("key-forget").addEventListener("click", () => {
    page.key = "";
    $("api-key").value = "";
    localStorage.removeItem(KEY_STORE);
    showKeyState();
    $("jobs").replaceChildren();
  });
}

// ---- the editor ------------------------------------------------------------------------------------------------

/** The server's problems with the text (POST /v1/validate?timeline=false); null when it cannot say. */
async function validate(text) {
  if (!page.key) {
    $("lint-state").textContent = "enter the API key to check with the server";
    return null;
  }
  if (!text.trim()) return [];
  let answer;
  try {
    // The text goes as it is (a bare movie, as POST /v2/movies takes one): the server's line and column of a
    // syntax error are the editor's.
    answer = await api("POST", "/v1/validate?timeline=false", text);
  } catch (e) {
    $("lint-state").textContent = "the server did not answer";
    return null;
  }
  if (answer.status === 404) {
    page.validateMissing = true;
    $("lint-state").textContent = "this server cannot validate: schema checks only";
    return null;
  }
  if (!answer.ok || !answer.json) {
    $("lint-state").textContent = answer.status === 401 ? "the API key is not valid" : "validation: " + describe(answer);
    return null;
  }
  const problems = (answer.json.problems || []).map((p) => ({ ...p, path: moviePath(p.path) }));
  const errors = problems.filter((p) => p.severity !== "warning").length;
  $("lint-state").textContent = errors === 0 ? (problems.length ? problems.length + " warning(s)" : "valid")
    : errors + " error(s)";
  $("lint-state").className = errors === 0 ? "hint" : "hint bad";
  return problems;
}

let draftTimer = 0;
const editor = MoviolaEditor.create($("editor"), {
  doc: localStorage.getItem(DRAFT_STORE) || STARTER,
  validate,
  onDiagnostics: () => showProblems(),
  onChange: (text) => {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(() => localStorage.setItem(DRAFT_STORE, text), 400);
  },
});

/** The problems under the editor, each a link to its place. */
function showProblems() {
  const list = $("problems");
  list.replaceChildren();
  for (const d of editor.diagnostics()) {
    const li = document.createElement("li");
    li.className = "sev-" + d.severity;
    const where = document.createElement("span");
    where.className = "where";
    where.textContent = "line " + d.line;
    li.append(where, d.message + (d.source === "schema" ? " (schema)" : ""));
    li.addEventListener("click", () => {
      editor.view.dispatch({ selection: { anchor: d.from, head: d.to }, scrollIntoView: true });
      editor.view.focus();
    });
    list.append(li);
  }
}

async function loadSchema() {
  try {
    const r = await fetch("/schema/movie.json");
    if (r.ok) editor.setSchema(await r.json());
  } catch (e) {
    console.warn("no schema", e);
  }
}

// ---- examples --------------------------------------------------------------------------------------------------

async function loadExampleList() {
  const r = await fetch("/playground/examples");
  if (!r.ok) return;
  for (const ex of await r.json()) {
    const option = document.createElement("option");
    option.value = ex.name;
    option.textContent = ex.name.replace(/\.json$/, "");
    option.title = ex.comment;
    $("examples").append(option);
  }
}

/**
 * An example as the server can render it: its sources are paths relative to the examples folder, which the server
 * serves at /playground/examples/; they become this server's URLs (the example's files are left as they are).
 */
function forThisServer(text) {
  const base = location.origin + "/playground/examples/";
  let changed = 0;
  const out = text.replace(/("src"\s*:\s*")([^"\\]*)"/g, (all, head, src) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("/") || src.startsWith("{{")) return all;
    changed++;
    return head + base + src + '"';
  });
  return { text: out, changed };
}

async function loadExample() {
  const name = $("examples").value;
  if (!name) return;
  const r = await fetch("/playground/examples/" + encodeURIComponent(name));
  if (!r.ok) return;
  const { text, changed } = forThisServer(await r.text());
  editor.setText(text);
  notice(changed === 0 ? null : "This example's " + changed + " files are fetched from this server ("
    + location.origin + "/playground/examples/). A server on this machine fetches from its own address only when "
    + "allowed: MOVIOLA_FETCH_ALLOW=127.0.0.1 (docs/security.md).");
}

function notice(text) {
  $("notice").hidden = !text;
  $("notice").textContent = text || "";
}

// ---- submitting and following a job ----------------------------------------------------------------------------

async function submit() {
  let movie;
  try {
    movie = JSON.parse(editor.getText());
  } catch (e) {
    showJobError("The movie is not valid JSON: " + e.message);
    return;
  }
  if (!page.key) {
    showJobError("Enter your API key first (at the top right).");
    $("api-key").focus();
    return;
  }
  $("submit").disabled = true;
  try {
    const answer = await api("POST", "/v1/render/jobs", JSON.stringify({ movie }));
    if (answer.status !== 202) {
      showJobError(describe(answer));
      return;
    }
    openJob(answer.json.jobId, { status: answer.json.status });
    refreshJobs();
  } catch (e) {
    showJobError("The server did not answer: " + e.message);
  } finally {
    $("submit").disabled = false;
  }
}

function showJobError(text) {
  $("job-empty").hidden = true;
  $("job-view").hidden = false;
  $("job-error").hidden = !text;
  $("job-error").textContent = text || "";
}

/** Shows a job and, while it is not finished, follows its events. */
function openJob(jobId, first) {
  if (page.following) page.following.abort();
  page.jobId = jobId;
  page.seenPhases = new Set();
  $("log").replaceChildren();
  $("video").removeAttribute("src");
  $("video").hidden = true;
  $("video").load();
  $("links").replaceChildren();
  showJobError(null);
  render({ jobId, status: "queued", progress: 0, ...first });
  for (const li of $("jobs").children) li.classList.toggle("open", li.dataset.jobId === jobId);
  if (!FINISHED.has(first.status)) follow(jobId);
}

/**
 * Follows GET /v1/jobs/{id}/events. EventSource cannot send the key's header, so this reads the stream with fetch;
 * a stream that ends before the job does (the server stopped, or the stream's time ran out) is opened again.
 */
async function follow(jobId) {
  const control = new AbortController();
  page.following = control;
  let retry = 0;
  while (!control.signal.aborted) {
    try {
      const response = await fetch("/v1/jobs/" + encodeURIComponent(jobId) + "/events",
        { headers: headers({ accept: "text/event-stream" }), signal: control.signal });
      if (!response.ok) {
        showJobError("Cannot follow the job: HTTP " + response.status);
        return;
      }
      retry = 0;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const finished = event(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (finished) {
            control.abort();
            refreshJobs();
            return;
          }
        }
      }
    } catch (e) {
      if (control.signal.aborted) return;
    }
    await new Promise((r) => setTimeout(r, Math.min(10_000, 1000 * 2 ** retry++)));
  }
}

/** One server-sent event; true when the job is finished. */
function event(block) {
  let name = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) name = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  let body = null;
  try {
    body = JSON.parse(data.join("\n"));
  } catch {
    return false;
  }
  const job = name === "shutdown" ? body.job : body;
  log(name, job);
  if (name === "error") {
    showJobError(body.error || "the job is gone");
    return true;
  }
  if (job) render(job);
  return FINISHED.has(name);
}

function log(name, job) {
  const li = document.createElement("li");
  const time = new Date().toTimeString().slice(0, 8);
  li.textContent = `${time} ${name}` + (job ? ` ${job.status}${job.phase ? " · " + job.phase : ""} · ${Math.round((job.progress || 0) * 100)}%` : "");
  $("log").append(li);
  $("log").scrollTop = $("log").scrollHeight;
}

/** The job as GET /v1/jobs/{id} and the events show it. */
function render(job) {
  $("job-empty").hidden = true;
  $("job-view").hidden = false;
  $("job-id").textContent = job.jobId;
  $("job-status").textContent = job.status;
  $("job-status").className = "badge " + job.status;

  const row = document.querySelector(`#jobs li[data-job-id="${job.jobId}"] .badge`);
  if (row) {
    row.textContent = job.status;
    row.className = "badge " + job.status;
  }
  $("job-cancel").hidden = FINISHED.has(job.status);
  if (job.phase) page.seenPhases.add(job.phase);
  for (const li of $("phases").children) {
    const p = li.dataset.phase;
    const finishedOk = job.status === "done";
    li.classList.toggle("seen", page.seenPhases.has(p) || (finishedOk && p !== "done"));
    li.classList.toggle("current", p === job.phase);
    li.classList.toggle("finished", p === "done" && finishedOk);
  }
  const pct = Math.round((job.progress || 0) * 100);
  $("progress-bar").style.width = pct + "%";
  $("progress-text").textContent = pct + "%";

  renderScenes(job.children);
  const c = job.cache;
  $("cache-text").textContent = c ? `cache: movie ${c.movie ?? "—"} · scenes from cache ${c.scenesHit ?? 0}, rendered `
    + `${c.scenesRendered ?? 0} · elements from cache ${c.elementsHit ?? 0}` : "";

  const warnings = $("warnings");
  warnings.replaceChildren();
  for (const w of job.warnings || []) {
    const li = document.createElement("li");
    li.textContent = "⚠ " + (w.path ? w.path + ": " : "") + w.message;
    warnings.append(li);
  }
  if (job.error) {
    const e = job.error;
    showJobError(`${e.code}: ${e.message}` + (e.sceneIndex != null ? ` (scene ${e.sceneIndex})` : ""));
  }
  if (job.status === "done" && job.outputUrl) showResult(job);
}

/**
 * One tile a scene, filled as far as the scene is done (children.progress); the counts say how many came from the
 * cache, are rendering and are queued.
 */
function renderScenes(children) {
  const box = $("scenes");
  if (!children || !children.total) {
    box.replaceChildren();
    $("scenes-text").textContent = "";
    return;
  }
  const { total, succeeded = 0, running = 0, failed = 0, cached = 0 } = children;
  const queued = Math.max(0, total - succeeded - running - failed);
  const each = Array.isArray(children.progress) && children.progress.length === total ? children.progress : null;
  const tiles = [];
  // Scenes start in order: of those not yet reporting progress, the first ones are the ones starting now.
  let starting = Math.max(0, running - (each ? each.filter((p) => p > 0 && p < 1).length : 0));
  for (let i = 0; i < total; i++) {
    // Without each scene's figure (an older server), tiles follow the counts: done, then rendering, then queued.
    const p = each ? each[i] : i < succeeded ? 1 : 0;
    let kind = p >= 1 ? "done" : p > 0 ? "running" : "queued";
    if (kind === "queued" && starting > 0) {
      kind = "running";
      starting--;
    }
    const tile = document.createElement("span");
    tile.className = kind;
    tile.style.setProperty("--done", Math.round(p * 100) + "%");
    tile.title = `scene ${i}: ${Math.round(p * 100)}%`;
    tiles.push(tile);
  }
  box.replaceChildren(...tiles);
  $("scenes-text").textContent = `scenes: ${succeeded} of ${total} rendered` + (cached ? ` (${cached} from cache)` : "")
    + (running ? ` · ${running} rendering` : "") + (queued ? ` · ${queued} queued` : "") + (failed ? ` · ${failed} failed` : "");
}

function showResult(job) {
  const video = $("video");
  if (video.getAttribute("src") !== job.outputUrl) {
    video.src = job.outputUrl;
    video.hidden = false;
  }
  const links = $("links");
  links.replaceChildren();
  for (const [label, url] of [["movie", job.outputUrl], ["thumbnail", job.thumbnailUrl], ["captions", job.captionsUrl]]) {
    if (!url) continue;
    const a = document.createElement("a");
    a.href = url;
    a.textContent = label;
    a.target = "_blank";
    links.append(a);
  }
  if (job.mediaData) {
    links.append(` ${job.mediaData.width}×${job.mediaData.height}, ${job.mediaData.duration} s`);
  }
}

async function cancel() {
  if (!page.jobId) return;
  const answer = await api("POST", "/v1/jobs/" + encodeURIComponent(page.jobId) + "/cancel");
  if (!answer.ok) showJobError(describe(answer));
  else render(answer.json);
}

// ---- past jobs -------------------------------------------------------------------------------------------------

async function refreshJobs() {
  if (!page.key) return;
  const answer = await api("GET", "/v1/jobs?limit=20");
  const list = $("jobs");
  if (!answer.ok) {
    list.replaceChildren(Object.assign(document.createElement("li"), { textContent: describe(answer) }));
    return;
  }
  list.replaceChildren();
  for (const job of answer.json.jobs) {
    const li = document.createElement("li");
    li.dataset.jobId = job.jobId;
    li.classList.toggle("open", job.jobId === page.jobId);
    const badge = Object.assign(document.createElement("span"), { className: "badge " + job.status, textContent: job.status });
    const id = Object.assign(document.createElement("span"), { className: "id", textContent: job.jobId });
    const when = Object.assign(document.createElement("span"), { className: "when",
      textContent: new Date(job.createdAt).toLocaleString() });
    li.append(badge, id, when);
    li.addEventListener("click", () => reopen(job.jobId));
    list.append(li);
  }
}

/** A past job: its state (followed when not finished) and its movie back in the editor. */
async function reopen(jobId) {
  const [job, movie] = await Promise.all([
    api("GET", "/v1/jobs/" + encodeURIComponent(jobId)),
    api("GET", "/v1/jobs/" + encodeURIComponent(jobId) + "/movie"),
  ]);
  if (!job.ok) {
    showJobError(describe(job));
    return;
  }
  if (movie.ok && movie.json) {
    editor.setText(JSON.stringify(movie.json, null, 2) + "\n");
    notice(null);
  }
  openJob(jobId, job.json);
}

// ---- start -----------------------------------------------------------------------------------------------------

setupKey();
$("load-example").addEventListener("click", loadExample);
$("submit").addEventListener("click", submit);
$("jobs-refresh").addEventListener("click", refreshJobs);
$("job-cancel").addEventListener("click", cancel);
loadSchema();
loadExampleList();
refreshJobs();
window.playground = { editor, openJob, reopen, refreshJobs };
