// Finding the customer at the counter (reception and booking): customers and
// items by name, phone, plate or serial — jobs left out — and what a picked hit
// means: the customer, and the item when the hit was one.
import { call } from "./api";
import type { Hit } from "./bindings/Hit";

/** Customers and items matching what was typed (none for an empty box). */
export async function findPeople(text: string): Promise<Hit[]> {
  if (!text.trim()) return [];
  return (await call("search", { query: text, limit: 8 })).filter((h) => h.kind !== "job");
}

/** The customer a hit names, and its item when the hit is an item. */
export async function hitOwner(h: Hit): Promise<{ customerId: number; itemId: number | null }> {
  if (h.kind === "customer") return { customerId: h.id, itemId: null };
  const it = await call("item.get", { id: h.id });
  return { customerId: it.owner.id, itemId: h.id };
}
