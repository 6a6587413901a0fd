// The UI's language: English or Simplified Chinese, switchable at runtime.
// Texts are written in English in the screens, `t("New job")`; the Chinese table
// holds every one (a test fails when one is missing). Core errors carry both
// languages already; `errorText` picks the right one.
import { zh } from "./zh";
import { SETTLEMENT_WORDS } from "./documentKind";
import type { Lang } from "./bindings/Lang";

const saved = typeof localStorage !== "undefined" ? localStorage.getItem("jobcard.lang") : null;

export const ui = $state<{ lang: Lang; settlement: boolean }>({ lang: saved === "zh-CN" ? "zh-CN" : "en", settlement: false });

/** Whether the shop bills with the Chinese settlement list (documentKind.ts). */
export function setSettlement(on: boolean): void {
  ui.settlement = on;
}

export function setLang(lang: Lang): void {
  ui.lang = lang;
  if (typeof localStorage !== "undefined") localStorage.setItem("jobcard.lang", lang);
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

/** Translates an English UI text; `{name}` placeholders are filled from `vars`. */
export function t(text: string, vars?: Record<string, string | number>): string {
  return translate(ui.lang, text, vars);
}

export function translate(lang: Lang, text: string, vars?: Record<string, string | number>): string {
  const own = ui.settlement ? SETTLEMENT_WORDS[text] : undefined;
  let s = own ? own[lang === "zh-CN" ? 1 : 0] : lang === "zh-CN" ? (zh[text] ?? text) : text;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** The locale tag for Intl formatting. */
export function locale(): string {
  return ui.lang === "zh-CN" ? "zh-CN" : "en-GB";
}
