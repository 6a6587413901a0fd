// (a) The golden path: a counter clerk takes a job from the customer's arrival
// to a printed invoice and guarantee card, with a supplementary line approved
// on the way, in the real app against a fresh database.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "./driver.mjs";
import { setUpShop, receiveJob, addLine, switchPerson } from "./steps.mjs";

// A 2×2 PNG (red, green, blue, white).
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGP4z8DAAMIM/4EAAB/uBfsL2WiLAAAAAElFTkSuQmCC";

let app;
after(() => app?.stop());

test("reception to printed invoice and guarantee card", { timeout: 300000 }, async () => {
  app = await App.start("golden", 4444);
  await setUpShop(app);
  // Two letters find nothing yet: the counter is told to type more, not "nothing found".
  await app.type('[data-testid="search"]', "Wa");
  await app.sees("Type 3 or more letters");
  await app.press('[data-testid="search"]', "Escape");
  await app.shot("home-empty");

  // Settings: an independent inspector, and the counter's printer.
  await app.click('[data-nav="settings"]');
  await app.find('[data-testid="printer"]');
  await app.type('[data-testid="printer"]', "Counter_Laser");
  await app.type('[data-testid="suppliers"]', "ACME Parts\nParts Co");
  await app.click('[data-testid="save-settings"]');
  await app.find('[data-testid="settings-saved"]');
  await app.type('[data-testid="staff-name"]', "Li Na");
  await app.click('[data-role="technician"]');
  await app.click('[data-role="inspector"]');
  await app.click('[data-testid="add-staff"]');
  await app.sees("Li Na");
  // Li Na signs in with her own PIN, which the manager sets.
  await app.click('[data-set-pin="Li Na"]');
  await app.type('[data-testid="staff-pin"]', "1593");
  await app.click('[data-testid="staff-pin-save"]');
  await app.waitFor(async () => !(await app.exec(`return !!document.querySelector('[data-testid="staff-pin"]')`)), "the PIN to be saved");
  await app.shot("settings");

  // Stock: brake pads in the catalogue, ten booked in.
  await app.click('[data-nav="stock"]');
  await app.type('[data-testid="np-number"]', "BP-001");
  await app.type('[data-testid="np-name"]', "Front brake pads");
  await app.type('[data-testid="np-cost"]', "20.00");
  await app.type('[data-testid="np-price"]', "45.00");
  await app.click('[data-testid="add-part"]');
  await app.find('[data-testid="rcv-qty"]');
  await app.type('[data-testid="rcv-qty"]', "10");
  await app.type('[data-testid="rcv-cost"]', "20.00");
  await app.type('[data-testid="rcv-supplier"]', "ACME Parts");
  await app.type('[data-testid="rcv-invoice"]', "S-0042");
  await app.click('[data-testid="book-in"]');
  await app.sees("S-0042");
  await app.shot("stock");

  // Reception and joint inspection with the customer's signature.
  const job = await receiveJob(app);
  assert.match(job, /\d/);
  // The new job opens at its step with the focus on what comes next.
  await app.waitFor(
    async () => (await app.exec(`return document.activeElement?.dataset.testid ?? ""`)) === "start-inspection",
    "focus on starting the inspection",
  );
  await app.click('[data-testid="start-inspection"]');
  await app.find('[data-testid="free-area"]');
  await app.type('[data-testid="free-area"]', "Front brakes");
  await app.type('[data-testid="free-note"]', "Pads worn to 2 mm");
  await app.click('[data-testid="add-finding"]');
  await app.sees("Front brakes");
  // A photo of the worn pads, picked as the file dialog would pick it.
  const photo = join(app.dir, "worn-pads.png");
  writeFileSync(photo, Buffer.from(PNG, "base64"));
  await app.upload("tr.fault input[type=file]", photo);
  await app.waitFor(
    async () => (await app.exec(`return document.querySelectorAll('tr.fault img[src^="data:image/png"]').length`)) === 1,
    "the photo on the finding",
  );
  // The condition at intake: a dent clicked on the outline, a scratch marked by
  // region from the keyboard, the fuel gauge, keys and valuables.
  await app.choose('[data-testid="damage-kind"]', "dent");
  await app.type('[data-testid="damage-note"]', "Driver door");
  await app.click('[data-testid="outline"]');
  await app.find('[data-mark-row="1"]');
  assert.match(await app.text('[data-mark-row="1"]'), /Dent · middle centre — Driver door/);
  await app.choose('[data-testid="damage-kind"]', "scratch");
  await app.choose('[data-testid="damage-where"]', "167,167");
  await app.click('[data-testid="mark-region"]');
  await app.find('[data-mark-row="2"]');
  assert.match(await app.text('[data-mark-row="2"]'), /Scratch · front left/);
  await app.click('[data-fuel="3"]');
  await app.waitFor(
    async () => (await app.exec(`return document.querySelector('[data-fuel="3"]').getAttribute("aria-checked")`)) === "true",
    "fuel 3/8",
  );
  await app.type('[data-testid="keys"]', "2");
  await app.press('[data-testid="keys"]', "Tab");
  await app.type('[data-testid="valuables"]', "Child seat");
  await app.press('[data-testid="valuables"]', "Tab");
  await app.waitFor(
    async () =>
      (await app.exec(`return document.querySelector('[data-testid="valuables"]').value`)) === "Child seat" &&
      (await app.exec(`return document.querySelector('[data-testid="keys"]').value`)) === "2",
    "keys and valuables kept",
  );
  await app.exec(`document.querySelector('[data-testid="intake"]').scrollIntoView()`);
  await app.shot("intake-condition");
  await app.sign('[data-testid="signature"]');
  await app.sees("Signed");
  await app.shot("inspection");
  // Rows nobody looked at block the customer's acknowledgment; the rest are all OK.
  await app.click('[data-testid="acknowledge"]');
  await app.find('[data-testid="ack-refused"]');
  assert.match(await app.text('[data-testid="ack-refused"]'), /not checked yet/);
  await app.click('[data-testid="all-ok"]');
  await app.waitFor(async () => !(await app.exec(`return !!document.querySelector('[data-testid="all-ok"]')`)), "every row checked");
  await app.click('[data-testid="acknowledge"]');
  await app.find('[data-testid="acknowledged"]');
  // The intake ticket prints from the inspection it belongs to.
  await app.click('[data-print="ticket"]');
  await app.find('[data-printed="ticket"]');

  // Estimate: labour at the shop rate and the pads; presented to the customer.
  await app.click('[data-tab="estimate"]');
  await app.waitFor(
    async () => (await app.exec(`return document.activeElement?.dataset.testid ?? ""`)) === "line-description",
    "focus on the first line's description",
  );
  await addLine(app, { kind: "labour", description: "Replace front brake pads", qty: "1.5" });
  // Switching to a part line empties the price box (no labour rate carried over);
  // the exact part number, as a scanner types it, brings the catalogue's price.
  await app.choose('[data-testid="line-kind"]', "part");
  assert.equal(await app.exec(`return document.querySelector('[data-testid="line-price"]').value`), "", "no labour rate on a part");
  await app.type('[data-testid="line-description"]', "Front brake pads");
  // Part of a number offers the catalogue's parts; picking one moves the focus to its quantity.
  await app.type('[data-testid="line-part-number"]', "BP-0");
  await app.click('[data-suggest="BP-001"]');
  await app.waitFor(
    async () => (await app.exec(`return document.activeElement?.dataset.testid ?? ""`)) === "line-qty",
    "focus on the quantity",
  );
  await app.type('[data-testid="line-part-number"]', "BP-001");
  await app.waitFor(
    async () => (await app.exec(`return document.querySelector('[data-testid="line-price"]').value`)) === "45.00",
    "the catalogue price",
  );
  await app.press('[data-testid="line-qty"]', "Enter");
  await app.sees("Front brake pads");
  await app.shot("estimate");
  await app.click('[data-testid="submit-estimate"]');

  // Approval by phone, the estimate printed from the approval tab for the call.
  await app.find('[data-testid="record-approval"]');
  await app.click('[data-print="estimate"]');
  await app.find('[data-printed="estimate"]');
  await app.choose('[data-testid="approval-method"]', "phone");
  // Lines start undecided: recording refuses until the customer's answer is in.
  await app.click('[data-testid="record-approval"]');
  await app.sees("Approve or decline every line");
  await app.click('[data-testid="approve-all"]');
  await app.shot("approval");
  await app.click('[data-testid="record-approval"]');
  await app.find('[data-testid="work-lines"]');
  // Recorded: the work tab opens with the focus on its next action.
  await app.waitFor(async () => await app.exec(`return !!document.activeElement?.closest(".job-body")`), "focus on the work tab");

  // A supplementary line: brake fluid, approved with its difference shown.
  await app.click('[data-tab="estimate"]');
  await addLine(app, { kind: "part", description: "Brake fluid DOT4", qty: "1", price: "12.00" });
  await app.click('[data-testid="submit-estimate"]');
  await app.find('[data-testid="record-approval"]');
  await app.sees("Supplementary approval");
  await app.choose('[data-testid="approval-method"]', "phone");
  await app.click('[data-testid="approve-all"]');
  assert.match(await app.text('[data-testid="difference"]'), /12\.00/);
  await app.shot("supplement-approval");
  await app.click('[data-testid="record-approval"]');
  await app.find('[data-testid="work-lines"]');

  // Parts: the pads consumed from stock on their approved line.
  await app.click('[data-tab="parts"]');
  await app.find('[data-testid="part-lines"]');
  await app.exec(
    `[...document.querySelectorAll('[data-testid="part-lines"] tr')].find(r => r.textContent.includes('Front brake pads')).querySelector('input').click()`,
  );
  // The finder starts from the line's own part, already picked with its stock.
  await app.find('[data-part="BP-001"].on');
  assert.match(await app.text('[data-part="BP-001"]'), /10 in stock/);
  await app.type('[data-testid="consume-qty"]', "1");
  await app.click('[data-testid="consume"]');
  await app.waitFor(
    async () => /Front brake pads[\s\S]*1\s*1/.test(await app.text('[data-testid="part-lines"]')),
    "the pads to show as used",
  );
  // Stock shown is fresh after the part left it.
  await app.waitFor(async () => /9 in stock/.test(await app.text('[data-part="BP-001"]')), "stock to show 9 left");
  // The brake fluid is bought in for this job from a supplier the shop keeps.
  await app.exec(
    `[...document.querySelectorAll('[data-testid="part-lines"] tr')].find(r => r.textContent.includes('Brake fluid')).querySelector('input').click()`,
  );
  assert.equal(await app.exec(`return document.querySelectorAll('[data-part]').length`), 0, "nothing carried over from the pads");
  await app.choose('[data-testid="consume-source"]', "supplier");
  await app.type('[data-testid="consume-supplier"]', "ACME Parts");
  await app.type('[data-testid="consume-supplier-invoice"]', "S-0043");
  await app.type('[data-testid="consume-unit-cost"]', "6.00");
  await app.type('[data-testid="consume-qty"]', "1");
  await app.shot("part-bought-in");
  await app.click('[data-testid="consume"]');
  await app.waitFor(
    async () => /Brake fluid DOT4[\s\S]*1\s*1/.test(await app.text('[data-testid="part-lines"]')),
    "the fluid to show as used",
  );
  await app.shot("parts-used");

  // Work: every line done, category set, handed to quality control.
  await app.click('[data-tab="work"]');
  await app.find('[data-testid="work-lines"]');
  for (let i = 0; i < 3; i++) {
    await app.exec(`document.querySelector('[data-done]')?.click()`);
    await new Promise((r) => setTimeout(r, 400));
  }
  await app.waitFor(async () => (await app.exec("return document.querySelectorAll('[data-done]').length")) === 0, "all lines done");
  await app.choose('[data-testid="category"]', "vehicle_minor");
  await app.waitFor(
    async () => (await app.exec(`return document.querySelector('[data-testid="category"]').value`)) === "vehicle_minor",
    "the category to be set",
  );
  await app.shot("work");
  await app.click('[data-testid="to-qc"]');

  // Quality check by the independent inspector, signed in as herself.
  await app.find('[data-testid="qc-items"]');
  await switchPerson(app, "Li Na", "1593");
  await app.type('[data-testid="search"]', job);
  await app.press('[data-testid="search"]', "Enter");
  await app.click('[data-tab="quality"]');
  await app.find('[data-testid="qc-items"]');
  await app.click('[data-testid="all-pass"]');
  assert.equal(await app.exec(`return document.querySelector('[data-testid="inspector"]').value`), "Li Na");
  await app.type('[data-testid="odometer-out"]', "42012");
  await app.shot("quality");
  await app.click('[data-testid="record-qc"]');
  // A renminbi shop bills with the repair settlement list (never a 发票 of its own).
  await app.sees("Passed. The job is ready for its settlement list.");
  await switchPerson(app, "Mia Chen", "5731");
  await app.type('[data-testid="search"]', job);
  await app.press('[data-testid="search"]', "Enter");
  await app.find('[data-tab="invoice"]');

  // Invoice, payment, printing, handover.
  await app.click('[data-tab="invoice"]');
  // The customer sees the invoice before it is issued: a preview, unnumbered.
  await app.click('[data-testid="preview-invoice"]');
  await app.waitFor(async () => /invoice-preview-/.test(await app.bodyText()), "the preview saved");
  await app.shot("invoice-preview");
  await app.click('[data-testid="issue-invoice"]');
  const invoice = await app.text('[data-testid="invoice-number"]');
  const card = await app.text('[data-testid="card-number"]');
  assert.ok(invoice && card, "invoice and card numbers shown");
  await app.choose('[data-testid="pay-method"]', "wechat_pay");
  await app.click('[data-testid="pay"]');
  await app.waitFor(async () => (await app.text('[data-testid="pay-status"]')) === "Paid", "the invoice to be paid");
  // Printed in the customer's language unless chosen otherwise for this print.
  assert.equal(await app.exec(`return document.querySelector('[data-testid="print-lang"]').value`), "en");
  await app.choose('[data-testid="print-lang"]', "zh-CN");
  await app.click('[data-testid="print-invoice"]');
  await app.click('[data-testid="print-card"]');
  await app.waitFor(async () => {
    const saved = await app.exec(`return [...document.querySelectorAll('[data-testid="saved"]')].map((e) => e.textContent).join(" ")`);
    return /invoice-INV/.test(saved) && /card-/.test(saved);
  }, "both documents printed");
  assert.match(await app.text('[data-testid="saved"]'), /-zh-CN\.pdf/);
  await app.shot("invoice-printed");
  await app.click('[data-testid="deliver"]');
  await app.sees("Handed over");
  await app.shot("delivered");

  // The brake fluid was not used after all: a credit note for that line, and the money paid back.
  await app.exec(
    `[...document.querySelectorAll('table.credit tr')].find(r => r.textContent.includes('Brake fluid')).querySelector('input[type=checkbox]').click()`,
  );
  await app.type('[data-testid="credit-reason"]', "Brake fluid not needed");
  await app.click('[data-testid="credit-lines"]');
  await app.find('[data-testid="refund-due"]');
  await app.shot("credit-note");
  await app.click('[data-testid="refund"]');
  await app.waitFor(async () => (await app.text('[data-testid="pay-status"]')) === "Paid", "the refund to settle the invoice");
  assert.match(await app.text('[data-testid="credit-note"]'), /Brake fluid not needed/);

  // Back at reception, the customer's item brings its history: the job and its valid card.
  await app.click('[data-nav="reception"]');
  await app.type("#find-customer", "Wang");
  await app.click(".found button");
  await app.find('[data-testid="picked-customer"]');
  await app.waitFor(async () => (await app.text('[data-testid="item-history"]')).includes(card), "the valid card in the item's history");
  assert.match(await app.text('[data-testid="item-history"]'), new RegExp(job));
  await app.shot("reception-returning");

  // The customer comes back holding the guarantee card: its number finds the job.
  await app.click('[data-nav="home"]');
  await app.type('[data-testid="search"]', card);
  await app.sees(job);
  await app.press('[data-testid="search"]', "Enter");
  await app.waitFor(async () => (await app.text('[data-testid="job-number"]')).startsWith(job), "the job opened from its card number");

  // The PDFs exist under Documents/Jobcard, reached the printer, and carry the numbers.
  const saved = readdirSync(app.documents);
  const inv = saved.find((f) => f.includes(invoice.replace(/[^A-Za-z0-9-]/g, "_")));
  const crd = saved.find((f) => f.startsWith("card-"));
  const preview = saved.find((f) => f.startsWith("invoice-preview-"));
  const ticket = saved.find((f) => f.startsWith("ticket-"));
  const estimate = saved.find((f) => f.startsWith("estimate-"));
  assert.ok(inv && crd && preview && ticket && estimate, `saved: ${saved.join(", ")}`);
  assert.deepEqual(readdirSync(app.spool).sort(), [inv, crd, preview, ticket, estimate].sort());
  const text = (f) => execFileSync("pdftotext", ["-layout", join(app.documents, f), "-"], { encoding: "utf8" });
  assert.match(text(inv), new RegExp(invoice));
  assert.match(text(inv), /Front brake pads/);
  assert.match(text(inv), /Brake fluid DOT4/);
  assert.match(text(crd), new RegExp(card));
  assert.match(text(preview), /PREVIEW/);
  assert.match(text(ticket), /Condition at intake/);
  assert.match(text(ticket), /Child seat/);
  assert.match(text(estimate), /Front brake pads/);
  assert.match(text(preview), /Front brake pads/);
  assert.doesNotMatch(text(preview), new RegExp(invoice), "the preview carries no invoice number");
});
