// Words for the appointment book, reminders and the owner's figures, and how a
// figure's value reads by its unit (exact integers from the core: basis points,
// thousandths of an hour, minor units).
import type { AppointmentState } from "./bindings/AppointmentState";
import type { ReminderKind } from "./bindings/ReminderKind";
import type { ContactOutcome } from "./bindings/ContactOutcome";
import type { Unit } from "./bindings/Unit";
import type { Currency } from "./bindings/Currency";
import { money } from "./format";

export const APPOINTMENT_STATES: Record<AppointmentState, string> = {
  booked: "Booked",
  confirmed: "Confirmed",
  arrived: "Arrived",
  no_show: "No-show",
  cancelled: "Cancelled",
  moved: "Moved",
};

export const REMINDER_KINDS: Record<ReminderKind, string> = {
  service: "Service due",
  declined: "Declined work",
  card: "Card ends soon",
};

export const CONTACT_OUTCOMES: Record<Exclude<ContactOutcome, "booked">, string> = {
  reached: "Reached, will think",
  not_interested: "Not interested",
  not_reachable: "Not reachable",
  opted_out: "No more reminders",
};

/** Each figure's name and what it tells, in English (translated with t()). */
export const FIGURES: Record<string, [string, string]> = {
  car_count: ["Car count", "How many jobs were invoiced."],
  average_repair_order: ["Average repair order", "What a paying job brings on average."],
  close_ratio_amount: ["Close ratio (amount)", "How much of what was quoted the customers approved."],
  close_ratio_jobs: ["Close ratio (jobs)", "How many quoted jobs became invoices."],
  show_rate: ["Show rate", "How many booked customers came."],
  labour_hours_sold: ["Labour hours sold", "Hours billed on the invoiced jobs."],
  effective_labour_rate: ["Effective labour rate", "What an hour sold really earned."],
  technician_efficiency: ["Technician efficiency", "Billed hours against hours on the clock."],
  technician_productivity: ["Technician productivity", "Hours on jobs against hours available."],
  parts_gross_margin: ["Parts gross margin", "What parts earn above their cost."],
  comeback_rate: ["Comeback rate", "Jobs that came back under a card."],
  on_time_rate: ["On-time rate", "Items handed over by the promised time."],
  satisfaction_average: ["Satisfaction", "The surveys' average overall score."],
  nps: ["NPS", "Promoters minus detractors."],
  callbacks_done: ["Callbacks done", "Follow-up calls that reached the customer."],
  appointments_kept: ["Appointments kept", "Booked customers who came."],
  no_shows: ["No-shows", "Booked customers who did not come."],
  handed_over: ["Handed over", "Items given back to their owners."],
};

/** An integer in hundredths as exact text: 6250 → "62.50", -5 → "-0.05". */
export function hundredths(v: number): string {
  const a = Math.abs(v);
  return `${v < 0 ? "-" : ""}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

/** A figure's value as text; "—" when there was nothing to divide by. */
export function figureText(unit: Unit, v: number | null | undefined, cur: Currency, loc: string): string {
  if (v === null || v === undefined) return "—";
  switch (unit) {
    case "count":
      return v.toLocaleString(loc);
    case "money":
      return money(v, cur, loc);
    case "money_per_hour":
      return `${money(v, cur, loc)}/h`;
    case "percent":
      return `${hundredths(v)} %`;
    case "hours":
      return `${(v / 1000).toLocaleString(loc, { maximumFractionDigits: 1 })} h`;
    case "score":
      return hundredths(v);
  }
}

/** The change from the previous period, as a signed percentage; null when it cannot be said. */
export function change(now: number | null | undefined, before: number | null | undefined): number | null {
  if (now === null || now === undefined || before === null || before === undefined || before === 0) return null;
  return Math.round(((now - before) / Math.abs(before)) * 1000) / 10;
}

/** The shop's local date (YYYY-MM-DD) of a moment, by the shop's offset from UTC. */
export function shopDay(d: Date, offsetMinutes: number): string {
  return new Date(d.getTime() + offsetMinutes * 60000).toISOString().slice(0, 10);
}

/** A local day plus `n` days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The UTC instant of a local day and "HH:MM" in the shop's time. */
export function shopInstant(day: string, hhmm: string, offsetMinutes: number): string {
  const t = new Date(`${day}T${hhmm}:00Z`).getTime() - offsetMinutes * 60000;
  return new Date(t).toISOString().replace(".000Z", "Z");
}

/** "HH:MM" in the shop's time of a UTC instant. */
export function shopTime(iso: string, offsetMinutes: number): string {
  return new Date(new Date(iso).getTime() + offsetMinutes * 60000).toISOString().slice(11, 16);
}

/** Start times every `step` minutes from opening to the last that still ends by closing. */
export function slots(opens: string, closes: string, minutes: number, step = 30): string[] {
  const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  const out: string[] = [];
  for (let x = m(opens); x + minutes <= m(closes); x += step) {
    out.push(`${String(Math.floor(x / 60)).padStart(2, "0")}:${String(x % 60).padStart(2, "0")}`);
  }
  return out;
}
