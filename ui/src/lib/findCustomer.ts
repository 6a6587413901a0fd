// Finding the customer at the counter (reception and booking): customers and
// items by name, phone, plate or serial — jobs left out — and what a picked hit
// means: the customer, and the item when the hit was one; or a new customer
// from the counter's few fields (name, phone), the rest left for later.
import { call } from "./api";
import type { Hit } from "./bindings/Hit";
import type { CustomerInput } from "./bindings/CustomerInput";
import type { CustomerKind } from "./bindings/CustomerKind";
import type { Lang } from "./bindings/Lang";

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

/** A new customer as the counter types one: name, phone, and the screen's language. */
export function newCustomerInput(kind: CustomerKind, name: string, phone: string, language: Lang): CustomerInput {
  return {
    kind,
    name,
    phones: phone.trim() ? [phone] : [],
    email: null,
    address: null,
    tax_id: null,
    language,
    notes: null,
    designated_persons: [],
  };
}
