import { describe, expect, it } from "vitest";
import { FormState, errorText, invalid } from "./errors.svelte";
import { ApiError, toApiError } from "./api";
import { setLang } from "./i18n.svelte";

const refusal = {
  code: "invalid_input",
  message: "Give the customer's name",
  message_zh: "请填写客户姓名",
  field: "customer.name",
} as const;

describe("a form's refusal", () => {
  it("is shown at the field it is about, and nowhere else", async () => {
    const f = new FormState();
    const r = await f.run(() => Promise.reject(refusal));
    expect(r).toBeNull();
    expect(f.at("customer")).toBe("Give the customer's name");
    expect(f.at("customer.name")).toBe("Give the customer's name");
    expect(f.at("complaint")).toBeNull();
    expect(f.general("customer")).toBeNull();
    expect(f.general("complaint")).toBe("Give the customer's name");
  });
  it("follows the screen language", () => {
    const e = new ApiError(refusal);
    setLang("zh-CN");
    expect(errorText(e)).toBe("请填写客户姓名");
    setLang("en");
    expect(errorText(e)).toBe("Give the customer's name");
  });
  it("is cleared by the next success, and a crash still reads as an error", async () => {
    const f = new FormState();
    await f.run(() => Promise.reject(refusal));
    expect(await f.run(() => Promise.resolve(7))).toBe(7);
    expect(f.error).toBeNull();
    expect(toApiError(new Error("boom")).code).toBe("internal");
  });
});

describe("an entry the screen cannot read", () => {
  it("is refused like the core refuses, at its field", async () => {
    const f = new FormState();
    await f.run(() => Promise.reject(invalid("amount", "Amount: e.g. 120.00", "金额：例如 120.00")));
    expect(f.at("amount")).toBe("Amount: e.g. 120.00");
    expect(f.error?.code).toBe("invalid_input");
  });
});
