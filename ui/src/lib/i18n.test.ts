import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { zh } from "./zh";
import { translate } from "./i18n.svelte";
import { STATES, WORDS } from "./labels";
import { KINDS } from "./history";
import * as care from "./careLabels";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f: string) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === "bindings" ? [] : sources(p);
    return /\.(svelte|ts)$/.test(f) && !f.endsWith(".test.ts") ? [p] : [];
  });
}

describe("Chinese", () => {
  const careTables = Object.values(care).filter((v) => typeof v === "object" && !Array.isArray(v)) as Record<string, string>[];
  const texts = new Set<string>([
    ...Object.values(STATES),
    ...Object.values(WORDS),
    ...Object.values(KINDS),
    ...careTables.flatMap((table) => Object.values(table)),
  ]);
  for (const file of sources(fileURLToPath(new URL("..", import.meta.url)))) {
    for (const m of readFileSync(file, "utf8").matchAll(/\bt\("((?:[^"\\]|\\.)*)"/g)) texts.add(m[1]);
  }

  it("has every text of every screen", () => {
    expect(texts.size).toBeGreaterThan(300);
    expect([...texts].filter((k) => !(k in zh))).toEqual([]);
  });
  it("keeps every placeholder of the English text", () => {
    for (const [en, cn] of Object.entries(zh)) {
      const want = (en.match(/\{\w+\}/g) ?? []).sort();
      expect((cn.match(/\{\w+\}/g) ?? []).sort(), en).toEqual(want);
    }
  });
  it("fills placeholders in either language", () => {
    expect(translate("en", "{n} days left", { n: 12 })).toBe("12 days left");
    expect(translate("zh-CN", "{n} days left", { n: 12 })).toBe("剩余 12 天");
    expect(translate("zh-CN", "Not a known text")).toBe("Not a known text");
  });
});
