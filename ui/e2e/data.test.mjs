// (h) Data in and out, on the demo shop: the manager brings customers and
// their cars in from an old system's CSV (Chinese headers, one bad row named
// at its line and column, then the fixed file imported with its progress),
// finds an imported customer at the counter, exports the period's invoices as
// an Excel workbook, and saves a job's full record as one archive.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "./driver.mjs";
import { signIn } from "./steps.mjs";

let app;
after(() => app?.stop());

test("import a CSV, export invoices, archive a job", { timeout: 180000 }, async () => {
  app = await App.start("data", 4514);
  await app.click('[data-testid="start-demo"]');
  await signIn(app, "Helen Park", "2468");
  await app.sees("Waiting for approval", 60000);
  await app.click('[data-nav="settings"]');
  await app.find('[data-testid="import"]');

  // The old system's export: one row has a phone that is not a phone.
  const bad = join(app.dir, "old-system.csv");
  writeFileSync(
    bad,
    "客户名称,手机号,车牌号,品牌,车型,行驶里程\n" +
      '赵敏,139 0000 1111,沪A 11111,大众,朗逸,"88,000"\n' +
      "钱亮,call me,沪A 22222,别克,英朗,30000\n" +
      "孙丽,139 0000 3333,沪A 33333,丰田,凯美瑞,12000\n",
  );
  await app.upload('[data-testid="import-file"]', bad);
  await app.find('[data-testid="import-problems"]');
  await app.exec(`document.querySelector('[data-testid="import"]').scrollIntoView()`);
  const problems = await app.text('[data-testid="import-problems"]');
  assert.match(problems, /Line 3 · 手机号: 'call me' is not a phone number/);
  assert.equal(await app.exec(`return document.querySelector('[data-testid="import-commit"]').disabled`), true);
  assert.equal(await app.exec(`return document.querySelector('[data-column="1"]').value`), "phone", "the column guessed from 手机号");
  await app.shot("import-bad-row");

  const good = join(app.dir, "old-system-fixed.csv");
  writeFileSync(good, readFileSync(bad, "utf8").replace("call me", "139 0000 2222"));
  await app.upload('[data-testid="import-file"]', good);
  await app.waitFor(
    async () => (await app.text('[data-testid="import-commit"]')).includes("Import 6 records"),
    "three customers and three cars to import",
  );
  await app.exec(`document.querySelector('[data-testid="import"]').scrollIntoView()`);
  await app.shot("import-preview");
  await app.click('[data-testid="import-commit"]');
  await app.find('[data-testid="import-done"]');
  await app.exec(`document.querySelector('[data-testid="import"]').scrollIntoView()`);
  assert.match(await app.text('[data-testid="import-done"]'), /3 customers, 3 vehicles or devices/);
  await app.shot("import-done");

  // Exports: this year's invoices as an Excel workbook.
  await app.choose('[data-testid="export-what"]', "invoices");
  await app.click('[data-testid="export-run"]');
  await app.find('[data-testid="export-saved"]');
  const saved = (await app.text('[data-testid="export-saved"]')).replace(/^Saved /, "").trim();
  assert.ok(saved.endsWith(".xlsx") && existsSync(saved), saved);
  assert.equal(readFileSync(saved).subarray(0, 2).toString(), "PK", "an xlsx is a zip");
  await app.shot("export-saved");

  // At the counter the imported customer is found by her plate.
  await app.click('[data-nav="home"]');
  await app.type('[data-testid="search"]', "沪A33333");
  await app.sees("孙丽");

  // A job's full record from its print panel.
  await app.click('[data-nav="home"]');
  await app.click('[data-job][data-state="invoiced"]');
  await app.click('[data-tab="invoice"]');
  await app.click('[data-testid="archive-job"]');
  await app.find('[data-testid="archived"]');
  await app.exec(`document.querySelector('[data-testid="archived"]').scrollIntoView({ block: "center" })`);
  const zip = (await app.text('[data-testid="archived"]')).split(": ").pop().trim();
  assert.ok(zip.endsWith("-record.zip") && existsSync(zip), zip);
  await app.shot("job-archived");
});
