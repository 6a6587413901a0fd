// Before the job and the owner's view, in the real webview, on the demo shop:
// today's arrivals on the counter's home; an appointment booked at the counter
// appears among them and "Arrived" opens its job with everything filled in;
// a service reminder becomes an appointment; the figures and their charts show
// the demo's year; the day is counted and closed; the same screens in Chinese.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { App, APP } from "./driver.mjs";
import { signIn } from "./steps.mjs";

let app;
after(() => app?.stop());

async function setValue(css, value) {
  await app.exec(
    `const el = document.querySelector('${css}'); el.value = '${value}'; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));`,
  );
}

const options = (css) => app.exec(`return [...document.querySelectorAll('${css} option')].map(o => o.value).filter(Boolean)`);

test("a booking arrives as a job, a reminder becomes a booking, the figures show the year", { timeout: 300000 }, async () => {
  app = await App.start("book", 4508);
  await app.sees("Welcome to Jobcard");
  await app.click('[data-testid="start-demo"]');
  await signIn(app, "Helen Park", "2468");

  // The demo's book: one arrived today, the rest due or late; a no-show yesterday.
  await app.find('[data-testid="arrivals"]');
  assert.match(await app.text('[data-testid="arrived-count"]'), /^1 arrived$/);
  await app.shot("home-arrivals");

  // The shop stays open round the clock for this test, so a time today is left to
  // book; and the counter's printer (the driver's stand-in lp) prints.
  await app.click('[data-nav="settings"]');
  await app.find('[data-testid="set-closes"]');
  await app.type('[data-testid="printer"]', "Counter_Laser");
  await setValue('[data-testid="set-opens"]', "00:00");
  await setValue('[data-testid="set-closes"]', "24:00");
  await app.click('[data-testid="save-settings"]');
  await app.find('[data-testid="settings-saved"]');

  // Book a new customer's car for the next free time today, with a canned job.
  await app.click('[data-nav="book"]');
  await app.find('[data-testid="booking-form"]');
  await app.shot("book-day");
  await app.type('[data-testid="book-name"]', "Ann Lee");
  await app.type('[data-testid="book-phone"]', "+1 555 0142");
  await app.type('[data-testid="book-plate"]', "7ANN042");
  await app.type('[data-testid="book-make"]', "Honda");
  await app.type('[data-testid="book-model"]', "Civic");
  await app.choose('[data-testid="book-minutes"]', "30");
  const times = await options('[data-testid="book-time"]');
  assert.ok(times.length > 0, "a time left today");
  await app.choose('[data-testid="book-time"]', times[0]);
  await app.type('[data-testid="book-work"]', "Annual service and a rattle at the back");
  await app.click('[data-testid="book-canned"]');
  await app.click('[data-testid="book-submit"]');
  await app.find('[data-testid="booked"]');
  await app.shot("booked");
  await app.click('[data-testid="view-week"]');
  await app.find("[data-day]");
  await app.shot("book-week");

  // It is on today's arrivals; "Arrived", the odometer, Enter: the job is open, filled in.
  await app.click('[data-nav="home"]');
  await app.find('[data-testid="arrivals"]');
  await app.sees("Ann Lee");
  const id = await app.exec(
    `return [...document.querySelectorAll('[data-appointment]')].find(e => e.textContent.includes('Ann Lee')).dataset.appointment`,
  );
  await app.click(`[data-appointment="${id}"] [data-testid="arrived"]`);
  await app.type('[data-testid="arrive-odometer"]', "61250");
  await app.press('[data-testid="arrive-odometer"]', "Enter");
  await app.find('[data-testid="job-number"]');
  await app.sees("Annual service and a rattle at the back");
  await app.sees("Ann Lee");
  await app.shot("arrived-job");

  // A service reminder becomes an appointment, and leaves the list.
  await app.click('[data-nav="care"]');
  await app.click('[data-care-tab="reminders"]');
  await app.find('[data-testid="reminder-rows"]');
  await app.find("[data-reminder]");
  await app.shot("reminders");
  // The list prints, a line to write each outcome in.
  await app.click('[data-print="reminders"]');
  await app.find('[data-printed="reminders"]');
  const reminder = await app.exec(`return document.querySelector('[data-reminder]').dataset.reminder`);
  await app.click(`[data-reminder="${reminder}"] [data-testid="reminder-book"]`);
  await app.find('[data-testid="book-customer"]');
  const tomorrow = await app.exec(`const d = new Date(Date.now() + 86400000); return d.toISOString().slice(0, 10)`);
  await setValue('[data-testid="book-day"]', tomorrow);
  await app.choose('[data-testid="book-time"]', "10:00");
  await app.click('[data-testid="book-submit"]');
  await app.find('[data-testid="booked"]');
  await app.click('[data-nav="care"]');
  await app.click('[data-care-tab="reminders"]');
  await app.find('[data-testid="reminder-rows"]');
  await app.waitFor(
    async () => !(await app.exec(`return !!document.querySelector('[data-reminder="${reminder}"]')`)),
    "the booked reminder gone from the list",
  );

  // The owner's figures for the demo's last twelve months, drawn and explained.
  await app.click('[data-nav="figures"]');
  await app.find('[data-testid="kpi-figures"]');
  await app.find('[data-testid="kpi-trend"]');
  const cars = await app.text('[data-figure="car_count"] [data-testid="kpi-value"]');
  assert.match(cars, /^\d+$/, `car count ${cars}`);
  assert.ok(Number(cars) >= 30, `a year of jobs: ${cars}`);
  assert.match(await app.text('[data-figure="close_ratio_amount"]'), /Amount approved ÷ amount presented/);
  await app.shot("figures");

  // End of day: a payment taken now, the drawer counted short, explained, closed.
  await app.click('[data-nav="home"]');
  await app.click('[data-job][data-state="invoiced"]');
  await app.click('[data-tab="invoice"]');
  await app.find('[data-testid="pay"]');
  await app.click('[data-testid="pay"]');
  await app.waitFor(async () => (await app.text('[data-testid="pay-status"]')) === "Paid", "the balance paid");
  await app.click('[data-nav="figures"]');
  await app.click('[data-figures-tab="day"]');
  await app.find('[data-method="cash"]');
  const expected = (await app.text('[data-method="cash"] td:nth-child(3)')).replace(/[^0-9.]/g, "");
  assert.ok(Number(expected) > 1, `cash taken today: ${expected}`);
  await app.shot("day-end");
  await app.type('[data-method="cash"] [data-testid="counted"]', (Number(expected) - 1).toFixed(2));
  await app.sees("-US$1.00");
  await app.click('[data-testid="close-day"]');
  await app.sees("The count differs from the payments recorded: say why");
  await app.type('[data-testid="day-note"]', "1.00 paid out for stamps");
  await app.click('[data-testid="close-day"]');
  await app.find('[data-testid="day-closed"]');
  await app.sees("1.00 paid out for stamps");
  await app.shot("day-closed");
  await app.click('[data-print="day-end"]');
  await app.find('[data-printed="day-end"]');
  const saved = readdirSync(app.documents);
  const text = (prefix) => {
    const f = saved.find((x) => x.startsWith(prefix));
    assert.ok(f, `${prefix} saved: ${saved.join(", ")}`);
    return execFileSync("pdftotext", ["-layout", join(app.documents, f), "-"], { encoding: "utf8" });
  };
  assert.match(text("reminders-"), /Service reminders[\s\S]*Outcome/);
  const sheet = text("day-end-");
  assert.match(sheet, /End of day/);
  const amount = (x) => `\\$${x.toFixed(2).replace(".", "\\.")}`;
  assert.match(sheet, new RegExp(`Cash\\s+1\\s+${amount(Number(expected))}\\s+${amount(Number(expected) - 1)}\\s+-\\$1\\.00`));
  assert.match(sheet, /1\.00 paid out for stamps/);

  // Another counter (here a command-line call on the same file) cancels a booking:
  // within a second or two the home no longer shows it.
  await app.click('[data-nav="home"]');
  await app.find('[data-testid="arrivals"] [data-appointment]');
  const last = await app.exec(
    `const all = [...document.querySelectorAll('[data-testid="arrivals"] [data-appointment]')]; return all[all.length - 1].dataset.appointment`,
  );
  execFileSync(
    join(dirname(APP), "jobcard"),
    [
      "--db",
      join(app.dir, "shop.db"),
      "--as",
      "Tom Reyes",
      "call",
      "appointment.cancel",
      JSON.stringify({ appointment_id: Number(last), reason: "Called to cancel" }),
    ],
    { env: { ...process.env, JOBCARD_PIN: "1357" }, encoding: "utf8" },
  );
  await app.waitFor(
    async () => !(await app.exec(`return !!document.querySelector('[data-testid="arrivals"] [data-appointment="${last}"]')`)),
    "the booking cancelled elsewhere gone from the home",
    5000,
  );

  // The smallest counter screens: nothing runs out of the window or its card.
  for (const [w, h] of [
    [1024, 640],
    [1280, 820],
  ]) {
    await app.size(w, h);
    for (const [nav, tab] of [
      ["home", null],
      ["book", null],
      ["care", "reminders"],
      ["figures", "kpis"],
      ["figures", "day"],
    ]) {
      await app.click(`[data-nav="${nav}"]`);
      if (tab) await app.click(nav === "care" ? `[data-care-tab="${tab}"]` : `[data-figures-tab="${tab}"]`);
      await app.find(".card");
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(await app.overflow(), [], `${nav} ${tab ?? ""} fits at ${w}×${h}`);
    }
    await app.click('[data-nav="book"]');
    await app.click('[data-testid="view-week"]');
    await app.find("[data-day]");
    assert.deepEqual(await app.overflow(), [], `the week fits at ${w}×${h}`);
    await app.shot(`book-week-${w}`);
  }
  await app.size(1280, 820);

  // The same screens in Chinese.
  await app.choose('[data-testid="language"]', "zh-CN");
  await app.click('[data-nav="figures"]');
  await app.click('[data-figures-tab="kpis"]');
  await app.sees("本店经营数据");
  await app.find('[data-testid="kpi-trend"]');
  await app.shot("figures-zh");
  await app.click('[data-nav="book"]');
  await app.sees("新建预约");
  await app.shot("book-zh");
  await app.click('[data-nav="care"]');
  await app.click('[data-care-tab="reminders"]');
  await app.sees("保养提醒");
  await app.shot("reminders-zh");
  await app.click('[data-nav="home"]');
  await app.sees("今日到店");
  await app.shot("home-arrivals-zh");
  await app.choose('[data-testid="language"]', "en");
});
