// Printing a document from any tab: the shell saves the PDF and prints or opens
// it. Prints run side by side (the core takes them in turn): a second click
// while the first is rendering must not be lost. What was saved and the last
// refusal are kept here for the print panel to show.
import { ApiError, document as printDoc, toApiError } from "./api";
import type { Kind } from "./bindings/Kind";
import type { Paper } from "./bindings/Paper";
import type { SavedDocument } from "./bindings/SavedDocument";

export const printing = $state<{ saved: SavedDocument[]; error: ApiError | null }>({ saved: [], error: null });

export async function print(kind: Kind, number: string, paper: Paper | null = null): Promise<void> {
  try {
    const r = await printDoc({ document: { kind, number, lang: null, paper }, action: "print" });
    printing.saved = [r, ...printing.saved.filter((s) => s.path !== r.path)];
    printing.error = null;
  } catch (e) {
    printing.error = toApiError(e);
  }
}

/** A new job's print panel starts empty. */
export function clearPrinted(): void {
  printing.saved = [];
  printing.error = null;
}
