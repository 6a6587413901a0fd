// The only way the UI reaches the core: typed wrappers over the shell's
// commands. Shapes come from the generated bindings, so a wrong field or command
// name fails the typecheck, not the counter.
import { invoke } from "@tauri-apps/api/core";
import type { ServerAddress } from "./bindings/ServerAddress";
import type { ServerProbe } from "./bindings/ServerProbe";
import type { WhereKept } from "./bindings/WhereKept";
import type { MoveProgress } from "./bindings/MoveProgress";
import type { TableCheck } from "./bindings/TableCheck";
import type { CommandName, Commands } from "./bindings/commands";
import type { AppInfo } from "./bindings/AppInfo";
import type { DocumentRequest } from "./bindings/DocumentRequest";
import type { Error as CoreError } from "./bindings/Error";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { Lang } from "./bindings/Lang";
import type { SavedDocument } from "./bindings/SavedDocument";
import type { Authorisation } from "./bindings/Authorisation";
import type { SessionInfo } from "./bindings/SessionInfo";
import type { BackupStatus } from "./bindings/BackupStatus";
import type { BackupRecord } from "./bindings/BackupRecord";
import type { BackupFile } from "./bindings/BackupFile";
import type { Restored } from "./bindings/Restored";
import type { CopyProgress } from "./bindings/CopyProgress";
import type { FileReport } from "./bindings/FileReport";
import type { SavedFile } from "./bindings/SavedFile";
import type { ExportRequest } from "./bindings/ExportRequest";
import type { ArchiveRequest } from "./bindings/ArchiveRequest";

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

/**
 * Who is asked for a manager's PIN when the signed-in person may not do
 * something: the app sets it (a dialog); it answers null when nobody gave one.
 */
let askManager: (e: ApiError) => Promise<Authorisation | null> = async () => null;

export function setManagerPrompt(prompt: (e: ApiError) => Promise<Authorisation | null>): void {
  askManager = prompt;
}

/** Whether a manager's PIN could allow what was refused (a permission, a discount above the limit). */
export function authorisable(e: ApiError): boolean {
  return e.code === "forbidden" && (e.field === "staff_id" || e.field === "discount_bp");
}

/**
 * Called when the core says nobody is signed in (idle lock, a restore at another
 * counter) with its words: the app shows the sign-in screen and why.
 */
let onSignedOut: (why: ApiError) => void = () => {};

export function setSignedOutHandler(f: (why: ApiError) => void): void {
  onSignedOut = f;
}

/**
 * Runs a write and then a read in one round trip (the read only when the write
 * succeeded): what a screen does when it must show the result at once.
 */
export async function callThenRead<K extends CommandName, R extends CommandName>(
  command: K,
  input: Commands[K]["input"],
  read: R,
  readInput: Commands[R]["input"],
): Promise<[Commands[K]["output"], Commands[R]["output"]]> {
  try {
    return await run("call_then_read", { command, input, read, readInput });
  } catch (e) {
    // A refusal a manager may allow (a discount above the limit): their PIN, then the two steps.
    return orManager(e, async (by) => [await run("call", { command, input, authorise: by }), await call(read, readInput)]);
  }
}

/**
 * After a refusal: signs out when the session ended; when a manager could allow
 * it, asks for their PIN and runs `again` with it; otherwise throws it.
 */
async function orManager<T>(e: unknown, again: (by: Authorisation) => Promise<T>): Promise<T> {
  const err = toApiError(e);
  if (err.code === "sign_in_required") onSignedOut(err);
  if (!authorisable(err)) throw err;
  const by = await askManager(err);
  if (!by) throw err;
  return again(by);
}

/**
 * Runs one command of the core's list as the signed-in person. A refusal a
 * manager could allow asks for their PIN and runs it once more with it.
 */
export async function call<K extends CommandName>(command: K, input: Commands[K]["input"]): Promise<Commands[K]["output"]> {
  try {
    return await run("call", { command, input, authorise: null });
  } catch (e) {
    return orManager(e, (by) => run("call", { command, input, authorise: by }));
  }
}

export function signIn(staffId: number, secret: string): Promise<SessionInfo> {
  return run("sign_in", { staffId, secret });
}

export function signOut(): Promise<void> {
  return run("sign_out", {});
}

export function currentSession(): Promise<SessionInfo | null> {
  return run("session", {});
}

export function backupStatus(): Promise<BackupStatus> {
  return run("backup_status", {});
}

export function backupNow(): Promise<BackupRecord> {
  return run("backup_now", {});
}

export function backupProgress(): Promise<CopyProgress | null> {
  return run("backup_progress", {});
}

export function backupList(): Promise<BackupFile[]> {
  return run("backup_list", {});
}

/** A sealed backup opens with `passphrase`, or with the shop's own when none is given. */
export function backupInspect(path: string, passphrase: string | null): Promise<FileReport> {
  return run("backup_inspect", { path, passphrase });
}

export function restore(path: string, passphrase: string | null): Promise<Restored> {
  return run("restore", { path, passphrase });
}

/** Where this counter keeps the shop: its file on this PC, or the shop's server. */
export function serverWhere(): Promise<WhereKept> {
  return run("server_where", {});
}

/** Reaches a server and says what it holds; writes nothing. */
export function serverProbe(address: ServerAddress): Promise<ServerProbe> {
  return run("server_probe", { address });
}

/** Works on a server that already holds this shop. */
export function serverUse(address: ServerAddress): Promise<WhereKept> {
  return run("server_use", { address });
}

/** Moves this shop's file onto the empty server (every table compared), then works there. */
export function serverMove(address: ServerAddress): Promise<TableCheck[]> {
  return run("server_move", { address });
}

export function serverMoveProgress(): Promise<MoveProgress | null> {
  return run("server_move_progress", {});
}

/** Back to the shop file on this PC. */
export function serverLeave(): Promise<WhereKept> {
  return run("server_leave", {});
}

/** Renders a document, saves it under Documents/Jobcard, and opens or prints it. */
export function document(request: DocumentRequest): Promise<SavedDocument> {
  return run("document", { request });
}

export function startDemo(lang: Lang): Promise<void> {
  return run("start_demo", { lang });
}

/**
 * Whether another counter or a command-line call changed the shop since last
 * asked. When another counter restored the shop from a backup, the person
 * signed in here is signed out (their PIN may be another now): the counter locks.
 */
export async function changedElsewhere(): Promise<boolean> {
  try {
    return await run("changed_elsewhere", {});
  } catch (e) {
    const err = toApiError(e);
    if (err.code === "sign_in_required") onSignedOut(err);
    throw err;
  }
}

export function appInfo(): Promise<AppInfo> {
  return run("app_info", {});
}

/** Imports the file as previewed (all or nothing); `importProgress` says how far it is. */
export async function importCommit(input: Commands["import.commit"]["input"]): Promise<Commands["import.commit"]["output"]> {
  try {
    return await run("import_commit", { input, authorise: null });
  } catch (e) {
    const err = toApiError(e);
    if (err.code === "sign_in_required") onSignedOut(err);
    throw err;
  }
}

export function importProgress(): Promise<CopyProgress | null> {
  return run("import_progress", {});
}

/** A period's records as CSV or Excel, saved under Documents/Jobcard/Exports. */
export function exportFile(request: ExportRequest): Promise<SavedFile> {
  return run("export_file", { request });
}

/** A job's full record as a ZIP, saved under Documents/Jobcard/Records. */
export function archiveJob(request: ArchiveRequest): Promise<SavedFile> {
  return run("archive_job", { request });
}
