// Words for the care codes (calls, surveys, complaints), in the current language.
import { t } from "./i18n.svelte";
import type { CallOutcome } from "./bindings/CallOutcome";
import type { CallbackState } from "./bindings/CallbackState";
import type { ComplaintCategory } from "./bindings/ComplaintCategory";
import type { ComplaintSource } from "./bindings/ComplaintSource";
import type { ComplaintStep } from "./bindings/ComplaintStep";
import type { SurveyStage } from "./bindings/SurveyStage";
import type { Channel } from "./bindings/Channel";
import type { PreferredTime } from "./bindings/PreferredTime";

export const OUTCOMES: Record<CallOutcome, string> = {
  reached: "Reached",
  no_answer: "No answer",
  wrong_number: "Wrong number",
  call_back: "Call back later",
};
export const CALL_STATES: Record<CallbackState, string> = {
  open: "Open",
  missed: "Missed",
  reached: "Reached",
  unreachable: "Unreachable",
  cancelled: "Cancelled (no calls)",
};
export const CATEGORIES: Record<ComplaintCategory, string> = {
  product_quality: "Product quality",
  repair_quality: "Repair quality",
  reception_manner: "Reception manner",
  price: "Pricing",
  waiting_time: "Waiting time",
  parts: "Parts",
  other: "Other",
};
export const SOURCES: Record<ComplaintSource, string> = {
  counter: "At the counter",
  phone: "By phone",
  callback: "On a follow-up call",
  message: "By message",
  letter: "By letter",
};
export const STEPS: Record<ComplaintStep, string> = {
  received: "Complaint received",
  clarified: "Clarified",
  resolution_agreed: "Resolution agreed",
  action_taken: "Action taken",
  thanked: "Customer thanked, result confirmed",
  root_cause: "Root cause analysed",
  loop_confirmed: "Loop confirmed by a second call",
  closed: "Closed",
};
export const STEP_ORDER: ComplaintStep[] = [
  "received",
  "clarified",
  "resolution_agreed",
  "action_taken",
  "thanked",
  "root_cause",
  "loop_confirmed",
  "closed",
];
export const STAGES: Record<SurveyStage, string> = {
  invitation: "Service invitation",
  reception: "Reception courtesy",
  explanation: "Explaining the work and price",
  waiting: "The wait",
  settlement: "Settlement and handover",
  quality: "Repair quality",
};
export const STAGE_ORDER: SurveyStage[] = ["invitation", "reception", "explanation", "waiting", "settlement", "quality"];
export const LEVELS: Record<number, string> = {
  1: "1 · A remark (72 h)",
  2: "2 · A complaint (48 h)",
  3: "3 · A serious complaint (24 h)",
  4: "4 · Threatens to go elsewhere (4 h)",
  5: "5 · Beyond the shop: authorities, press (at once)",
};
export const CHANNELS: Record<Channel, string> = { phone: "Phone", sms: "SMS", wechat: "WeChat", email: "Email" };
export const TIMES: Record<PreferredTime, string> = { morning: "Mornings", afternoon: "Afternoons", any: "Any time" };

export const careWord = <K extends string>(table: Record<K, string>, k: K): string => t(table[k]);
