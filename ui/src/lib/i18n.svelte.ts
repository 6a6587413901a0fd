// The UI's language: English or Simplified Chinese, switchable at runtime.
// Texts are written in English in the screens, `t("New job")`; the Chinese table
// holds every one (a test fails when one is missing). Core errors carry both
// languages already; `errorText` picks the right one.
import { zh } from "./zh";
import type { Lang } from "./bindings/Lang";

const saved = typeof localStorage !== "undefined" ? localStorage.getItem("jobcard.lang") : null;

export const ui = $state<{ lang: Lang }>({ lang: saved === "zh-CN" ? "zh-CN" : "en" });

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
  let s = lang === "zh-CN" ? (zh[text] ?? text) : text;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** The locale tag for Intl formatting. */
export function locale(): string {
  return ui.lang === "zh-CN" ? "zh-CN" : "en-GB";
}
