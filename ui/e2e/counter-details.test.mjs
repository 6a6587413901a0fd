// (d) The rest of the counter, on the demo shop in English: a line sublet, the job
// waiting for parts and resumed, the promise moved with its reason, a claim job
// opened under a valid guarantee card, a canned job saved, a stock count corrected.
import { test, after } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import assert from "node:assert/strict";
import { App } from "./driver.mjs";
import { signIn, receiveJob } from "./steps.mjs";

let app;
after(() => app?.stop());

test("sublet, waiting for parts, promise, claim, canned job, stock count", { timeout: 180000 }, async () => {
  app = await App.start("details", 4484);
  await app.click('[data-testid="start-demo"]');
  await signIn(app, "Helen Park", "2468");
  await app.sees("Waiting for approval", 60000);

  // The board walks with the arrow keys: down within a section, right to the next.
  const ready = '[data-section="ready_for_pickup"] [data-job]';
  await app.exec(`document.querySelector('${ready}').focus()`);
  await app.press(ready, "ArrowDown");
  const second = await app.exec(`return [...document.querySelectorAll('${ready}')][1].dataset.job`);
  assert.equal(await app.exec(`return document.activeElement.dataset.job`), second);
  await app.press(`[data-job="${second}"]`, "ArrowRight");
  assert.equal(
    await app.exec(`return document.activeElement.closest('[data-section]').dataset.section`),
    "later",
    "right moves to the next section's card",
  );

  // The day: the demo's late job is overdue, its 90-minute promise is at risk,
  // the ready job waits to be told; each card carries its amount.
  await app.find('[data-section="overdue"] [data-job][data-state="in_work"]');
  await app.find('[data-section="at_risk"] [data-job][data-state="received"]');
  await app.find('[data-section="awaiting_approval"] [data-waiting]');
  const readyJob = await app.exec(
    `return document.querySelector('[data-section="ready_for_pickup"] [data-job][data-state="ready"]').dataset.job`,
  );
  assert.match(await app.text(`[data-told="${readyJob}"]`), /not told yet/);
  assert.match(await app.text(`[data-amount="${readyJob}"]`), /\d+\.\d\d/);
  await app.shot("day-board");
  await app.click(`[data-job="${readyJob}"]`);
  await app.click('[data-tab="invoice"]');
  await app.choose('[data-testid="tell-channel"]', "wechat");
  await app.type('[data-testid="tell-note"]', "Coming at six");
  await app.click('[data-testid="tell-ready"]');
  await app.sees("Customer told it is ready");
  await app.shot("told-ready");
  await app.click('[data-nav="home"]');
  await app.waitFor(
    async () => /Customer told at/.test(await app.text(`[data-told="${readyJob}"]`)),
    "the card says the customer was told",
  );

  // "Job 31": the last digits of a job number find it.
  const someJob = await app.exec(`return document.querySelector('[data-job]').dataset.job`);
  const digits = String(Number(someJob.split("-").pop()));
  await app.type('[data-testid="search"]', digits);
  await app.waitFor(
    async () => (await app.exec(`return document.querySelector('.hits li')?.textContent ?? ''`)).includes(someJob),
    `${someJob} found by its last digits ${digits}`,
  );
  await app.shot("search-last-digits");
  await app.exec(`document.querySelector('[data-search-clear]')?.click()`);

  // A job at work: sublet a line, wait for parts and resume, move the promise.
  await app.click('[data-job][data-state="in_work"]');
  await app.click('[data-tab="work"]');
  await app.click("[data-sublet]");
  await app.type('[data-testid="sublet-vendor"]', "City Machining");
  await app.type('[data-testid="sublet-cost"]', "80.00");
  await app.click('[data-testid="sublet-save"]');
  await app.sees("Sublet to City Machining");
  await app.type('[data-testid="wait-reason"]', "Caliper on back order");
  await app.click('[data-testid="wait"]');
  await app.sees("Waiting for parts");
  await app.shot("waiting-for-parts");
  await app.click('[data-testid="resume"]');
  await app.find('[data-testid="wait-reason"]');
  // A time in the past is refused at the field (seen above when the demo job is overdue); tomorrow 17:00 is fine.
  await app.exec(`const d = new Date(Date.now() + 86400000); const p = (n) => String(n).padStart(2, "0");
    const el = document.querySelector('[data-testid="promise-at"]');
    el.value = d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate()) + "T17:00";
    el.dispatchEvent(new Event("input", { bubbles: true }));`);
  await app.type('[data-testid="promise-reason"]', "Machining takes a day");
  await app.click('[data-testid="change-promise"]');
  await app.sees("Machining takes a day");
  await app.shot("work-details");

  // A claim under the card of the invoiced job.
  await app.click('[data-nav="home"]');
  await app.click('[data-job][data-state="invoiced"]');
  await app.click('[data-tab="invoice"]');
  const card = await app.text('[data-testid="card-number"]');
  const km = Number((await app.bodyText()).match(/· (\d+) km/)[1]);
  await app.click('[data-nav="history"]');
  await app.type('[data-testid="card-lookup"]', card);
  await app.click('[data-testid="card-lookup-go"]');
  await app.sees("days left");
  await app.type('[data-testid="claim-complaint"]', "Brakes squeal again");
  await app.click('[data-testid="claim"]');
  // A vehicle's claim needs today's odometer: refused at that field, then given.
  await app.sees("odometer");
  await app.shot("claim-needs-odometer");
  await app.type('[data-testid="card-odometer"]', String(km + 500));
  await app.click('[data-testid="claim"]');
  await app.find('[data-testid="start-inspection"]');
  const claimJob = await app.text('[data-testid="job-number"]');
  assert.match(claimJob, /Received/);

  // A canned job saved in settings, then a stock count corrected.
  await app.click('[data-nav="settings"]');
  // A canned job carries labour and a catalogue part: the part number typed
  // resolves from the catalogue (its name fills in; its price follows the catalogue).
  await app.type('[data-testid="canned-name"]', "Oil service");
  await app.type('[data-canned-row="0"] [data-testid="canned-line"]', "Change engine oil and filter");
  await app.click('[data-testid="canned-add-part"]');
  await app.type('[data-canned-row="1"] [data-testid="canned-part"]', "W712/95");
  await app.waitFor(
    async () =>
      (await app.exec(`return document.querySelector('[data-canned-row="1"] [data-testid="canned-line"]').value`)) === "Oil filter",
    "the part's name from the catalogue",
  );
  await app.click('[data-testid="canned-save"]');
  await app.sees("Labour: Change engine oil and filter · Part: Oil filter (W712/95)");
  await app.shot("canned-job");
  // Applied to an inspected job's estimate, the filter is priced from the catalogue.
  await app.click('[data-nav="home"]');
  await app.click('[data-job][data-state="inspected"]');
  await app.click('[data-tab="estimate"]');
  await app.find('select[aria-label="Canned job"] option:nth-child(2)');
  await app.exec(`const s = document.querySelector('select[aria-label="Canned job"]');
    s.value = [...s.options].find((o) => o.textContent === "Oil service").value; s.dispatchEvent(new Event("change", { bubbles: true }));`);
  await app.click('[data-testid="apply-canned"]');
  await app.waitFor(
    async () => /Oil filter[\s\S]*45\.00/.test(await app.text('[data-testid="estimate-lines"]')),
    "the filter at the catalogue's 45.00",
  );
  await app.shot("canned-applied");
  await app.click('[data-nav="settings"]');
  await app.click('[data-nav="stock"]');
  await app.type('[data-testid="part-search"]', "H7");
  await app.click("button.link");
  await app.type('[data-testid="adj-change"]', "-1");
  await app.type('[data-testid="adj-reason"]', "Broken in the store room");
  await app.click('[data-testid="adj-save"]');
  await app.sees("Count corrected");
  await app.shot("stock-count");

  // The smallest counter screen, 1024×640: nothing is cut off on the board or
  // any tab of a job in work; a long complaint is clamped, the whole of it one click away.
  for (const [w, h] of [
    [1280, 820],
    [1024, 640],
  ]) {
    await app.size(w, h);
    await app.click('[data-nav="home"]');
    await app.find('[data-section="later"]');
    assert.deepEqual(await app.overflow(), [], `home fits at ${w}×${h}`);
    await app.shot(`home-${w}`);
    await app.click('[data-job][data-state="in_work"]');
    for (const tab of ["inspection", "estimate", "approval", "work", "parts", "quality", "invoice"]) {
      await app.click(`[data-tab="${tab}"]`);
      await sleep(200);
      await app.shot(`${w}-${tab}`);
      assert.deepEqual(await app.overflow(), [], `${tab} fits at ${w}×${h}`);
    }
  }
  await app.click('[data-tab="work"]');
  await app.shot("small-work");
  // A customer who says a lot: the header keeps two lines of it.
  const long = "Squeal from the front left when braking, worse in the morning and after rain. ".repeat(8);
  await receiveJob(app, { name: "Talkative Tess", plate: "TT1234", complaint: long });
  const head = '[data-testid="complaint-head"]';
  const height = () => app.exec(`return document.querySelector('${head}').getBoundingClientRect().height`);
  const clamped = await height();
  assert.ok(clamped < 60, `clamped to two lines (${clamped}px)`);
  assert.deepEqual(await app.overflow(), [], "reception's new job fits");
  await app.shot("small-long-complaint");
  await app.click('[data-testid="complaint-toggle"]');
  assert.ok((await height()) > clamped * 2, "the whole complaint shows");
  await app.shot("small-long-complaint-open");
});
