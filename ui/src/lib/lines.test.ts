import { describe, expect, it } from "vitest";
import { preview, lineInput } from "./lines";
import type { Line } from "./bindings/Line";

describe("live line amount", () => {
  it("multiplies exactly and rounds half away from zero, like the core", () => {
    expect(preview("1.5", "120.00", 2)).toBe(18000);
    expect(preview("0.333", "0.05", 2)).toBe(2); // 1.665 fen → 2
    expect(preview("3", "33.33", 2)).toBe(9999);
    expect(preview("0.001", "0.01", 2)).toBe(0);
  });
  it("shows nothing while the entry is not valid", () => {
    expect(preview("", "10", 2)).toBeNull();
    expect(preview("1", "ten", 2)).toBeNull();
  });
});

describe("lineInput", () => {
  it("keeps every field the core needs to change one", () => {
    const l = {
      id: 1,
      job_id: 1,
      position: 1,
      supplement: 0,
      kind: "part",
      description: "Brake pads",
      quantity: "2",
      unit_price: 4500,
      part_number: "BP-1",
      brand: null,
      part_kind: "new_oem",
      tax_rate_bp: 1300,
      discount_bp: 500,
      discount_amount: 0,
      status: "proposed",
      work_state: "not_started",
      amount: 9000,
      covered_by_card: false,
      consumed: "0",
      clocked_minutes: 0,
    } as Line;
    expect(lineInput(l)).toEqual({
      kind: "part",
      description: "Brake pads",
      quantity: "2",
      unit_price: 4500,
      part_number: "BP-1",
      brand: null,
      part_kind: "new_oem",
      tax_rate_bp: 1300,
      discount_bp: 500,
      discount_amount: 0,
      covered_by_card: false,
    });
  });
});
