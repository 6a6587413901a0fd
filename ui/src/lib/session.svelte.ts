// What every screen needs to know: the shop's settings, its staff, who is at the
// counter (every write is recorded against them), and which screen is showing.
import { call } from "./api";
import type { ShopSettings } from "./bindings/ShopSettings";
import type { Staff } from "./bindings/Staff";
import type { Role } from "./bindings/Role";

export type Route =
  | { screen: "home" }
  | { screen: "reception"; customerId?: number; itemId?: number }
  | { screen: "job"; number: string; tab: JobTab }
  | { screen: "stock" }
  | { screen: "history"; customerId?: number; itemId?: number; card?: string }
  | { screen: "settings" };

export const JOB_TABS = ["inspection", "estimate", "approval", "work", "parts", "quality", "invoice"] as const;
export type JobTab = (typeof JOB_TABS)[number];

export const session = $state<{
  settings: ShopSettings | null;
  staff: Staff[];
  clerkId: number | null;
  route: Route;
  /** Bumped after a write, so open screens reload what they show. */
  version: number;
}>({ settings: null, staff: [], clerkId: null, route: { screen: "home" }, version: 0 });

export function go(route: Route): void {
  session.route = route;
}

export function openJob(number: string, tab?: JobTab): void {
  session.route = { screen: "job", number, tab: tab ?? "inspection" };
}

export async function loadShop(): Promise<void> {
  const [settings, staff] = await Promise.all([call("settings.get", {}), call("staff.list", { include_inactive: false })]);
  session.settings = settings;
  session.staff = staff;
  const saved = Number(localStorage.getItem("jobcard.clerk"));
  const pick = staff.find((s) => s.id === saved) ?? staff.find((s) => s.roles.includes("counter")) ?? staff[0];
  session.clerkId = pick?.id ?? null;
}

export function setClerk(id: number): void {
  session.clerkId = id;
  localStorage.setItem("jobcard.clerk", String(id));
}

/** The staff member at the counter; every write carries their id. */
export function clerk(): number {
  if (session.clerkId === null) throw new Error("No staff member is selected");
  return session.clerkId;
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
