// The only way the UI reaches the core: typed wrappers over the shell's four
// commands. Shapes come from the generated bindings, so a wrong field or command
// name fails the typecheck, not the counter.
import { invoke } from "@tauri-apps/api/core";
import type { CommandName, Commands } from "./bindings/commands";
import type { AppInfo } from "./bindings/AppInfo";
import type { DocumentRequest } from "./bindings/DocumentRequest";
import type { Error as CoreError } from "./bindings/Error";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { Lang } from "./bindings/Lang";
import type { SavedDocument } from "./bindings/SavedDocument";

/** A refusal from the core: a stable code, both messages, and the field at fault. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly messageZh: string;
  readonly field: string | null;
  constructor(e: CoreError) {
    super(e.message);
    this.code = e.code;
    this.messageZh = e.message_zh;
    this.field = e.field ?? null;
  }
}

function isCoreError(e: unknown): e is CoreError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e && "message_zh" in e;
}

/** Turns whatever a command threw into an ApiError (a crash becomes `internal`). */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (isCoreError(e)) return new ApiError(e);
  const text = e instanceof Error ? e.message : String(e);
  return new ApiError({ code: "internal", message: text, message_zh: text, field: null });
}

async function run<T>(cmd: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toApiError(e);
  }
}

/** Runs one command of the core's list. */
export function call<K extends CommandName>(command: K, input: Commands[K]["input"]): Promise<Commands[K]["output"]> {
  return run("call", { command, input });
}

/** Renders a document, saves it under Documents/Jobcard, and opens or prints it. */
export function document(request: DocumentRequest): Promise<SavedDocument> {
  return run("document", { request });
}

export function startDemo(lang: Lang): Promise<void> {
  return run("start_demo", { lang });
}

export function appInfo(): Promise<AppInfo> {
  return run("app_info", {});
}
