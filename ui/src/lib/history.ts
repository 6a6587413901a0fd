// One line of text for a history entry, from the details the core attaches.
import type { Entry } from "./bindings/Entry";
import type { Currency } from "./bindings/Currency";
import { money } from "./format";
import { t } from "./i18n.svelte";
import { word, stateLabel } from "./labels";
import type { JobState } from "./bindings/JobState";

type Detail = Record<string, unknown>;
const s = (v: unknown): string => (v === null || v === undefined ? "" : String(v));

export function entryText(e: Entry, cur: Currency, loc: string): string {
  const d = (e.detail ?? {}) as Detail;
  const m = (v: unknown) => (typeof v === "number" ? money(v, cur, loc) : "");
  switch (e.kind) {
    case "job":
      return [stateLabel(d.state as JobState), s(d.complaint)].filter(Boolean).join(" · ");
    case "claim":
      return [t("Claim on card {card}", { card: s(d.card) }), s(d.complaint)].join(" · ");
    case "inspection":
      return t("Inspected with {name}", { name: s(d.acknowledged_by) });
    case "approval":
      return `${word(s(d.method))} · ${s(d.approver)} · ${t("total now {total}", { total: m(d.revised_total) })}`;
    case "invoice":
      return `${m(d.total)} · ${word(s(d.status))}`;
    case "credit_note":
      return `-${m(d.total)} · ${s(d.reason)}`;
    case "guarantee_card":
      return [d.days ? t("{n} days", { n: s(d.days) }) : "", d.km ? t("{n} km", { n: s(d.km) }) : ""].filter(Boolean).join(" / ");
    case "recommendation":
      return `${t("Declined")}: ${s(d.description)}${d.consequence ? " · " + s(d.consequence) : ""}`;
    default:
      return "";
  }
}

export const KINDS: Record<Entry["kind"], string> = {
  job: "Job", inspection: "Inspection", estimate: "Estimate", approval: "Approval", invoice: "Invoice",
  credit_note: "Credit note", guarantee_card: "Guarantee card", claim: "Claim", recommendation: "Recommendation",
};
export const entryKind = (k: Entry["kind"]): string => t(KINDS[k]);
