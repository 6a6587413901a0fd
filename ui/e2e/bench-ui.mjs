// The speed the clerk feels, measured in the real app in its real webview (run
// on demand, never part of the test suite; figures go in docs/benchmarks.md):
//   search   — the last keystroke's input event → the results painted
//   open job — a click on a board card → the job painted: a click or tap
//              (pressed, released 60 ms later, timed from the release), after
//              the pointer rested 150 ms on the card, and a synthetic click the
//              app has no warning of
//   tab      — a click on a job's tab → the tab painted
//   add line — "Add line" on the estimate → the new line painted
// Each is timed inside the page with performance.now(): t0 just before the event
// is dispatched, t1 in the first task after the next animation frame once the
// DOM shows the result (when the frame with it is painted).
//
//   JOBCARD_APP=…/release/jobcard-app xvfb-run -a node ui/e2e/bench-ui.mjs [--db SHOP.db] [--runs 30]
//
// Without --db it opens the demo shop (signing in as Helen Park); with --db it
// opens that shop file (a `jobcard bench --keep` shop; its manager's PIN is 2468).
// The shop file is written to (estimate lines are added and removed): use a throwaway
// copy. The app backs a shop up at its first start of each day and on exit, in the
// background: on a big shop that slows every figure (and needs the shop's size free on
// disk each time), so point the copy's backup folder at a missing one first (Settings ›
// Backups, or `settings.update`), as docs/benchmarks.md did.
import { App } from "./driver.mjs";
import { signIn } from "./steps.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const db = arg("--db", null);
const runs = Number(arg("--runs", "30"));

const HARNESS = `
window.__bench = {
  painted: () => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))),
  // Two frames: whatever the previous step changed is laid out and painted before t0.
  settled: async () => { await __bench.painted(); await __bench.painted(); },
  until: (check, timeout = 10000) => new Promise((resolve, reject) => {
    if (check()) return resolve();
    const t = setTimeout(() => { obs.disconnect(); reject(new Error("timed out")); }, timeout);
    const obs = new MutationObserver(() => { if (check()) { obs.disconnect(); clearTimeout(t); resolve(); } });
    obs.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  }),
  input(el, value) { el.value = value; el.dispatchEvent(new Event("input", { bubbles: true })); },
  // The estimate's line rows, counted cheaply: a ":has()" selector run on every
  // DOM mutation cost the page more than the work it timed.
  lines() {
    const body = document.querySelector('[data-testid="estimate-lines"] tbody');
    return !body || body.querySelector(".empty") ? 0 : body.rows.length;
  },
};`;

/** Runs `body` (an async function body using __bench) in the page; returns its value. */
async function inPage(app, body, ...args) {
  const script = `const done = arguments[arguments.length - 1];
    (async (...args) => { ${body} })(...Array.prototype.slice.call(arguments, 0, -1))
      .then((v) => done({ ok: v }), (e) => done({ error: String(e) }));`;
  const r = await app.req("POST", app.s("/execute/async"), { script, args });
  if (r.error) throw new Error(r.error);
  return r.ok;
}

// The floor: a word changed on the screen → painted (the webview's frame, no Jobcard code).
const FLOOR = `const el = document.querySelector("h2") ?? document.body; await __bench.settled();
  const t0 = performance.now(); el.dataset.bench = String(t0); el.append(" ");
  return (await __bench.painted()) - t0;`;

// An IPC round trip to the core with nothing to draw: the cheapest read command.
const IPC = `await __bench.settled(); const t0 = performance.now();
  await window.__TAURI_INTERNALS__.invoke("call", { command: "settings.get", input: {}, authorise: null });
  return performance.now() - t0;`;

const SEARCH = `const [q] = args; const input = document.querySelector('[data-testid="search"]');
  __bench.input(input, ""); await __bench.until(() => !document.querySelector(".hits li"));
  await __bench.settled();
  const t0 = performance.now(); __bench.input(input, q);
  await __bench.until(() => document.querySelector(".hits li")); return (await __bench.painted()) - t0;`;

const OPEN = `const [n, how] = args; const card = document.querySelector('[data-job="' + n + '"]');
  if (how === "rest") { card.dispatchEvent(new PointerEvent("pointerenter")); await new Promise((r) => setTimeout(r, 150)); }
  await __bench.settled();
  if (how === "press") { card.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true })); await new Promise((r) => setTimeout(r, 60)); }
  const t0 = performance.now(); card.click();
  await __bench.until(() => (document.querySelector('[data-testid="job-number"]')?.textContent ?? "").startsWith(n)
    && document.querySelector(".job-body")?.children.length > 0);
  return (await __bench.painted()) - t0;`;

const HOME = `document.querySelector('[data-nav="home"]').click();
  await __bench.until(() => document.querySelector('[data-section="later"]')); await __bench.painted(); return 0;`;

const TAB = `const [k] = args; await __bench.settled(); const t0 = performance.now();
  document.querySelector('[data-tab="' + k + '"]').click();
  await __bench.until(() => document.querySelector('[data-tab="' + k + '"][aria-selected="true"]')
    && document.querySelector(".job-body .card"));
  return (await __bench.painted()) - t0;`;

