// (c) Switching to Chinese changes the screens: first start, the demo shop's
// board, a job's tabs, stock, history and settings, then back to English.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { App } from "./driver.mjs";
import { signIn } from "./steps.mjs";

let app;
after(() => app?.stop());

test("the screens switch to Simplified Chinese and back", { timeout: 180000 }, async () => {
  app = await App.start("zh", 4464);
  await app.sees("Welcome to Jobcard");
  await app.choose('[data-testid="language"]', "zh-CN");
  await app.sees("欢迎使用 Jobcard");
  await app.shot("setup");
  await app.click('[data-testid="start-demo"]');
  await signIn(app, "陈经理", "2468");
  await app.sees("今日交车", 60000);
  const home = await app.bodyText();
  assert.match(home, /新建工单/);
  assert.doesNotMatch(home, /Waiting for approval/);
  await app.shot("home");

  await app.type('[data-testid="search"]', "王");
  await app.sees("客户");
  await app.shot("search");
  // Without a Chinese keyboard: pinyin initials find 王小明.
  await app.exec(
    `const el = document.querySelector('[data-testid="search"]'); el.value = ""; el.dispatchEvent(new Event("input", { bubbles: true }));`,
  );
  await app.type('[data-testid="search"]', "wxm");
  await app.waitFor(
    async () => (await app.exec(`return document.querySelector('.hits li')?.textContent ?? ''`)).includes("王小明"),
    "王小明 found by wxm",
  );
  await app.shot("search-pinyin");

  // A job in work from the demo shop, through its tabs.
  await app.exec(`document.querySelector('[data-search-clear]')?.click()`);
  const jobs = await app.exec(`return [...document.querySelectorAll('[data-job]')].map(b => b.dataset.job)`);
  assert.ok(jobs.length > 3, "the demo shop's board has jobs");
  await app.click('[data-job][data-state="invoiced"]');
  await app.find('[data-testid="job-number"]');
  for (const [tab, word] of [
    ["inspection", "共同检查"],
    ["estimate", "估价单"],
    ["approval", "确认记录"],
    ["work", "已确认的项目"],
    ["parts", "配件项目"],
    ["quality", "质量检验"],
    ["invoice", "打印"],
  ]) {
    await app.click(`[data-tab="${tab}"]`);
    await app.sees(word);
    await app.shot(`job-${tab}`);
  }
  // A job waiting for the customer's decision, and one at work with its parts.
  for (const [state, tab, word] of [
    ["awaiting_approval", "approval", "记录客户决定"],
    ["in_work", "parts", "登记用料"],
    ["in_work", "work", "全部完成"],
  ]) {
    await app.click('[data-nav="home"]');
    await app.click(`[data-job][data-state="${state}"]`);
    await app.click(`[data-tab="${tab}"]`);
    await app.sees(word);
    await app.shot(`${state}-${tab}`);
  }
  await app.click('[data-nav="home"]');
  await app.click('[data-job][data-state="invoiced"]');
  await app.click('[data-tab="invoice"]');
  await app.find('[data-testid="invoice-number"]');
  // A Chinese shop bills with the settlement list, never a 发票 of its own;
  // the official e-fapiao's number is typed in afterwards.
  await app.sees("结算单");
  await app.type('[data-testid="fapiao-number"]', "1234");
  await app.click('[data-testid="fapiao-save"]');
  await app.sees("数电票号码为 20 位数字");
  await app.type('[data-testid="fapiao-number"]', "26442000000012345678");
  await app.click('[data-testid="fapiao-save"]');
  await app.find('[data-testid="fapiao-current"]');
  assert.match(await app.text('[data-testid="fapiao-current"]'), /26442000000012345678/);
  await app.exec(`document.querySelector('[data-testid="fapiao"]').scrollIntoView()`);
  await app.shot("invoice-fapiao");

  // The invoiced job's guarantee card, looked up from history.
  const card = await app.exec(`return document.querySelector('[data-testid="card-number"]')?.textContent ?? ""`);
  await app.exec(`[...document.querySelectorAll('button')].find(b => b.textContent.includes('客户档案')).click()`);
  await app.find('[data-testid="history"]');
  await app.shot("customer-history");
  if (card) {
    await app.click('[data-nav="history"]');
    await app.type('[data-testid="card-lookup"]', card);
    await app.exec(`[...document.querySelectorAll('button')].find(b => b.textContent.trim() === '查询').click()`);
    await app.sees("剩余");
    await app.shot("card-lookup");
  }
  await app.click('[data-nav="reception"]');
  await app.sees("此车辆/设备的档案");
  // The promise in the UI's language: "2026年11月24日周二 10:00".
  await app.click('[data-preset="tomorrow-10"]');
  assert.match(await app.text('[data-testid="promised-words"]'), /\d{4}年\d{1,2}月\d{1,2}日.*周.*10:00/);
  await app.shot("reception");
  await app.click('[data-nav="stock"]');
  await app.sees("库存不足");
  await app.click("button.lowrow");
  await app.click('[data-testid="edit-part"]');
  await app.sees("修改目录信息");
  await app.shot("stock");
  await app.click('[data-nav="history"]');
  await app.sees("质量保证卡");
  await app.shot("history");
  // An item's own page, its editor open.
  await app.type('[data-testid="history-find"]', "Passat");
  await app.click("button.hit");
  await app.click('[data-testid="edit-item"]');
  await app.sees("记录里程");
  await app.shot("item-editor");
  await app.click('[data-nav="settings"]');
  await app.sees("质量保证期");
  await app.shot("settings");
  // Lower down: staff and their PINs, who may do what, backups and the audit chain.
  await app.sees("权限设置");
  await app.click('[data-testid="audit-verify"]');
  await app.find('[data-testid="audit-result"]');
  assert.match(await app.text('[data-testid="audit-result"]'), /完整/);
  await app.exec(`document.querySelector('[data-testid="backups"]').scrollIntoView()`);
  await app.shot("settings-safety");
  // Data in and out, in Chinese: a parts list with Chinese headers is read and
  // its columns guessed; the export offers its choices in Chinese.
  const parts = `${app.dir}/配件.csv`;
  writeFileSync(parts, "配件编号,配件名称,售价,库存\nOF-1,机油滤清器,45.00,12\n");
  await app.choose('[data-testid="import-kind"]', "parts");
  await app.upload('[data-testid="import-file"]', parts);
  await app.find('[data-testid="import-summary"]');
  assert.match(await app.text('[data-testid="import-summary"]'), /已读取 1 行.*将新建 0 位客户、0 辆车或件物品、1 种配件/);
  assert.match(await app.text('[data-testid="import-commit"]'), /导入 1 条记录/);
  await app.exec(`document.querySelector('[data-testid="import"]').scrollIntoView()`);
  await app.sees("导出数据");
  await app.shot("settings-data");
  // The home says there is no backup yet, in Chinese.
  await app.click('[data-nav="home"]');
  await app.sees("尚无备份");
  await app.click('[data-testid="lock"]');
  await app.sees("谁在前台？");
  await app.shot("locked");
  await app.click('[data-person="陈经理"]');
  await app.type('[data-testid="pin"]', "1111");
  await app.press('[data-testid="pin"]', "Enter");
  await app.sees("PIN 错误（再错 4 次将锁定一分钟）");
  await app.shot("wrong-pin");
  await app.type('[data-testid="pin"]', "2468");
  await app.press('[data-testid="pin"]', "Enter");
  await app.find('[data-testid="search"]');
  await app.click('[data-nav="settings"]');
  await app.sees("质量保证期");

  await app.choose('[data-testid="language"]', "en");
  await app.click('[data-nav="home"]');
  await app.sees("Waiting for approval");
  await app.shot("back-to-english");
});
