// (g) After the job, in the real webview: the demo shop's follow-up calls are
// on today's list; a call records an unhappy answer (real clicks and typed
// words), which opens a complaint; the complaint runs to closure through a
// redo under the guarantee card; the satisfaction chart shows the answers;
// then the same screens in Chinese. A busy day's bookings to confirm show the
// earliest twenty and say how many wait.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { App, CLI } from "./driver.mjs";
import { signIn } from "./steps.mjs";

let app;
after(() => app?.stop());

async function setDate(css, iso) {
  await app.exec(
    `const el = document.querySelector('${css}'); el.value = '${iso}'; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));`,
  );
}

async function step(name, fill) {
  await app.find(`[data-testid="step-form"]`);
  await app.sees(name);
  if (fill) await fill();
  await app.click('[data-testid="take-step"]');
}

test("a call's unhappy answer becomes a complaint closed at its root cause", { timeout: 240000 }, async () => {
  app = await App.start("care", 4504);
  await app.sees("Welcome to Jobcard");
  await app.click('[data-testid="start-demo"]');
  await signIn(app, "Tom Reyes", "1357");

  // A job handed over now: its follow-up call is not on today's list nor in two
  // days, and is there on the third day.
  await app.click('[data-job][data-state="invoiced"]');
  const handed = (await app.text('[data-testid="job-number"]')).match(/J\d{4}-\d{6}/)[0];
  await app.click('[data-tab="invoice"]');
  await app.find('[data-testid="pay"]');
  await app.click('[data-testid="pay"]');
  await app.waitFor(async () => (await app.text('[data-testid="pay-status"]')) === "Paid", "the balance paid");
  await app.click('[data-testid="deliver"]');
  await app.sees("Handed over");
  await app.click('[data-nav="care"]');
  await app.find('[data-testid="calls-day"]');
  const day = (n) => {
    const d = new Date(Date.now() + n * 86400000);
    const p = (x) => String(x).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  };
  const listed = () => app.exec(`return [...document.querySelectorAll('[data-call]')].map(b => b.dataset.call)`);
  assert.ok(!(await listed()).includes(handed), "not due today");
  await setDate('[data-testid="calls-day"]', day(2));
  await app.waitFor(async () => (await app.exec(`return document.querySelector('[data-testid="calls-day"]').value`)) === day(2), "day 2");
  await app.find("[data-call]");
  assert.ok(!(await listed()).includes(handed), "not due in two days");
  await setDate('[data-testid="calls-day"]', day(3));
  await app.waitFor(async () => (await listed()).includes(handed), `${handed}'s call on its day`);
  await app.shot("call-on-its-day");
  await app.click('[data-nav="home"]');

  // The home says how many calls are due; the list has them by window.
  await app.find('[data-testid="calls-due"]');
  assert.match(await app.text('[data-testid="calls-due"]'), /\d+ calls today/);
  await app.click('[data-testid="calls-due"]');
  await app.find("[data-call]");
  await app.shot("calls-today");
  const calls = await app.exec(`return [...document.querySelectorAll('[data-call]')].map(b => b.dataset.call)`);
  assert.ok(calls.length >= 2, `calls due: ${calls}`);
  await app.click(`[data-call="${calls[calls.length - 1]}"]`);
  await app.find('[data-testid="call-panel"]');
  assert.match(await app.text('[data-testid="script-wording"]'), /about two minutes/);

  // Reached: the survey, answered unhappy, in the customer's words.
  await app.click('[data-outcome="reached"]');
  await app.click('[data-stage="reception"][data-score="4"]');
  await app.click('[data-stage="waiting"][data-score="3"]');
  await app.click('[data-stage="quality"][data-score="2"]');
  await app.click('[data-overall="2"]');
  await app.click('[data-recommend="5"]');
  await app.type('[data-testid="call-comment"]', "The squeak came back after two days");
  await app.shot("call-survey");
  await app.click('[data-testid="save-call"]');
  await app.find('[data-testid="complaint-opened"]');
  await app.shot("complaint-opened");
  await app.exec(`document.querySelector('[data-testid="complaint-opened"] button').click()`);

  // The complaint, step by step.
  await app.find('[data-testid="complaint"]');
  assert.match(await app.text('[data-testid="complaint-facts"]'), /The squeak came back after two days/);
  await step("Clarified", async () => {
    await app.choose('[data-testid="complaint-reasonable"]', "true");
    await app.type('[data-testid="complaint-what"]', "Front brakes squeak again two days after the pad change");
  });
  await step("Resolution agreed", () => app.choose('[data-testid="resolution-kind"]', "redo"));
  await step("Action taken", async () => {
    const vehicle = await app.find('[data-testid="redo-odometer"]', 3000).then(
      () => true,
      () => false,
    );
    if (vehicle) {
      const last = Number(await app.exec(`return document.querySelector('[data-testid="redo-odometer"]').dataset.lastKm`));
      await app.type('[data-testid="redo-odometer"]', String(last + 420));
    }
  });
  await app.find('[data-step="action_taken"]');
  const redo = await app.text('[data-step="action_taken"]');
  assert.match(redo, /J\d{4}-\d{6}/, `the redo opened a claim job: ${redo}`);
  await step("Customer thanked", async () => {
    await app.choose('[data-testid="step-confirmed"]', "yes");
    await app.type('[data-testid="step-note"]', "Quiet now, thank you");
  });
  // Without a root cause it cannot go on: the field says so.
  await step("Root cause analysed");
  await app.sees("Required: this cannot be left empty");
  await app.type('[data-testid="rc-direct"]', "Pads not bedded in before handover");
  await app.type('[data-testid="rc-action"]', "Road test after every brake job");
  await app.choose(
    '[data-testid="rc-owner"]',
    await app.exec(`return document.querySelector('[data-testid="rc-owner"] option:nth-child(2)').value`),
  );
  const due = new Date(Date.now() + 14 * 86400000).toISOString().slice(0, 10);
  await setDate('[data-testid="rc-due"]', due);
  await app.click('[data-testid="take-step"]');
  await step("Loop confirmed", async () => {
    await app.choose('[data-testid="step-confirmed"]', "yes");
    await app.type('[data-testid="step-note"]', "Customer came by, brakes quiet");
  });
  await step("Closed");
  await app.find('[data-step="closed"]');
  const steps = await app.exec(`return [...document.querySelectorAll('[data-step]')].map(li => li.dataset.step)`);
  assert.deepEqual(steps, [
    "received",
    "clarified",
    "resolution_agreed",
    "action_taken",
    "thanked",
    "root_cause",
    "loop_confirmed",
    "closed",
  ]);
  await app.shot("complaint-closed");

  // The register, the satisfaction chart with the answers.
  await app.click('[data-care-tab="complaints"]');
  await app.find("[data-complaint]");
  await app.shot("complaints");
  await app.click('[data-care-tab="satisfaction"]');
  await app.find('[data-testid="csi-chart"]');
  await app.waitFor(
    async () => (await app.exec(`return document.querySelector('[data-testid="csi-chart"]').width`)) > 100,
    "the chart drawn",
  );
  assert.match(await app.text('[data-testid="csi-overall"]'), /^\d\.\d\d$/);
  await app.find('[data-testid="weakest"]');
  await app.sees("The squeak came back after two days");
  await app.shot("satisfaction");

  // The same in Chinese.
  await app.choose('[data-testid="language"]', "zh-CN");
  await app.sees("客户满意度");
  await app.sees("最弱环节");
  await app.shot("satisfaction-zh");
  await app.click('[data-care-tab="calls"]');
  await app.sees("今日回访");
  await app.click("[data-call]");
  await app.sees("现在方便占用您大约两分钟吗");
  await app.shot("calls-zh");
  await app.click('[data-care-tab="complaints"]');
  await app.click("[data-complaint]");
  await app.find('[data-testid="complaint"]');
  await app.shot("complaint-zh");
  await app.choose('[data-testid="language"]', "en");

  // Another counter (the command line, on the same shop file) books 22 for a
  // day: the calls list the day before shows the earliest 20 to confirm and
  // says how many there are.
  const book = (d, n) =>
    JSON.stringify({
      command: "appointment.book",
      input: {
        customer: { new: { kind: "person", name: `Busy Day ${n}`, phones: [`+44 7700 9${String(n).padStart(5, "0")}`] } },
        item: { new: { kind: "device", category: "phone", brand: "Fairphone", serial: `FP-${d}-${n}` } },
        starts_at: `${d}T${String(9 + Math.floor(n / 3)).padStart(2, "0")}:${String((n % 3) * 20).padStart(2, "0")}:00Z`,
        minutes: 20,
        work: "Screen replacement",
      },
    });
  const run = (lines) =>
    execFileSync(CLI, ["--db", join(app.dir, "shop.db"), "--as", "Tom Reyes", "batch"], {
      input: lines.join("\n") + "\n",
      env: { ...process.env, JOBCARD_PIN: "1357" },
    })
      .toString()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
  // The first open day from two days on (a closed day refuses the booking).
  let busy = null;
  for (let n = 2; n < 10 && !busy; n++) {
    if (run([book(day(n), 0)])[0].ok) busy = n;
  }
  assert.ok(busy, "a day open for bookings");
  // The demo's own bookings that day count too.
  const before = run([JSON.stringify({ command: "callback.list", input: { day: day(busy - 1) } })])[0].ok.total_to_confirm;
  const booked = run(Array.from({ length: 21 }, (_, i) => book(day(busy), i + 1)));
  assert.deepEqual(
    booked.filter((b) => !b.ok),
    [],
    "all booked",
  );
  await app.click('[data-care-tab="calls"]');
  await setDate('[data-testid="calls-day"]', day(busy - 1));
  await app.waitFor(
    async () => (await app.exec(`return document.querySelectorAll('[data-testid="to-confirm-calls"] > *').length`)) === 20,
    "the earliest 20 to confirm",
  );
  const total = before + 21;
  assert.ok(total >= 22, `${total} to confirm`);
  assert.match(await app.text('[data-testid="to-confirm-more"]'), new RegExp(`The earliest 20 of ${total} to confirm`));
  assert.match(await app.text('[data-testid="to-confirm-calls"]'), /Busy Day 0\b/);
  assert.doesNotMatch(await app.text('[data-testid="to-confirm-calls"]'), /Busy Day 2[01]\b/);
  await app.exec(`document.querySelector('[data-testid="to-confirm-more"]').scrollIntoView({ block: "center" })`);
  await app.shot("calls-to-confirm");
  await app.choose('[data-testid="language"]', "zh-CN");
  await app.waitFor(
    async () => new RegExp(`显示最早的 20 个待确认预约（共 ${total} 个）`).test(await app.text('[data-testid="to-confirm-more"]')),
    "the note in Chinese",
  );
  await app.shot("calls-to-confirm-zh");
  await app.choose('[data-testid="language"]', "en");
});
