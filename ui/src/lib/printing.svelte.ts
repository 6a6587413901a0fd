// Printing a document from any tab: the shell saves the PDF and prints or opens
// it. Prints run side by side (the core takes them in turn): a second click
// while the first is rendering must not be lost. What was saved and the last
// refusal are kept here for the print panel to show.
import { ApiError, document as printDoc, toApiError } from "./api";
import type { Kind } from "./bindings/Kind";
import type { Paper } from "./bindings/Paper";
import type { SavedDocument } from "./bindings/SavedDocument";
import type { Lang } from "./bindings/Lang";

/** What was saved, the last refusal, and the language the next prints use
 * (a job's print panel starts it at the customer's own; null: the shop's). */
export const printing = $state<{ saved: SavedDocument[]; error: ApiError | null; lang: Lang | null }>({
  saved: [],
  error: null,
  lang: null,
});

export async function print(kind: Kind, number: string, paper: Paper | null = null): Promise<void> {
  try {
    const r = await printDoc({ document: { kind, number, lang: printing.lang, paper }, action: "print" });
    printing.saved = [r, ...printing.saved.filter((s) => s.path !== r.path)];
    printing.error = null;
  } catch (e) {
    printing.error = toApiError(e);
  }
}

/** A new job's print panel starts empty, in the customer's language. */
export function clearPrinted(lang: Lang | null = null): void {
  printing.saved = [];
  printing.error = null;
  printing.lang = lang;
}
