// (b) The gate: a part consumed on a line the customer has not approved is
// refused by the core; the screen says why and offers a supplementary estimate.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { App } from "./driver.mjs";
import { setUpShop, receiveJob, addLine, inspect } from "./steps.mjs";

let app;
after(() => app?.stop());

test("consuming a part on an unapproved line is refused, with the way forward", { timeout: 180000 }, async () => {
  app = await App.start("gate", 4454);
  await setUpShop(app);
  await receiveJob(app, { name: "Zhao Lei", plate: "C77881", complaint: "Clutch slipping" });
  await inspect(app);
  await app.click('[data-tab="estimate"]');
  await addLine(app, { kind: "part", description: "Clutch kit", qty: "1", price: "880.00" });
  await app.click('[data-testid="submit-estimate"]');
  await app.find('[data-testid="record-approval"]');

  // Not approved yet: try to log the clutch kit as used.
  await app.click('[data-tab="parts"]');
  await app.find('[data-testid="part-lines"]');
  await app.sees("Proposed");
  await app.exec(`document.querySelector('[data-testid="part-lines"] input[type=radio]').click()`);
  await app.choose('[data-testid="consume-source"]', "supplier");
  await app.type('[data-testid="consume-supplier"]', "ACME Parts");
  await app.type('[data-testid="consume-supplier-invoice"]', "S-0101");
  await app.type('[data-testid="consume-unit-cost"]', "610.00");
  await app.type('[data-testid="consume-qty"]', "1");
  await app.click('[data-testid="consume"]');
  const refusal = await app.text('[data-testid="refusal"]');
  assert.match(refusal, /approv/i, refusal);
  await app.find('[data-testid="write-supplement"]');
  await app.shot("refused");
  const used = await app.text('[data-testid="part-lines"]');
  assert.match(used, /Clutch kit[\s\S]*Proposed[\s\S]*—\s*0/, "nothing was consumed");

  // The way forward leads to the estimate.
  await app.click('[data-testid="write-supplement"]');
  await app.find('[data-testid="estimate-lines"]');
  await app.shot("way-forward");
});
