// Words for the core's enum values, in the current language.
import { t } from "./i18n.svelte";
import type { JobState } from "./bindings/JobState";

export const STATES: Record<JobState, string> = {
  received: "Received", inspected: "Inspected", estimated: "Estimated", awaiting_approval: "Awaiting approval",
  approved: "Approved", in_work: "In work", waiting_parts: "Waiting for parts", quality_check: "Quality check",
  ready: "Ready", invoiced: "Invoiced", delivered: "Delivered", cancelled: "Cancelled",
};

export const stateLabel = (s: JobState): string => t(STATES[s]);

export const WORDS: Record<string, string> = {
  labour: "Labour", part: "Part", other: "Other",
  proposed: "Proposed", approved: "Approved", declined: "Declined", removed: "Removed",
  not_started: "Not started", started: "Started", done: "Done",
  new_oem: "New (OEM)", new_aftermarket: "New (aftermarket)", used: "Used", rebuilt: "Rebuilt", customer_supplied: "Customer's own",
  in_person: "In person", phone: "Phone", electronic: "Electronic",
  ok: "OK", pre_existing_damage: "Existing damage", fault_found: "Fault found", not_checked: "Not checked",
  cash: "Cash", card: "Card", bank_transfer: "Bank transfer", wechat_pay: "WeChat Pay", alipay: "Alipay",
  unpaid: "Unpaid", part_paid: "Part paid", paid: "Paid", refund_due: "Refund due",
  return_to_customer: "Return old parts to the customer", discard: "Shop disposes of old parts",
  returned_to_customer: "Returned to customer", shown_not_returnable: "Shown, not returnable", waived_by_customer: "Customer waived", scrapped: "Scrapped",
  vehicle_major: "Major repair", vehicle_level2: "Level-2 maintenance", vehicle_minor: "Minor repair", appliance: "Appliance", electronics: "Electronics",
  valid: "Valid", expired: "Expired", not_started_cover: "Not started",
  counter: "Counter", technician: "Technician", inspector: "Inspector", manager: "Manager",
  car: "Car", motorcycle: "Motorcycle", other_vehicle: "Other vehicle", vehicle: "Vehicle", device: "Device",
  person: "Person", business: "Business", stock: "From stock", supplier: "Bought in", customer: "Customer's own",
  signature: "Signature", verbal: "Verbal",
  receipt: "Booked in", consumption: "Used on a job", return: "Returned to stock", adjustment: "Count corrected",
};

/** The label of an enum value (line kinds, statuses, methods...). */
export const word = (v: string | null | undefined): string => (v ? t(WORDS[v] ?? v) : "");
