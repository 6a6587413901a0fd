// A small W3C WebDriver client for the end-to-end specs: it starts tauri-driver
// (which drives the real Jobcard binary in WebKitGTK through WebKitWebDriver),
// gives each spec a fresh database, documents folder and a stand-in CUPS `lp`
// that spools what it is sent, and saves screenshots into target/e2e-screens/.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync, chmodSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ROOT = resolve(import.meta.dirname, "../..");
const TARGET = process.env.CARGO_TARGET_DIR ?? join(ROOT, "target");
export const APP = process.env.JOBCARD_APP ?? join(TARGET, "debug", "jobcard-app");
/** The command line, built by the core tests before these run. */
export const CLI = join(TARGET, "debug", "jobcard");
export const SCREENS = join(ROOT, "target", "e2e-screens");
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class App {
  /** Starts the app on a fresh database (or on the shop file `db`); `name`
   *  prefixes its screenshots. */
  static async start(name, port, { db = null } = {}) {
    const dir = mkdtempSync(join(tmpdir(), `jobcard-e2e-${name}-`));
    const bin = join(dir, "bin");
    const spool = join(dir, "spool");
    mkdirSync(bin);
    mkdirSync(spool);
    mkdirSync(SCREENS, { recursive: true });
    // CUPS stand-in: `lp -d PRINTER -- FILE` copies FILE into the spool folder.
    writeFileSync(join(bin, "lp"), `#!/bin/sh\nfor f; do last="$f"; done\ncp "$last" "${spool}/"\necho "request id is $2-1 (1 file(s))"\n`);
    chmodSync(join(bin, "lp"), 0o755);
    const env = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      JOBCARD_DB: db ?? join(dir, "shop.db"),
      JOBCARD_DOCUMENTS: join(dir, "Documents", "Jobcard"),
      XDG_DATA_HOME: join(dir, "data"),
      XDG_CONFIG_HOME: join(dir, "config"),
      LANG: "C.UTF-8",
    };
    // Its own process group (so stop() ends it, WebKitWebDriver and the app together)
    // and its own log file (so nothing it leaves behind holds the test runner's pipes).
    const log = openSync(join(dir, "driver.log"), "a");
    const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], {
      env,
      stdio: ["ignore", log, log],
      detached: true,
    });
    driver.unref();
    const app = new App(name, port, driver, dir);
    app.documents = env.JOBCARD_DOCUMENTS;
    app.spool = spool;
    try {
      await app.waitForDriver();
      const s = await app.req("POST", "/session", {
        capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application: APP } } },
      });
      app.session = s.sessionId;
      await app.waitFor(
        async () => (await app.exec("return document.querySelector('#app')?.children.length || 0")) > 0,
        "the UI to render",
      );
    } catch (e) {
      await app.stop();
      throw e;
    }
    return app;
  }

  constructor(name, port, driver, dir) {
    Object.assign(this, { name, port, driver, dir, shots: 0 });
  }

  async waitForDriver() {
    for (let i = 0; i < 100; i++) {
      try {
        const r = await fetch(`http://127.0.0.1:${this.port}/status`);
        if (r.ok) return;
      } catch {
        /* not up yet */
      }
      await sleep(100);
    }
    throw new Error("tauri-driver did not start");
  }

  async req(method, path, body) {
    const r = await fetch(`http://127.0.0.1:${this.port}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const j = await r.json();
    if (!r.ok || (j.value && j.value.error)) throw new Error(`${method} ${path}: ${JSON.stringify(j.value ?? j)}`);
    return j.value;
  }
  s(path) {
    return `/session/${this.session}${path}`;
  }

  exec(script, ...args) {
    return this.req("POST", this.s("/execute/sync"), { script, args });
  }

  async find(css, timeout = 10000) {
    let last;
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      try {
        const els = await this.req("POST", this.s("/elements"), { using: "css selector", value: css });
        if (els.length) return els[0][ELEMENT];
      } catch (e) {
        last = e;
      }
      await sleep(100);
    }
    throw new Error(`no element ${css} ${last ?? ""}`);
  }

  /** Clicks an element; if the screen re-rendered it meanwhile, finds it again. */
  async click(css) {
    for (let attempt = 0; ; attempt++) {
      try {
        const id = await this.find(css);
        await this.exec("arguments[0].scrollIntoView({block: 'center'})", { [ELEMENT]: id });
        await this.req("POST", this.s(`/element/${id}/click`), {});
        return;
      } catch (e) {
        if (attempt >= 2 || !/stale|not interactable|no such element/i.test(String(e))) throw e;
        await sleep(200);
      }
    }
  }

  /** Types into an input (clearing it first), as a clerk would. */
  async type(css, text) {
    const id = await this.find(css);
    await this.req("POST", this.s(`/element/${id}/clear`), {});
    await this.req("POST", this.s(`/element/${id}/value`), { text });
  }

  /** Sends a key to an element as a real key event ("Enter", "Tab", "Escape"). */
  async press(css, key) {
    const keys = {
      Enter: "\uE007",
      Tab: "\uE004",
      Escape: "\uE00C",
      ArrowLeft: "\uE012",
      ArrowUp: "\uE013",
      ArrowRight: "\uE014",
      ArrowDown: "\uE015",
    };
    const id = await this.find(css);
    await this.req("POST", this.s(`/element/${id}/value`), { text: keys[key] ?? key });
  }

  /** Picks a file in a file input, as the file dialog would. */
  async upload(css, path) {
    const id = await this.find(css);
    await this.req("POST", this.s(`/element/${id}/value`), { text: path });
  }

  /** Chooses an option of a select by its value. */
  async choose(css, value) {
    await this.find(css);
    await this.exec(
      "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('change', {bubbles: true}));",
      css,
      value,
    );
  }

  async text(css) {
    const id = await this.find(css);
    return this.req("GET", this.s(`/element/${id}/text`));
  }

  async bodyText() {
    return this.exec("return document.body.innerText");
  }

  async waitFor(check, what, timeout = 15000) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      try {
        if (await check()) return;
      } catch (e) {
        last = e;
      }
      await sleep(150);
    }
    throw new Error(`timed out waiting for ${what}${last ? ": " + last.message : ""}`);
  }

  /** Waits until the page shows `text`. */
  async sees(text, timeout) {
    await this.waitFor(async () => (await this.bodyText()).includes(text), `"${text}" on screen`, timeout);
  }

  /** Draws a signature on a canvas with the pointer (W3C actions). */
  async sign(css) {
    const id = await this.find(css);
    await this.exec("arguments[0].scrollIntoView({block: 'center'})", { [ELEMENT]: id });
    const origin = { [ELEMENT]: id };
    const moves = [
      [-120, 10],
      [-60, -25],
      [0, 20],
      [60, -20],
      [120, 15],
    ];
    await this.req("POST", this.s("/actions"), {
      actions: [
        {
          type: "pointer",
          id: "pen",
          parameters: { pointerType: "mouse" },
          actions: [
            { type: "pointerMove", origin, x: -150, y: 0, duration: 0 },
            { type: "pointerDown", button: 0 },
            ...moves.map(([x, y]) => ({ type: "pointerMove", origin, x, y, duration: 40 })),
            { type: "pointerUp", button: 0 },
          ],
        },
      ],
    });
    await this.req("DELETE", this.s("/actions"));
  }

  /** Resizes the window (the smallest counter screen is 1024×640). */
  async size(width, height) {
    await this.req("POST", this.s("/window/rect"), { width, height });
    await sleep(300);
  }

  /** Content wider than the window, or running out of its card (cut off or
   *  scrolled sideways): the offenders. */
  async overflow() {
    return this.exec(`const w = document.documentElement.clientWidth;
      const out = [...document.querySelectorAll(".card, .scroll-x")].filter((c) => c.scrollWidth > c.clientWidth + 1)
        .map((c) => "card " + (c.querySelector("h2")?.textContent ?? c.className) + " " + c.scrollWidth + ">" + c.clientWidth);
      if (document.documentElement.scrollWidth > w)
        out.push(...[...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > w + 1)
          .map((e) => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right)));
      return out.slice(0, 6);`);
  }

  /** Saves a screenshot of the window as target/e2e-screens/<spec>-NN-<what>.png. */
  async shot(what) {
    await sleep(250);
    const png = await this.req("GET", this.s("/screenshot"));
    this.shots += 1;
    const file = join(SCREENS, `${this.name}-${String(this.shots).padStart(2, "0")}-${what}.png`);
    writeFileSync(file, Buffer.from(png, "base64"));
    return file;
  }

  /** Ends the session; the window's last state is kept as a screenshot. */
  async stop() {
    try {
      if (this.session) await this.shot("last");
    } catch {
      /* no window */
    }
    try {
      if (this.session) await this.req("DELETE", this.s(""));
    } catch {
      /* already gone */
    }
    try {
      process.kill(-this.driver.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}
