// Words for the core's enum values, in the current language.
import { t } from "./i18n.svelte";
import type { JobState } from "./bindings/JobState";
import type { LineKind } from "./bindings/LineKind";
import type { LineStatus } from "./bindings/LineStatus";
import type { WorkState } from "./bindings/WorkState";
import type { PartKind } from "./bindings/PartKind";
import type { Method } from "./bindings/Method";
import type { Condition } from "./bindings/Condition";
import type { PaymentMethod } from "./bindings/PaymentMethod";
import type { PaymentStatus } from "./bindings/PaymentStatus";
import type { OldParts } from "./bindings/OldParts";
import type { OldPartFate } from "./bindings/OldPartFate";
import type { RepairCategory } from "./bindings/RepairCategory";
import type { Validity } from "./bindings/Validity";
import type { Role } from "./bindings/Role";
import type { CustomerKind } from "./bindings/CustomerKind";
import type { Source } from "./bindings/Source";
import type { AckMethod } from "./bindings/AckMethod";
import type { Decision } from "./bindings/Decision";
import type { Permission } from "./bindings/Permission";

export const STATES: Record<JobState, string> = {
  received: "Received",
  inspected: "Inspected",
  estimated: "Estimated",
  awaiting_approval: "Awaiting approval",
  approved: "Approved",
  in_work: "In work",
  waiting_parts: "Waiting for parts",
  quality_check: "Quality check",
  ready: "Ready",
  invoiced: "Invoiced",
  delivered: "Delivered",
  cancelled: "Cancelled",
};

export const stateLabel = (s: JobState): string => t(STATES[s]);

// One table per enum of the core, typed by its binding: a variant added in Rust
// without its words here fails the typecheck.
const LINE_KINDS: Record<LineKind, string> = { labour: "Labour", part: "Part", other: "Other" };
const LINE_STATUSES: Record<LineStatus, string> = { proposed: "Proposed", approved: "Approved", declined: "Declined", removed: "Removed" };
const WORK_STATES: Record<WorkState, string> = { not_started: "Not started", started: "Started", done: "Done" };
const PART_KINDS: Record<PartKind, string> = {
  new_oem: "New (OEM)",
  new_aftermarket: "New (aftermarket)",
  used: "Used",
  rebuilt: "Rebuilt",
  customer_supplied: "Customer's own",
};
const METHODS: Record<Method, string> = { in_person: "In person", phone: "Phone", electronic: "Electronic" };
const CONDITIONS: Record<Condition, string> = {
  ok: "OK",
  pre_existing_damage: "Existing damage",
  fault_found: "Fault found",
  not_checked: "Not checked",
};
const PAYMENT_METHODS: Record<PaymentMethod, string> = {
  cash: "Cash",
  card: "Card",
  bank_transfer: "Bank transfer",
  wechat_pay: "WeChat Pay",
  alipay: "Alipay",
  other: "Other",
};
const PAYMENT_STATUSES: Record<PaymentStatus, string> = {
  unpaid: "Unpaid",
  part_paid: "Part paid",
  paid: "Paid",
  refund_due: "Refund due",
};
const OLD_PARTS: Record<OldParts, string> = {
  return_to_customer: "Return old parts to the customer",
  discard: "Shop disposes of old parts",
};
const OLD_PART_FATES: Record<OldPartFate, string> = {
  returned_to_customer: "Returned to customer",
  shown_not_returnable: "Shown, not returnable",
  waived_by_customer: "Customer waived",
  scrapped: "Scrapped",
};
const REPAIR_CATEGORIES: Record<RepairCategory, string> = {
  vehicle_major: "Major repair",
  vehicle_level2: "Level-2 maintenance",
  vehicle_minor: "Minor repair",
  appliance: "Appliance",
  electronics: "Electronics",
};
const VALIDITIES: Record<Validity, string> = { valid: "Valid", expired: "Expired", not_started: "Not started" };
const ROLES: Record<Role, string> = { counter: "Counter", technician: "Technician", inspector: "Inspector", manager: "Manager" };
const CUSTOMER_KINDS: Record<CustomerKind, string> = { person: "Person", business: "Business" };
const SOURCES: Record<Source, string> = { stock: "From stock", supplier: "Bought in", customer: "Customer's own" };
const ACK_METHODS: Record<AckMethod, string> = { signature: "Signature", verbal: "Verbal", electronic: "Electronic" };
const DECISIONS: Record<Decision, string> = { approved: "Approved", declined: "Declined" };
/** What each permission allows, as the permissions table names it. */
const PERMISSIONS: Record<Permission, string> = {
  receive: "Receive customers and items",
  estimate: "Write estimates",
  approve: "Record approvals",
  payment: "Invoices and payments",
  dispatch: "Assign work, hand over to the check",
  work: "Work on jobs",
  consume: "Take parts for a job",
  stock: "Keep the parts stock",
  check: "Quality checks",
  cancel: "Cancel jobs",
  discount: "Discounts above the counter limit",
  credit_note: "Credit notes",
  care: "Follow-up calls, surveys and complaints",
  data: "Import and export data, job records",
  settings: "Settings, backups, permissions",
  staff: "Staff and their PINs",
};
export const permissionLabel = (p: Permission): string => t(PERMISSIONS[p]);

/** Words the core sends as free codes (stock movement kinds, item classes). */
const OTHER_CODES: Record<string, string> = {
  not_started_cover: "Not started",
  car: "Car",
  motorcycle: "Motorcycle",
  other_vehicle: "Other vehicle",
  vehicle: "Vehicle",
  device: "Device",
  receipt: "Booked in",
  consumption: "Used on a job",
  return: "Returned to stock",
  adjustment: "Count corrected",
};

export const WORDS: Record<string, string> = {
  ...LINE_KINDS,
  ...LINE_STATUSES,
  ...WORK_STATES,
  ...PART_KINDS,
  ...METHODS,
  ...CONDITIONS,
  ...PAYMENT_METHODS,
  ...PAYMENT_STATUSES,
  ...OLD_PARTS,
  ...OLD_PART_FATES,
  ...REPAIR_CATEGORIES,
  ...VALIDITIES,
  ...ROLES,
  ...CUSTOMER_KINDS,
  ...SOURCES,
  ...ACK_METHODS,
  ...DECISIONS,
  ...OTHER_CODES,
};

/** The label of an enum value (line kinds, statuses, methods...). */
export const word = (v: string | null | undefined): string => (v ? t(WORDS[v] ?? v) : "");
