// Opening a job feels instant when its record is already on its way: the board
// asks for a job when the pointer comes to rest on its card (or the keyboard
// focuses it), and the job screen takes that answer if it is a few seconds old
// at most — anything older is asked for again. Only the board prefetches.
import { call } from "./api";
import type { JobDetail } from "./bindings/JobDetail";

const FRESH_MS = 3000;
const asked = new Map<string, { at: number; detail: Promise<JobDetail> }>();

/** Starts loading a job the clerk is about to open. */
export function prefetchJob(number: string): void {
  const hit = asked.get(number);
  if (hit && Date.now() - hit.at < FRESH_MS) return;
  const detail = call("job.get", { job: number });
  detail.catch(() => asked.delete(number));
  asked.set(number, { at: Date.now(), detail });
}

/** A job's record: the prefetched one when fresh (used once), else asked for now. */
export function loadJob(number: string): Promise<JobDetail> {
  const hit = asked.get(number);
  asked.delete(number);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.detail;
  return call("job.get", { job: number });
}
