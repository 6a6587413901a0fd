// What every screen needs to know: the shop's settings, its staff, who is signed
// in at the counter (the core records every write against them, whatever the UI
// sends), and which screen is showing.
import { setSettlement } from "./i18n.svelte";
import { call } from "./api";
import type { SessionInfo } from "./bindings/SessionInfo";
import type { Permission } from "./bindings/Permission";
import type { ShopSettings } from "./bindings/ShopSettings";
import type { Staff } from "./bindings/Staff";
import type { Role } from "./bindings/Role";
import type { JobState } from "./bindings/JobState";

export type Route =
  | { screen: "home" }
  | { screen: "reception"; customerId?: number; itemId?: number }
  | { screen: "job"; number: string; tab?: JobTab }
  | { screen: "stock" }
  | { screen: "history"; customerId?: number; itemId?: number; card?: string }
  | { screen: "care"; tab?: CareTab; complaint?: string }
  | { screen: "book"; day?: string; booking?: Booking }
  | { screen: "figures"; tab?: FiguresTab }
  | { screen: "settings" };

export type CareTab = "calls" | "reminders" | "complaints" | "satisfaction";
export type FiguresTab = "kpis" | "day";

/** A booking to prefill: from a reminder, or for a customer's item. */
export type Booking = { customerId: number; itemId: number; reminderId?: number; work?: string };

export const JOB_TABS = ["inspection", "estimate", "approval", "work", "parts", "quality", "invoice"] as const;
export type JobTab = (typeof JOB_TABS)[number];

export const session = $state<{
  settings: ShopSettings | null;
  staff: Staff[];
  /** The person signed in; null shows the sign-in screen. */
  person: SessionInfo | null;
  route: Route;
  /** Bumped after a write, so open screens reload what they show. */
  version: number;
  /** Bumped when another counter or a command-line call changed the shop. */
  elsewhere: number;
}>({ settings: null, staff: [], person: null, route: { screen: "home" }, version: 0, elsewhere: 0 });

export function go(route: Route): void {
  session.route = route;
}

/** Opens a job on `tab`, or (none given) on the tab of the step it is at. */
export function openJob(number: string, tab?: JobTab): void {
  session.route = { screen: "job", number, tab };
}

/** The tab of the step a job in `state` is at: where the clerk carries on. */
export function tabFor(state: JobState): JobTab {
  const at: Record<JobState, JobTab> = {
    received: "inspection",
    inspected: "estimate",
    estimated: "estimate",
    awaiting_approval: "approval",
    approved: "work",
    in_work: "work",
    waiting_parts: "work",
    quality_check: "quality",
    ready: "invoice",
    invoiced: "invoice",
    delivered: "invoice",
    cancelled: "inspection",
  };
  return at[state];
}

export async function loadShop(): Promise<void> {
  const [settings, staff, kind] = await Promise.all([
    call("settings.get", {}),
    call("staff.list", { include_inactive: true }),
    call("settings.document_kind", {}),
  ]);
  session.settings = settings;
  session.staff = staff;
  setSettlement(kind === "settlement_list");
}

/**
 * The signed-in person's id, sent with each write for the record's shape; the
 * core replaces it with the session's own, so it cannot make anyone else act.
 */
export function clerk(): number {
  if (session.person === null) throw new Error("Nobody is signed in");
  return session.person.staff.id;
}

/** Whether the signed-in person may do this (screens hide what they may not). */
export function may(p: Permission): boolean {
  return session.person?.permissions.includes(p) ?? false;
}

export function staffWith(role: Role): Staff[] {
  return session.staff.filter((s) => s.active && s.roles.includes(role));
}

export function staffName(id: number | null | undefined): string {
  return session.staff.find((s) => s.id === id)?.name ?? "";
}

export function changed(): void {
  session.version += 1;
}

/** Another counter or a command-line call wrote: every open screen reloads. */
export function changedElsewhere(): void {
  session.elsewhere += 1;
  session.version += 1;
}
