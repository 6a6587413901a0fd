// Errors shown next to what caused them: a form keeps the last refusal, and each
// field asks whether the refusal is about it. Messages follow the UI language.
import { ApiError, toApiError } from "./api";
import { ui } from "./i18n.svelte";
import { parseKm } from "./format";

/**
 * What a screen says when a typed value cannot even be read (an amount, a
 * quantity): the same shape as the core's refusals, so it shows at its field.
 */
export function invalid(field: string, message: string, messageZh: string): ApiError {
  return new ApiError({ code: "invalid_input", field, message, message_zh: messageZh });
}

/** An odometer field: empty is none; "12,000" is 12000; anything else is refused at `field`. */
export function kmOrNull(text: string, field: string): number | null {
  if (!text.trim()) return null;
  const km = parseKm(text);
  if (km === null) throw invalid(field, "Odometer: whole kilometres like 12,000", "里程：整数公里，例如 12,000");
  return km;
}

export function errorText(e: ApiError): string {
  return ui.lang === "zh-CN" ? e.messageZh : e.message;
}

/** A form's state: busy while a command runs, and the refusal it got. */
export class FormState {
  busy = $state(false);
  error = $state<ApiError | null>(null);

  /** The message when the refusal is about `field` (or one of its sub-fields). */
  at(field: string): string | null {
    const f = this.error?.field;
    if (!this.error || !f) return null;
    return f === field || f.startsWith(field + ".") || f.startsWith(field + "[") ? errorText(this.error) : null;
  }

  /** The message when the refusal is about none of `shownFields` (shown at the form's foot). */
  general(...shownFields: string[]): string | null {
    if (!this.error) return null;
    const f = this.error.field;
    if (f && shownFields.some((s) => f === s || f.startsWith(s + ".") || f.startsWith(s + "["))) return null;
    return errorText(this.error);
  }

  /** Runs `action`; on refusal keeps the error (and everything typed) and answers null. */
  async run<T>(action: () => Promise<T>): Promise<T | null> {
    if (this.busy) return null;
    this.busy = true;
    this.error = null;
    try {
      return await action();
    } catch (e) {
      this.error = toApiError(e);
      return null;
    } finally {
      this.busy = false;
    }
  }

  fail(e: unknown): void {
    this.error = toApiError(e);
  }
}
