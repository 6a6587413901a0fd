// Money, quantities and times for the screen. Money stays integer minor units
// end to end: formatting splits the integer exactly (BigInt) and parsing reads
// the typed digits, never through floating point.
import type { Currency } from "./bindings/Currency";

const DIGITS = /^\d+$/;

/** `12345` CNY → "¥123.45" (locale decides symbol and grouping). */
export function money(minor: number, currency: Currency, loc: string): string {
  const mu = currency.minor_units;
  const neg = minor < 0;
  const abs = BigInt(Math.abs(minor));
  const scale = 10n ** BigInt(mu);
  const major = abs / scale;
  const frac = (abs % scale).toString().padStart(mu, "0");
  let nf: Intl.NumberFormat;
  try {
    nf = new Intl.NumberFormat(loc, {
      style: "currency",
      currency: currency.code,
      minimumFractionDigits: mu,
      maximumFractionDigits: mu,
    });
  } catch {
    nf = new Intl.NumberFormat(loc, { minimumFractionDigits: mu, maximumFractionDigits: mu });
  }
  const text = nf
    .formatToParts(major)
    .map((p) => (p.type === "fraction" ? frac : p.value))
    .join("");
  return neg ? `-${text}` : text;
}

/** Minor units as a plain decimal for an input box: 12345, 2 → "123.45". */
export function minorToInput(minor: number, minorUnits: number): string {
  const neg = minor < 0;
  const abs = Math.abs(minor)
    .toString()
    .padStart(minorUnits + 1, "0");
  const int = minorUnits ? abs.slice(0, -minorUnits) : abs;
  const frac = minorUnits ? "." + abs.slice(-minorUnits) : "";
  return (neg ? "-" : "") + int + frac;
}

/**
 * Reads a typed amount into minor units: "1,234.5" → 123450 (2 places).
 * Answers null for text that is not an amount or has more decimals than the currency.
 */
export function parseMoney(text: string, minorUnits: number): number | null {
  const s = text.replace(/[\s,_¥$€£]/g, "");
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
  const frac = m[3] ?? "";
  if (frac.length > minorUnits) return null;
  const int = m[2] === "" ? "0" : m[2];
  if (!DIGITS.test(int) || int.length > 13) return null;
  const v = Number(int) * 10 ** minorUnits + Number((frac + "0".repeat(minorUnits)).slice(0, minorUnits) || "0");
  return m[1] ? -v : v;
}

/** A quantity as typed: up to three decimals, e.g. "1.5". Null when not one. */
export function parseQty(text: string): string | null {
  const s = text.trim().replace(",", ".");
  return /^\d{1,7}(\.\d{1,3})?$/.test(s) ? s : null;
}

/** Basis points → "13 %"; parse "13" or "13.5" → 1300 / 1350. */
export function percent(bp: number): string {
  return `${(bp / 100).toString()} %`;
}

export function parsePercent(text: string): number | null {
  const s = text.trim().replace("%", "").trim();
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number(((m[2] ?? "") + "00").slice(0, 2));
}

export function dateTime(iso: string | null | undefined, loc: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(loc, { dateStyle: "medium", timeStyle: "short" }).format(d);
}

export function date(iso: string | null | undefined, loc: string): string {
  if (!iso) return "";
  const d = new Date(iso.length === 10 ? iso + "T12:00:00" : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(loc, { dateStyle: "medium" }).format(d);
}

export function time(iso: string | null | undefined, loc: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(loc, { timeStyle: "short" }).format(d);
}

/** A datetime-local input value ("2026-11-22T17:00", local time) → RFC 3339 UTC. */
export function localInputToIso(v: string): string | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** RFC 3339 → the datetime-local input's value in local time. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** "1.500" → "1.5"; the core sends quantities as exact decimal strings. */
export function qty(q: string, loc: string): string {
  const [i, f] = q.split(".");
  const int = new Intl.NumberFormat(loc).format(BigInt(i.replace("-", "")));
  return (q.startsWith("-") ? "-" : "") + int + (f && /[1-9]/.test(f) ? "." + f.replace(/0+$/, "") : "");
}

/**
 * An odometer reading as people write it: "12,000", "12 000" or "12000 km" are
 * all 12000 km. Null when it is not a whole number of kilometres.
 */
export function parseKm(text: string): number | null {
  const s = text
    .trim()
    .replace(/km$/i, "")
    .replace(/[,\s\u00a0]/g, "");
  if (!/^\d{1,9}$/.test(s)) return null;
  return Number(s);
}

/**
 * A promised time the counter offers with one click: `days` from `now` at
 * `hour`:00, as a datetime-local input's text (local time).
 */
export function presetLocalInput(now: Date, days: number, hour: number): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, hour, 0, 0);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:00`;
}

/** Which day `iso` falls on against `now`, in local time: -1 yesterday, 0 today,
 *  1 tomorrow; null for any other day (or no time). */
export function dayOffset(iso: string | null | undefined, now: Date): -1 | 0 | 1 | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const midnight = (x: Date) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
  const days = Math.round((midnight(d) - midnight(now)) / 86400000);
  return days === -1 || days === 0 || days === 1 ? days : null;
}

/** A datetime-local input's value said in the UI language, with the weekday
 *  ("Tue, 24 Nov 2026, 17:00" / "2026年11月24日周二 17:00"): the native
 *  picker shows the system's format, so the field repeats it in words. */
export function spokenLocal(v: string, loc: string): string {
  const iso = localInputToIso(v);
  if (!iso) return "";
  return new Intl.DateTimeFormat(loc, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}
