// (f) Safe to run a shop on, in the real webview: the app starts locked, a wrong
// PIN is refused at its field, the counter clerk signs in, a credit note asks
// for the manager's PIN, the home shows the last backup, and a restore brings
// back the shop as it was at that backup; a second app on the same shop file
// is told of the restore and its person signs in again.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { App } from "./driver.mjs";
import { signIn, switchPerson } from "./steps.mjs";

let app;
let second;
after(async () => {
  await second?.stop();
  await app?.stop();
});

test("sign-in, a manager's PIN, backup and restore", { timeout: 240000 }, async () => {
  app = await App.start("safety", 4494);
  await app.sees("Welcome to Jobcard");
  await app.click('[data-testid="start-demo"]');

  // Locked: nothing of the shop shows until someone signs in.
  await app.sees("Who is at the counter?", 60000);
  assert.equal(await app.exec(`return !!document.querySelector('[data-testid="search"]')`), false);
  await app.sees("Demo shop PINs:");
  await app.click('[data-person="Tom Reyes"]');
  await app.type('[data-testid="pin"]', "0000");
  await app.press('[data-testid="pin"]', "Enter");
  await app.sees("Wrong PIN (4 tries left before a one-minute lock)");
  await app.shot("wrong-pin");
  await app.type('[data-testid="pin"]', "1357");
  await app.press('[data-testid="pin"]', "Enter");
  await app.find('[data-testid="search"]');
  assert.equal(await app.text('[data-testid="signed-in"]'), "Tom Reyes");

  // The home shows there is no backup yet; the clerk takes one.
  await app.find('[data-testid="backup-status"]');
  assert.equal(await app.exec(`return document.querySelector('[data-testid="backup-status"]').dataset.warn`), "true");
  await app.click('[data-testid="backup-now"]');
  await app.sees("Last backup 0 h ago");
  assert.equal(await app.exec(`return document.querySelector('[data-testid="backup-status"]').dataset.warn`), "false");
  await app.shot("home-backup");

  // A credit note is a manager's: Tom is asked for Helen's PIN.
  await app.click('[data-job][data-state="invoiced"]');
  const job = (await app.text('[data-testid="job-number"]')).split(" ")[0];
  await app.click('[data-tab="invoice"]');
  await app.type('[data-testid="credit-reason"]', "Goodwill: customer waited two days");
  await app.click('[data-testid="credit-whole"]');
  await app.find('[data-testid="manager-pin"]');
  await app.sees("Tom Reyes may not issue credit notes");
  await app.shot("manager-pin");
  await app.type('[data-testid="manager-pin-secret"]', "2468");
  await app.click('[data-testid="manager-pin-allow"]');
  await app.find('[data-testid="credit-note"]');
  assert.match(await app.text('[data-testid="credit-note"]'), /Goodwill/);
  await app.shot("credit-note");

  // The manager restores the backup taken before the credit note.
  await switchPerson(app, "Helen Park", "2468");
  await app.click('[data-nav="settings"]');
  await app.find('[data-testid="backups"]');
  await app.click('[data-testid="audit-verify"]');
  await app.find('[data-testid="audit-result"]');
  assert.match(await app.text('[data-testid="audit-result"]'), /Intact/);
  // A second app on this PC opens the same shop file; Tom works there.
  second = await App.start("safety-second", 4496, { db: `${app.dir}/shop.db` });
  await signIn(second, "Tom Reyes", "1357");
  await app.click("[data-restore]");
  await app.shot("restore-confirm");
  await app.click('[data-testid="confirm-restore"]');
  await app.find('[data-testid="restored"]');
  await app.shot("restored");
  await signIn(app, "Helen Park", "2468");
  await app.type('[data-testid="search"]', job);
  await app.press('[data-testid="search"]', "Enter");
  await app.click('[data-tab="invoice"]');
  await app.find('[data-testid="invoice-number"]');
  assert.equal(
    await app.exec(`return document.querySelectorAll('[data-testid="credit-note"]').length`),
    0,
    "the credit note came after the backup",
  );

  // The second app is told within a second and Tom signs in again: the
  // people and PINs are the backup's now.
  await second.find('[data-testid="lock-reason"]', 10000);
  assert.match(await second.text('[data-testid="lock-reason"]'), /Another counter restored the shop from a backup/);
  await second.shot("told-of-restore");
  await signIn(second, "Tom Reyes", "1357");
  await second.find('[data-testid="search"]');
});
