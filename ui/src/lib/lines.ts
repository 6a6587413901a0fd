// Estimate lines on screen: a line back into the input the core takes (to change
// one field), and the live amount of the line being typed (exact, in minor units).
import type { Line } from "./bindings/Line";
import type { LineInput } from "./bindings/LineInput";
import { parseMoney, parseQty } from "./format";

export function lineInput(l: Line): LineInput {
  return {
    kind: l.kind,
    description: l.description,
    quantity: l.quantity,
    unit_price: l.unit_price,
    part_number: l.part_number ?? null,
    brand: l.brand ?? null,
    part_kind: l.part_kind ?? null,
    tax_rate_bp: l.tax_rate_bp,
    discount_bp: l.discount_bp,
    discount_amount: l.discount_amount,
    covered_by_card: l.covered_by_card,
  };
}

/**
 * quantity × unit price in minor units, rounded half away from zero like the core
 * (quantities are thousandths); null while either is not a valid entry.
 */
export function preview(quantity: string, price: string, minorUnits: number): number | null {
  const q = parseQty(quantity);
  const p = parseMoney(price, minorUnits);
  if (q === null || p === null) return null;
  const [i, f = ""] = q.split(".");
  const thousandths = BigInt(i) * 1000n + BigInt((f + "000").slice(0, 3));
  const product = thousandths * BigInt(p);
  const neg = product < 0n;
  const abs = neg ? -product : product;
  const rounded = (abs + 500n) / 1000n;
  return Number(neg ? -rounded : rounded);
}
