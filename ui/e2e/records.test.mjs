// (e) On the demo shop in English: a line declined at approval (its consequence
// refused at the field while empty, then picked), a running job clock shown and
// stopped by marking its line done, and the records the core keeps
// apart from a job: an item's plate corrected, an odometer reading recorded (a
// lower one refused at its field), and a catalogue part's price changed, each as
// a clerk types it.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { App } from "./driver.mjs";
import { signIn } from "./steps.mjs";

let app;
after(() => app?.stop());

test("an item's details and odometer, a catalogue part's price", { timeout: 180000 }, async () => {
  app = await App.start("records", 4485);
  await app.click('[data-testid="start-demo"]');
  await signIn(app, "Helen Park", "2468");
  await app.sees("Waiting for approval", 60000);

  // A customer declines one line by phone: the reason and what happens if the
  // work waits are both asked for, at their fields, in words.
  await app.click('[data-job][data-state="awaiting_approval"]');
  await app.click('[data-tab="approval"]');
  await app.find('[data-testid="record-approval"]');
  await app.choose('[data-testid="approval-method"]', "phone");
  await app.click('[data-testid="approve-all"]');
  await app.click("[data-decline]");
  const line = await app.exec(`return document.querySelector("[data-decline]").getAttribute("data-decline")`);
  await app.type(`[data-reason="${line}"]`, "Next month, after payday");
  await app.click('[data-testid="record-approval"]');
  await app.sees("Required: this cannot be left empty");
  assert.doesNotMatch(await app.bodyText(), /decisions\[/, "no field keys on screen");
  await app.shot("decline-needs-consequence");
  await app.type(`[data-consequence="${line}"]`, "Wear will continue and the repair will cost more later");
  await app.click('[data-testid="record-approval"]');
  await app.find('[data-tab="work"][aria-selected="true"]');
  await app.click('[data-tab="approval"]');
  await app.waitFor(
    async () => (await app.text(`[data-decided="${line}"]`)).includes("Wear will continue"),
    "the declined line with its consequence in the approval record",
  );
  await app.shot("declined-line-recorded");

  // A clock started on a labour line shows whose it is; marking the line done
  // stops it, so nothing is left running to hold the job.
  await app.click('[data-tab="work"]');
  await app.click('button[aria-label="Clock on (me)"]');
  // The tab reloads the job after the command: wait for the clock to appear.
  await app.find("[data-running]");
  const running = await app.exec(`return document.querySelector("[data-running]")?.getAttribute("data-running")`);
  assert.ok(running, "a running clock is shown on its line");
  await app.sees("Helen Park: running");
  await app.shot("clock-running");
  // The board shows the running clock on the job's card.
  const clocked = (await app.text('[data-testid="job-number"]')).split(" ")[0];
  await app.click('[data-nav="home"]');
  await app.find(`[data-board-clock="${clocked}"]`);
  assert.match(await app.text(`[data-board-clock="${clocked}"]`), /Helen Park: running \d+ min/);
  await app.shot("board-clock");
  await app.click(`[data-job="${clocked}"]`);
  await app.click('[data-tab="work"]');
  await app.find("[data-running]");
  await app.click(`[data-done="${running}"]`);
  await app.waitFor(
    async () => (await app.exec(`return document.querySelectorAll("[data-running]").length`)) === 0,
    "no clock left running",
  );
  await app.shot("line-done-clock-stopped");
  await app.click('[data-nav="home"]');

  // Find a car from the history screen and open it.
  await app.click('[data-nav="history"]');
  await app.type('[data-testid="history-find"]', "Corolla");
  await app.click("button.hit");
  await app.find('[data-testid="edit-item"]');
  const before = Number((await app.text('[data-testid="item-odometer"]')).replace(/\D/g, ""));

  // Correct the plate.
  await app.click('[data-testid="edit-item"]');
  await app.type('[data-testid="item-plate"]', "粤B 77E2E");
  await app.click('[data-testid="save-item"]');
  await app.sees("粤B77E2E");

  // A reading below the last is refused at the field; a higher one, typed with a
  // thousands separator, is recorded.
  await app.click('[data-testid="edit-item"]');
  await app.type('[data-testid="odometer-reading"]', String(before - 1000));
  await app.click('[data-testid="record-odometer"]');
  await app.sees("below the last reading");
  await app.shot("odometer-refused");
  const higher = before + 1200;
  await app.type('[data-testid="odometer-reading"]', higher.toLocaleString("en-US"));
  await app.click('[data-testid="record-odometer"]');
  await app.waitFor(
    async () => Number((await app.text('[data-testid="item-odometer"]')).replace(/\D/g, "")) === higher,
    `odometer ${higher} shown`,
  );
  await app.shot("item-edited");

  // The car is sold: it moves to another customer with its history.
  const owner = (await app.text("button.link")).trim();
  await app.click('[data-testid="item-transfer"] summary');
  await app.type('[data-testid="transfer-find"]', "Linda");
  await app.click('[data-new-owner="Linda Okafor"]');
  await app.shot("item-transfer");
  await app.click('[data-testid="confirm-transfer"]');
  await app.waitFor(async () => (await app.text("button.link")).includes("Linda Okafor"), "the new owner shown");
  await app.sees(`Earlier owners: ${owner}`);

  // The new owner's second phone number is added to her details.
  await app.click("button.link");
  await app.click('[data-testid="customer-editor"] summary');
  await app.type('[data-testid="edit-customer-phones"]', "+1 555 0101, +1 555 0102");
  await app.click('[data-testid="save-customer"]');
  await app.waitFor(async () => (await app.text('[data-testid="customer-contact"]')).includes("+15550102"), "both phones shown");
  await app.shot("customer-edited");

  // A customer walks away before the inspection: the job is cancelled with why.
  await app.click('[data-nav="home"]');
  await app.click('[data-job][data-state="received"]');
  await app.click('[data-testid="cancel-job"] summary');
  await app.type('[data-testid="cancel-reason"]', "Customer took the car to a dealer");
  await app.click('[data-testid="confirm-cancel"]');
  await app.waitFor(async () => (await app.text('[data-testid="job-number"]')).includes("Cancelled"), "the job cancelled");
  assert.match(await app.text('[data-testid="cancelled"]'), /Customer took the car to a dealer/);
  await app.shot("job-cancelled");

  // A catalogue part's price.
  await app.click('[data-nav="stock"]');
  await app.type('[data-testid="part-search"]', "H7");
  await app.click("button.link");
  await app.click('[data-testid="edit-part"]');
  await app.type('[data-testid="part-price"]', "99.50");
  await app.click('[data-testid="save-part"]');
  await app.waitFor(async () => (await app.text('[data-testid="part-price-shown"]')).includes("99.50"), "new price shown");
  assert.match(await app.bodyText(), /99\.50/);
  await app.shot("part-price-changed");
});