const ADD = `const [i] = args; const rows = () => __bench.lines();
  const before = rows();
  __bench.input(document.querySelector('[data-testid="line-description"]'), "Bench labour " + i);
  __bench.input(document.querySelector('[data-testid="line-qty"]'), "0.5");
  await __bench.settled(); const t0 = performance.now();
  document.querySelector("form.add").requestSubmit();
  await __bench.until(() => rows() > before); return (await __bench.painted()) - t0;`;

const REMOVE_LAST = `const rows = () => __bench.lines();
  const before = rows(); const last = [...document.querySelectorAll('[data-testid="estimate-lines"] tbody tr')].at(-1);
  last.querySelector("button.danger").click(); await __bench.until(() => rows() < before); return 0;`;

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { n: s.length, median: at(0.5), p90: at(0.9), max: s[s.length - 1] };
};

const app = await App.start("bench", 4544, { db });
try {
  if (db) await signIn(app, "Bench Manager", "2468");
  else {
    await app.click('[data-testid="start-demo"]');
    await signIn(app, "Helen Park", "2468");
  }
  await app.find('[data-section="later"]', 120000);
  await app.exec(HARNESS);
  const cards = await app.exec(`return [...document.querySelectorAll('[data-job]')].map((b) => ({
      number: b.dataset.job, state: b.dataset.state, text: b.textContent }))`);
  // Queries a clerk types: the start of a customer's name, of a plate, a job number's last digits.
  const queries = cards.flatMap((c) => {
    const lines = c.text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    const who = (lines.find((l) => l.includes("·")) ?? "").split("·").map((x) => x.trim());
    return [who[0]?.slice(0, 4), who[1]?.split(" ")[0]?.slice(0, 4), String(Number(c.number.split("-").pop()))].filter(
      (q) => q && q.length >= 2,
    );
  });
  const out = { shop: db ?? "demo", runs, floor: [], ipc: [], search: [], open: [], openHovered: [], openBare: [], tab: [], add: [] };
  for (let i = 0; i < runs + 3; i++) {
    const f = await inPage(app, FLOOR);
    const c = await inPage(app, IPC);
    if (i >= 3) {
      out.floor.push(f);
      out.ipc.push(c);
    }
  }
  for (let i = 0; i < runs + 3; i++) {
    const q = queries[i % queries.length];
    const ms = await inPage(app, SEARCH, q);
    if (i >= 3) out.search.push(ms);
  }
  await inPage(app, `__bench.input(document.querySelector('[data-testid="search"]'), ""); return 0;`);
  const TABS = ["inspection", "estimate", "approval", "work", "parts", "quality", "invoice"];
  for (let i = 0; i < runs + 3; i++) {
    const c = cards[i % cards.length];
    // A click the app has no warning of (a synthetic one: real ones press first).
    const bare = await inPage(app, OPEN, c.number, "bare");
    if (i >= 3) out.openBare.push(bare);
    await inPage(app, HOME);
    // A click or a tap: pressed, released 60 ms later; timed from the release.
    const pressed = await inPage(app, OPEN, c.number, "press");
    if (i >= 3) out.open.push(pressed);
    await inPage(app, HOME);
    // A mouse comes to rest on the card before it clicks.
    const hovered = await inPage(app, OPEN, c.number, "rest");
    if (i >= 3) out.openHovered.push(hovered);
    const t = await inPage(app, TAB, TABS[i % TABS.length]);
    if (i >= 3) out.tab.push(t);
    await inPage(app, HOME);
  }
  // Lines are added to a job of ordinary size: of the board's inspected and
  // estimated jobs the one with the fewest lines, and each line added is removed
  // again (untimed) so the estimate keeps its size from sample to sample.
  let editable = null;
  let fewest = Infinity;
  for (const c of cards.filter((c) => ["inspected", "estimated"].includes(c.state)).slice(0, 6)) {
    await inPage(app, OPEN, c.number);
    await inPage(app, TAB, "estimate");
    const n = await inPage(app, `return __bench.lines();`);
    if (n < fewest) [editable, fewest] = [c, n];
    await inPage(app, HOME);
  }
  if (editable) {
    await inPage(app, OPEN, editable.number);
    await inPage(app, TAB, "estimate");
    for (let i = 0; i < runs + 3; i++) {
      const ms = await inPage(app, ADD, i);
      if (i >= 3) out.add.push(ms);
      await inPage(app, REMOVE_LAST);
    }
    out.lines = fewest;
  }
  const report = Object.fromEntries(
    ["floor", "ipc", "search", "open", "openHovered", "openBare", "tab", "add"].filter((k) => out[k].length).map((k) => [k, stats(out[k])]),
  );
  const fmt = (v) => v.toFixed(1);
  console.log(`UI benchmark, ${out.shop}, ${runs} runs each (ms, in the page, event → painted)`);
  for (const [k, s] of Object.entries(report))
    console.log(`  ${k.padEnd(8)} median ${fmt(s.median)}  p90 ${fmt(s.p90)}  max ${fmt(s.max)}`);
  if (!editable) console.log("  add line: no inspected or estimated job on the board to add lines to");
  else console.log(`  (lines added to an estimate of ${out.lines} lines, each removed again)`);
  console.log(JSON.stringify({ shop: out.shop, runs, report }));
} finally {
  await app.stop();
}
