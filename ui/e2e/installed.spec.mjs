// The installed package, started as a shop would start it: the binary the .deb
// put on the PATH (JOBCARD_APP), on a fresh database, shows the first-start
// screen in the real webview. Run by scripts/install-test.sh after it installs
// the package (not part of `npm run e2e`, which drives the build in target/).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { App, APP } from "./driver.mjs";

let app;
after(() => app?.stop());

test("the installed app starts at the first-start screen", { timeout: 120000 }, async () => {
  assert.ok(APP.startsWith("/usr/"), `the installed binary, not the build: ${APP}`);
  app = await App.start("installed", 4524);
  await app.sees("Welcome to Jobcard", 60000);
  await app.find('[data-testid="start-demo"]');
  await app.shot("installed-first-start");
});
