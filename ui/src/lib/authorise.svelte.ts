// A manager's PIN for one action at someone else's session: `call` (api.ts)
// asks here when the core refuses something a manager could allow; the dialog
// (components/ManagerPin.svelte) answers with the manager and PIN, or nothing.
import type { ApiError } from "./api";
import type { Authorisation } from "./bindings/Authorisation";

export const asking = $state<{ error: ApiError | null; resolve: ((a: Authorisation | null) => void) | null }>({
  error: null,
  resolve: null,
});

export function askManager(error: ApiError): Promise<Authorisation | null> {
  asking.resolve?.(null);
  return new Promise((resolve) => {
    asking.error = error;
    asking.resolve = resolve;
  });
}

export function answer(a: Authorisation | null): void {
  const r = asking.resolve;
  asking.error = null;
  asking.resolve = null;
  r?.(a);
}
