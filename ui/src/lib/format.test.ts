import { describe, expect, it } from "vitest";
import {
  dayOffset,
  spokenLocal,
  money,
  parseMoney,
  parseQty,
  parsePercent,
  minorToInput,
  qty,
  localInputToIso,
  isoToLocalInput,
  parseKm,
  presetLocalInput,
} from "./format";

const CNY = { code: "CNY", minor_units: 2 };
const JPY = { code: "JPY", minor_units: 0 };

describe("money", () => {
  it("formats minor units exactly, with the locale's symbol and grouping", () => {
    expect(money(123456789, CNY, "zh-CN")).toBe("¥1,234,567.89");
    expect(money(5, CNY, "en-GB")).toBe("CN¥0.05");
    expect(money(-1050, { code: "USD", minor_units: 2 }, "en-GB")).toBe("-US$10.50");
    expect(money(1500, JPY, "en-GB")).toBe("JP¥1,500");
  });
  it("keeps amounts beyond float precision exact", () => {
    expect(money(9_007_199_254_740_991, CNY, "en-GB")).toBe("CN¥90,071,992,547,409.91");
  });
});

describe("parseMoney", () => {
  it("reads what a clerk types into minor units", () => {
    expect(parseMoney("120", 2)).toBe(12000);
    expect(parseMoney("120.5", 2)).toBe(12050);
    expect(parseMoney("1,234.56", 2)).toBe(123456);
    expect(parseMoney(" ¥ 0.07 ", 2)).toBe(7);
    expect(parseMoney(".5", 2)).toBe(50);
    expect(parseMoney("0.1", 2)! + parseMoney("0.2", 2)!).toBe(30);
    expect(parseMoney("1500", 0)).toBe(1500);
  });
  it("refuses what is not an amount rather than guessing", () => {
    for (const bad of ["", "abc", "1.234", "1.5.0", "12e3", "--1", "."]) expect(parseMoney(bad, 2)).toBeNull();
    expect(parseMoney("1.5", 0)).toBeNull();
  });
  it("round-trips with the input form", () => {
    for (const v of [0, 1, 99, 100, 12345, 100000000]) expect(parseMoney(minorToInput(v, 2), 2)).toBe(v);
    expect(minorToInput(5, 2)).toBe("0.05");
  });
});

describe("quantities and percentages", () => {
  it("accepts up to three decimals", () => {
    expect(parseQty("1.5")).toBe("1.5");
    expect(parseQty("0,25")).toBe("0.25");
    expect(parseQty("1.2345")).toBeNull();
    expect(parseQty("-1")).toBeNull();
  });
  it("formats quantities without trailing zeros", () => {
    expect(qty("1.500", "en-GB")).toBe("1.5");
    expect(qty("1200", "en-GB")).toBe("1,200");
    expect(qty("2.000", "zh-CN")).toBe("2");
  });
  it("reads percentages into basis points", () => {
    expect(parsePercent("13")).toBe(1300);
    expect(parsePercent("6.5 %")).toBe(650);
    expect(parsePercent("x")).toBeNull();
  });
});

describe("times", () => {
  it("turns a local datetime input into RFC 3339 UTC and back", () => {
    const iso = localInputToIso("2026-11-22T17:30");
    expect(iso).toMatch(/^2026-11-2\dT\d\d:30:00Z$/);
    expect(isoToLocalInput(iso)).toBe("2026-11-22T17:30");
    expect(localInputToIso("")).toBeNull();
  });
  it("reads odometer readings as people write them", () => {
    expect(parseKm("12,000")).toBe(12000);
    expect(parseKm(" 12 000 km")).toBe(12000);
    expect(parseKm("42000")).toBe(42000);
    expect(parseKm("12.5")).toBeNull();
    expect(parseKm("-5")).toBeNull();
    expect(parseKm("")).toBeNull();
    expect(parseKm("一万")).toBeNull();
  });
  it("offers promised times from today", () => {
    const now = new Date(2026, 11, 31, 15, 20);
    expect(presetLocalInput(now, 0, 17)).toBe("2026-12-31T17:00");
    expect(presetLocalInput(now, 1, 10)).toBe("2027-01-01T10:00");
  });
});

describe("dayOffset", () => {
  it("says yesterday, today and tomorrow in local time, null otherwise", () => {
    const now = new Date(2026, 10, 23, 22, 30);
    expect(dayOffset(new Date(2026, 10, 23, 0, 5).toISOString(), now)).toBe(0);
    expect(dayOffset(new Date(2026, 10, 24, 0, 21).toISOString(), now)).toBe(1);
    expect(dayOffset(new Date(2026, 10, 22, 23, 59).toISOString(), now)).toBe(-1);
    expect(dayOffset(new Date(2026, 10, 26, 9, 0).toISOString(), now)).toBeNull();
    expect(dayOffset(null, now)).toBeNull();
    expect(dayOffset("not a time", now)).toBeNull();
  });
});

describe("spokenLocal", () => {
  it("says a picked time in the UI language with its weekday", () => {
    expect(spokenLocal("2026-11-24T17:00", "en-GB")).toMatch(/Tue.*24 Nov 2026.*17:00/);
    expect(spokenLocal("2026-11-24T17:00", "zh-CN")).toMatch(/2026年11月24日.*周二.*17:00/);
    expect(spokenLocal("", "en-GB")).toBe("");
    expect(spokenLocal("nonsense", "en-GB")).toBe("");
  });
});
