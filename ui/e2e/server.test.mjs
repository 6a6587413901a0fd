// Where the shop is kept, in the real webview: the demo shop starts in its file
// on this PC; a manager gives the shop's PostgreSQL server (the throwaway
// cluster scripts/test.sh starts), checks it, and moves the shop there; the
// counter reopens on the server, everyone signs in again, and the demo's jobs
// are on the board, now read from the server. A second counter's view: the
// server is found to hold a shop and is used as it is. The same screen in
// Chinese. And at first start: one counter sets a new shop up on an empty
// server over TLS (a connection string pasted whole), a second counter joins
// it with the fields, and a job received at the first shows on the second's
// board by itself; the server's shop is backed up and restored from the
// backup screen; the second counter is told, signs in again and its board is
// the backup's. Without a test server (JOBCARD_TEST_PG) it says so and skips.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { App } from "./driver.mjs";
import { receiveJob, setUpShop, signIn } from "./steps.mjs";

let app;
let second;
after(async () => {
  await app?.stop();
  await second?.stop();
});

/** The cluster's socket folder and port, with a fresh, empty database on it. */
function freshDatabase(name) {
  const conn = process.env.JOBCARD_TEST_PG ?? "";
  const host = /host=(\S+)/.exec(conn)?.[1];
  const port = /port=(\d+)/.exec(conn)?.[1] ?? "5432";
  if (!host) return null;
  for (const sql of [`DROP DATABASE IF EXISTS ${name}`, `CREATE DATABASE ${name}`])
    execFileSync("psql", ["-h", host, "-p", port, "-U", "jobcard", "-d", "postgres", "-qc", sql]);
  return { host, port };
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

async function fill(at, { host, port }, database) {
  await at.type('[data-testid="server-host"]', host);
  await at.type('[data-testid="server-port"]', port);
  await at.type('[data-testid="server-database"]', database);
  await at.type('[data-testid="server-user"]', "jobcard");
}

test("a manager moves the shop from this PC to the shop's server", { timeout: 300000 }, async (t) => {
  const server = freshDatabase("e2e_move");
  if (!server) {
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
  await fill(app, server, "e2e_move");
  await app.type('[data-testid="server-port"]', "99999");
  await app.click('[data-testid="server-check"]');
  await app.sees("1 to 65535");
  await app.type('[data-testid="server-port"]', server.port);

  await app.click('[data-testid="server-check"]');
  await app.find('[data-testid="server-probe"]');
  assert.match(await app.text('[data-testid="server-probe"]'), /holds no shop yet/);
  // The socket has no TLS; the screen says the connection is not encrypted.
  assert.match(await app.text('[data-testid="server-encrypted"]'), /not encrypted/);
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
  // Where the database is, in the printing card: the server, not a file.
  await app.waitFor(async () => /Database: e2e_move — /.test(await app.text("main")), "the server named as the database");
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
  await fill(app, server, "e2e_move");
  await app.click('[data-testid="server-check"]');
  await app.find('[data-testid="server-probe"]');
  assert.match(await app.text('[data-testid="server-probe"]'), /already holds a shop/);
  await app.find('[data-testid="server-use"]');
  await app.shot("settings-server-holds-shop");
});

test("first start: a new shop set up on the server over TLS, a second counter joins and sees its jobs", { timeout: 400000 }, async (t) => {
  const server = freshDatabase("e2e_first");
  const tcp = process.env.JOBCARD_TEST_PG_TCP;
  if (!server || !tcp) {
    t.skip("no PostgreSQL test server (JOBCARD_TEST_PG, JOBCARD_TEST_PG_TCP); scripts/test.sh starts one");
    return;
  }
  const port = /port=(\d+)/.exec(tcp)[1];
  await app?.stop();
  app = await App.start("first-start", 4514);
  await app.sees("Welcome to Jobcard");
  await app.click('[data-testid="setup-use-server"]');
  await app.click('[data-testid="server-whole"]');
  // Nonsense is refused at the field, in words.
  await app.type('[data-testid="server-connection-string"]', "dbname=e2e_first");
  await app.click('[data-testid="server-check"]');
  await app.sees("names no server");
  await app.type('[data-testid="server-connection-string"]', `host=127.0.0.1 port=${port} user=jobcard dbname=e2e_first`);
  await app.click('[data-testid="server-check"]');
  await app.find('[data-testid="server-probe"]');
  assert.match(await app.text('[data-testid="server-probe"]'), /holds no shop yet/);
  assert.match(await app.text('[data-testid="server-encrypted"]'), /is encrypted \(TLS\)/);
  await app.shot("first-start-server-checked");
  await app.click('[data-testid="server-use"]');

  // The first-start screen again, now on the server: the shop is set up there.
  await app.find('[data-testid="setup-on-server"]', 30000);
  assert.match(await app.text('[data-testid="setup-on-server"]'), /e2e_first on 127\.0\.0\.1/);
  assert.match(await app.text('[data-testid="setup-on-server"]'), /is encrypted/);
  await app.shot("first-start-on-server");
  await app.choose('[data-testid="language"]', "zh-CN");
  await app.sees("本店正在店内服务器上建立");
  await app.shot("first-start-on-server-zh");
  await app.choose('[data-testid="language"]', "en");
  await setUpShop(app);

  // A second counter, at its own first start, finds the shop on the server.
  second = await App.start("second-counter", 4516);
  await second.sees("Welcome to Jobcard");
  await second.click('[data-testid="setup-use-server"]');
  await fill(second, { host: "127.0.0.1", port }, "e2e_first");
  // It checks the server's certificate: with no file, against the
  // authorities this computer trusts (none of which signed the test
  // server's); another authority's file is refused in words; the shop's
  // authority's is the server's.
  const ca = process.env.JOBCARD_TEST_PG_CA;
  assert.ok(ca, "scripts/pg-cluster.sh names the test authority (JOBCARD_TEST_PG_CA)");
  await second.choose('[data-testid="server-encryption"]', "verified");
  await second.click('[data-testid="server-check"]');
  await second.waitFor(
    async () => /any authority this computer trusts|trusts no certificate authority/.test(await second.bodyText()),
    "the computer's own authorities refuse the test server",
  );
  await second.shot("second-counter-system-authorities");
  await second.type('[data-testid="server-authority"]', ca.replace(/ca\.crt$/, "stranger-ca.crt"));
  await second.click('[data-testid="server-check"]');
  await second.sees("not signed by the shop's certificate authority");
  await second.shot("second-counter-stranger-authority");
  await second.type('[data-testid="server-authority"]', ca);
  await second.click('[data-testid="server-check"]');
  await second.find('[data-testid="server-probe"]');
  assert.match(await second.text('[data-testid="server-probe"]'), /already holds a shop/);
  assert.match(await second.text('[data-testid="server-encrypted"]'), /certificate was checked/);
  await second.shot("second-counter-checked");
  await second.choose('[data-testid="language"]', "zh-CN");
  await second.sees("服务器证书已通过校验");
  await second.shot("second-counter-checked-zh");
  await second.choose('[data-testid="language"]', "en");
  await second.click('[data-testid="server-use"]');
  await signIn(second, "Mia Chen", "5731");

  // A job received at the first counter appears on the second's board by itself.
  const job = await receiveJob(app);
  await second.click('[data-nav="home"]');
  await second.waitFor(async () => (await second.text("main")).includes(job), `${job} on the second counter's board`, 10000);
  await second.shot("second-counter-board");

  // The manager backs the server's shop up (pg_dump), a second job comes in,
  // then the backup is restored from the same screen a file's would be: the
  // later job is gone at both counters, the first one stays.
  await app.click('[data-nav="settings"]');
  mkdirSync(`${app.dir}/backups`);
  await app.type('[data-testid="backup-folder"]', `${app.dir}/backups`);
  await app.click('[data-testid="save-settings"]');
  await app.find('[data-testid="settings-saved"]');
  await app.click('[data-testid="settings-backup-now"]');
  await app.find("[data-restore]", 60000);
  const later = await receiveJob(app, { name: "Li Lei", plate: "B67890", complaint: "Wipers smear" });
  await second.waitFor(async () => (await second.text("main")).includes(later), `${later} on the second counter's board`, 10000);
  await app.click('[data-nav="settings"]');
  await app.find('[data-testid="backups"]');
  await app.exec(`document.querySelector('[data-testid="backups"]').scrollIntoView()`);
  await app.shot("server-backups");
  await app.click("[data-restore]");
  await app.find('[data-testid="backup-counts"]', 60000);
  assert.match(await app.text('[data-testid="backup-counts"]'), /1 jobs/);
  await app.shot("server-restore-confirm");
  await app.click('[data-testid="confirm-restore"]');
  await app.find('[data-testid="restored"]', 120000);
  assert.match(await app.text('[data-testid="restored"]'), /before-restore-.*\.pgdump/);
  await app.shot("server-restored");
  await signIn(app, "Mia Chen", "5731");
  await app.waitFor(async () => (await app.text("main")).includes(job), `${job} back on the board`);
  assert.ok(!(await app.text("main")).includes(later), `${later} came after the backup`);
  // The second counter is told within a second, and its person signs in again
  // (the people and PINs are the backup's now); its board is the backup's.
  await second.find('[data-testid="lock-reason"]', 10000);
  assert.match(await second.text('[data-testid="lock-reason"]'), /Another counter restored the shop from a backup/);
  await second.shot("second-counter-told-of-restore");
  await second.choose('[data-testid="language"]', "zh-CN");
  await second.sees("另一台前台已从备份恢复店铺数据");
  await second.shot("second-counter-told-of-restore-zh");
  await second.choose('[data-testid="language"]', "en");
  await signIn(second, "Mia Chen", "5731");
  await second.click('[data-nav="home"]');
  await second.waitFor(async () => (await second.text("main")).includes(job), `${job} on the second counter's board`, 10000);
  assert.ok(!(await second.text("main")).includes(later), `${later} came after the backup`);
  await second.shot("second-counter-after-restore");
});
