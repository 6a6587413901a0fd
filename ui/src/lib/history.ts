// One line of text for a history entry, from its typed details.
import type { Entry } from "./bindings/Entry";
import type { Currency } from "./bindings/Currency";
import { money } from "./format";
import { t } from "./i18n.svelte";
import { word, stateLabel } from "./labels";

export function entryText(e: Entry, cur: Currency, loc: string): string {
  const m = (v: number) => money(v, cur, loc);
  switch (e.kind) {
    case "job":
      return [stateLabel(e.detail.state), e.detail.complaint].filter(Boolean).join(" · ");
    case "claim":
      return [t("Claim on card {card}", { card: e.detail.card }), e.detail.complaint].join(" · ");
    case "inspection":
      return t("Inspected with {name}", { name: e.detail.acknowledged_by });
    case "estimate":
      return "";
    case "approval":
      return `${word(e.detail.method)} · ${e.detail.approver} · ${t("total now {total}", { total: m(e.detail.revised_total) })}`;
    case "invoice":
      return `${m(e.detail.total)} · ${word(e.detail.status)}`;
    case "credit_note":
      return `-${m(e.detail.total)} · ${e.detail.reason}`;
    case "guarantee_card": {
      const { days, km } = e.detail;
      return [days ? t("{n} days", { n: String(days) }) : "", km ? t("{n} km", { n: String(km) }) : ""].filter(Boolean).join(" / ");
    }
    case "recommendation":
      return `${t("Declined")}: ${e.detail.description}${e.detail.consequence ? " · " + e.detail.consequence : ""}`;
  }
}

export const KINDS: Record<Entry["kind"], string> = {
  job: "Job",
  inspection: "Inspection",
  estimate: "Estimate",
  approval: "Approval",
  invoice: "Invoice",
  credit_note: "Credit note",
  guarantee_card: "Guarantee card",
  claim: "Claim",
  recommendation: "Recommendation",
};
export const entryKind = (k: Entry["kind"]): string => t(KINDS[k]);
