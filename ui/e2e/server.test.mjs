// Where the shop is kept, in the real webview: the demo shop starts in its file
// on this PC; a manager gives the shop's PostgreSQL server (the throwaway
// cluster scripts/test.sh starts), checks it, and moves the shop there; the
// counter reopens on the server, everyone signs in again, and the demo's jobs
// are on the board, now read from the server. A second counter's view: the
// server is found to hold a shop and is used as it is. The same screen in
// Chinese. Without a test server (JOBCARD_TEST_PG) it says so and skips.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { App } from "./driver.mjs";
import { signIn } from "./steps.mjs";

let app;
after(() => app?.stop());

/** The cluster's socket folder and a fresh, empty database on it. */
function freshDatabase(name) {
  const conn = process.env.JOBCARD_TEST_PG ?? "";
  const host = /host=(\S+)/.exec(conn)?.[1];
  if (!host) return null;
  execFileSync("psql", ["-h", host, "-U", "jobcard", "-d", "postgres", "-qc", `DROP DATABASE IF EXISTS ${name}`]);
  execFileSync("psql", ["-h", host, "-U", "jobcard", "-d", "postgres", "-qc", `CREATE DATABASE ${name}`]);
  return host;
}

/** The first job number the board shows, once it shows one. */
async function boardJob() {
  let job = null;
  await app.waitFor(async () => {
    job = /J\d{4}-\d{6}/.exec(await app.text("main"))?.[0] ?? null;
    return job !== null;
  }, "a job on the board");
  return job;
}

async function fill(host, database) {
  await app.type('[data-testid="server-host"]', host);
  await app.type('[data-testid="server-database"]', database);
  await app.type('[data-testid="server-user"]', "jobcard");
}

test("a manager moves the shop from this PC to the shop's server", { timeout: 300000 }, async (t) => {
  const host = freshDatabase("e2e_move");
  if (!host) {
    t.skip("no PostgreSQL test server (JOBCARD_TEST_PG); scripts/test.sh starts one");
    return;
  }
  app = await App.start("server", 4512);
  await app.sees("Welcome to Jobcard");
  await app.click('[data-testid="start-demo"]');
  await signIn(app, "Helen Park", "2468");
  const job = await boardJob();

  await app.click('[data-nav="settings"]');
  await app.find('[data-testid="server-section"]');
  assert.match(await app.text('[data-testid="kept-on-file"]'), /This PC only/);
  await app.exec(`document.querySelector('[data-testid="server-section"]').scrollIntoView()`);
  await app.shot("settings-this-pc");

  // A wrong port is refused at its field, in words.
  await fill(host, "e2e_move");
  await app.type('[data-testid="server-port"]', "99999");
  await app.click('[data-testid="server-check"]');
  await app.sees("1 to 65535");
  await app.type('[data-testid="server-port"]', "5432");

  await app.click('[data-testid="server-check"]');
  await app.find('[data-testid="server-probe"]');
  assert.match(await app.text('[data-testid="server-probe"]'), /holds no shop yet/);
  await app.shot("settings-server-checked");
  await app.click('[data-testid="server-move"]');
  await app.find('[data-testid="server-moved"]', 120000);
  assert.match(await app.text('[data-testid="server-moved"]'), /Moved: \d+ tables, \d+ records/);
  await app.shot("settings-moved");

  // The counter reopens on the server: everyone signs in again, the board is the shop's.
  await signIn(app, "Helen Park", "2468");
  await app.waitFor(async () => (await app.text("main")).includes(job), `the board still showing ${job}`);
  await app.click('[data-nav="settings"]');
  await app.find('[data-testid="kept-on-server"]');
  assert.match(await app.text('[data-testid="kept-on-server"]'), /e2e_move/);
  await app.exec(`document.querySelector('[data-testid="server-section"]').scrollIntoView()`);
  await app.shot("settings-on-server");

  // Chinese.
  await app.choose('[data-testid="language"]', "zh-CN");
  await app.sees("店铺数据存放位置");
  await app.exec(`document.querySelector('[data-testid="server-section"]').scrollIntoView()`);
  await app.shot("settings-on-server-zh");
  await app.choose('[data-testid="language"]', "en");

  // Back to this PC: the file, as it was before the move.
  await app.click('[data-testid="server-leave"]');
  await signIn(app, "Helen Park", "2468");
  await app.click('[data-nav="settings"]');
  await app.find('[data-testid="kept-on-file"]');

  // A second counter would find the server holding the shop, and use it.
  await fill(host, "e2e_move");
  await app.click('[data-testid="server-check"]');
  await app.find('[data-testid="server-probe"]');
  assert.match(await app.text('[data-testid="server-probe"]'), /already holds a shop/);
  await app.find('[data-testid="server-use"]');
  await app.shot("settings-server-holds-shop");
});
