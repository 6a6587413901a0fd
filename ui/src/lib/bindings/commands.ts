// Generated from src/api/list.rs by `jobcard bindings`. Do not edit by hand.

import type { Acknowledge } from "./Acknowledge";
import type { AddLine } from "./AddLine";
import type { AddPhoto } from "./AddPhoto";
import type { AdjustStock } from "./AdjustStock";
import type { Answers } from "./Answers";
import type { AppInfo } from "./AppInfo";
import type { ApplyCanned } from "./ApplyCanned";
import type { Appointment } from "./Appointment";
import type { AppointmentAction } from "./AppointmentAction";
import type { AppointmentDetail } from "./AppointmentDetail";
import type { AppointmentRef } from "./AppointmentRef";
import type { ApprovalRecord } from "./ApprovalRecord";
import type { ArchiveRequest } from "./ArchiveRequest";
import type { Arrivals } from "./Arrivals";
import type { Arrive } from "./Arrive";
import type { Arrived } from "./Arrived";
import type { Assign } from "./Assign";
import type { AuditEntry } from "./AuditEntry";
import type { Authorisation } from "./Authorisation";
import type { BackupFile } from "./BackupFile";
import type { BackupSealing } from "./BackupSealing";
import type { BackupStatus } from "./BackupStatus";
import type { Board } from "./Board";
import type { BoardInput } from "./BoardInput";
import type { Book } from "./Book";
import type { BookDay } from "./BookDay";
import type { BookRange } from "./BookRange";
import type { Booked } from "./Booked";
import type { CallRecorded } from "./CallRecorded";
import type { CallRow } from "./CallRow";
import type { Callback } from "./Callback";
import type { CallsFor } from "./CallsFor";
import type { CallsToday } from "./CallsToday";
import type { CancelJob } from "./CancelJob";
import type { CannedFromJob } from "./CannedFromJob";
import type { CannedJob } from "./CannedJob";
import type { Card } from "./Card";
import type { CardStatus } from "./CardStatus";
import type { ChainReport } from "./ChainReport";
import type { ChangePromise } from "./ChangePromise";
import type { ChecklistItem } from "./ChecklistItem";
import type { Claim } from "./Claim";
import type { Claimed } from "./Claimed";
import type { Clock } from "./Clock";
import type { CloseDay } from "./CloseDay";
import type { Complaint } from "./Complaint";
import type { ComplaintCategory } from "./ComplaintCategory";
import type { ComplaintFacts } from "./ComplaintFacts";
import type { ComplaintFilter } from "./ComplaintFilter";
import type { ComplaintRef } from "./ComplaintRef";
import type { ComplaintSource } from "./ComplaintSource";
import type { ComplaintStep } from "./ComplaintStep";
import type { Consume } from "./Consume";
import type { ContactPreference } from "./ContactPreference";
import type { ContactRecorded } from "./ContactRecorded";
import type { CopyProgress } from "./CopyProgress";
import type { Cover } from "./Cover";
import type { CreateCustomer } from "./CreateCustomer";
import type { CreateItem } from "./CreateItem";
import type { CreatePart } from "./CreatePart";
import type { Credit } from "./Credit";
import type { CreditNoteDocument } from "./CreditNoteDocument";
import type { CreditNoteRef } from "./CreditNoteRef";
import type { Customer } from "./Customer";
import type { CustomerDetail } from "./CustomerDetail";
import type { CustomerId } from "./CustomerId";
import type { CustomerRef } from "./CustomerRef";
import type { DayEnd } from "./DayEnd";
import type { DayRef } from "./DayRef";
import type { Deliver } from "./Deliver";
import type { DocumentKind } from "./DocumentKind";
import type { DocumentRequest } from "./DocumentRequest";
import type { Entry } from "./Entry";
import type { Error } from "./Error";
import type { ExportRequest } from "./ExportRequest";
import type { FileReport } from "./FileReport";
import type { HistoryOf } from "./HistoryOf";
import type { Hit } from "./Hit";
import type { HitKind } from "./HitKind";
import type { ImportDone } from "./ImportDone";
import type { ImportFile } from "./ImportFile";
import type { ImportPreview } from "./ImportPreview";
import type { Inspection } from "./Inspection";
import type { InvoiceRef } from "./InvoiceRef";
import type { InvoiceView } from "./InvoiceView";
import type { Issue } from "./Issue";
import type { Issued } from "./Issued";
import type { Item } from "./Item";
import type { ItemDetail } from "./ItemDetail";
import type { ItemId } from "./ItemId";
import type { Job } from "./Job";
import type { JobAction } from "./JobAction";
import type { JobCalls } from "./JobCalls";
import type { JobDetail } from "./JobDetail";
import type { JobRef } from "./JobRef";
import type { JobState } from "./JobState";
import type { KpiPeriod } from "./KpiPeriod";
import type { Kpis } from "./Kpis";
import type { LatestEntries } from "./LatestEntries";
import type { Line } from "./Line";
import type { LineAction } from "./LineAction";
import type { LineCover } from "./LineCover";
import type { LineInput } from "./LineInput";
import type { LineKind } from "./LineKind";
import type { LineStatus } from "./LineStatus";
import type { ListStaff } from "./ListStaff";
import type { Lookup } from "./Lookup";
import type { MarkDamage } from "./MarkDamage";
import type { MarkDemo } from "./MarkDemo";
import type { Method } from "./Method";
import type { Move } from "./Move";
import type { MoveProgress } from "./MoveProgress";
import type { NewStaff } from "./NewStaff";
import type { NoInput } from "./NoInput";
import type { OfferRecommendation } from "./OfferRecommendation";
import type { OldPartFate } from "./OldPartFate";
import type { OpenComplaint } from "./OpenComplaint";
import type { Part } from "./Part";
import type { PartDetail } from "./PartDetail";
import type { PartId } from "./PartId";
import type { PartKind } from "./PartKind";
import type { Pay } from "./Pay";
import type { PaymentStatus } from "./PaymentStatus";
import type { Permission } from "./Permission";
import type { Photo } from "./Photo";
import type { PhotoAdded } from "./PhotoAdded";
import type { PhotoId } from "./PhotoId";
import type { ProposeFromFinding } from "./ProposeFromFinding";
import type { Qty } from "./Qty";
import type { QualityCheck } from "./QualityCheck";
import type { Receive } from "./Receive";
import type { ReceiveStock } from "./ReceiveStock";
import type { Received } from "./Received";
import type { RecordApproval } from "./RecordApproval";
import type { RecordCall } from "./RecordCall";
import type { RecordCheck } from "./RecordCheck";
import type { RecordContact } from "./RecordContact";
import type { RecordFapiao } from "./RecordFapiao";
import type { RecordFinding } from "./RecordFinding";
import type { RecordOdometer } from "./RecordOdometer";
import type { RecordSurvey } from "./RecordSurvey";
import type { Refund } from "./Refund";
import type { ReminderList } from "./ReminderList";
import type { ReminderRange } from "./ReminderRange";
import type { RemoveLine } from "./RemoveLine";
import type { RemoveMark } from "./RemoveMark";
import type { RenderInput } from "./RenderInput";
import type { Rendered } from "./Rendered";
import type { ReportPeriod } from "./ReportPeriod";
import type { Restored } from "./Restored";
import type { ReturnToStock } from "./ReturnToStock";
import type { Role } from "./Role";
import type { RolePermissions } from "./RolePermissions";
import type { SatisfactionReport } from "./SatisfactionReport";
import type { SaveCannedJob } from "./SaveCannedJob";
import type { SavedDocument } from "./SavedDocument";
import type { SavedFile } from "./SavedFile";
import type { SearchInput } from "./SearchInput";
import type { SearchParts } from "./SearchParts";
import type { SecretSet } from "./SecretSet";
import type { ServerAddress } from "./ServerAddress";
import type { ServerProbe } from "./ServerProbe";
import type { SessionInfo } from "./SessionInfo";
import type { SetBackupPassphrase } from "./SetBackupPassphrase";
import type { SetCategory } from "./SetCategory";
import type { SetContact } from "./SetContact";
import type { SetDiscount } from "./SetDiscount";
import type { SetIntake } from "./SetIntake";
import type { SetOldPartFate } from "./SetOldPartFate";
import type { SetPermissions } from "./SetPermissions";
import type { SetSecret } from "./SetSecret";
import type { SetSublet } from "./SetSublet";
import type { Setup } from "./Setup";
import type { ShopSettings } from "./ShopSettings";
import type { ShopStatus } from "./ShopStatus";
import type { Snooze } from "./Snooze";
import type { Snoozed } from "./Snoozed";
import type { Staff } from "./Staff";
import type { StartInspection } from "./StartInspection";
import type { StepRecord } from "./StepRecord";
import type { Sublet } from "./Sublet";
import type { Submit } from "./Submit";
import type { Survey } from "./Survey";
import type { SurveyOf } from "./SurveyOf";
import type { SurveyTaken } from "./SurveyTaken";
import type { SurveyVia } from "./SurveyVia";
import type { TableCheck } from "./TableCheck";
import type { TakeStep } from "./TakeStep";
import type { TellReady } from "./TellReady";
import type { TransferItem } from "./TransferItem";
import type { UpdateCustomer } from "./UpdateCustomer";
import type { UpdateItem } from "./UpdateItem";
import type { UpdateLine } from "./UpdateLine";
import type { UpdatePart } from "./UpdatePart";
import type { UpdateSettings } from "./UpdateSettings";
import type { UpdateStaff } from "./UpdateStaff";
import type { WaitForParts } from "./WaitForParts";
import type { WhereKept } from "./WhereKept";
import type { WorkState } from "./WorkState";
export type { Acknowledge };
export type { AddLine };
export type { AddPhoto };
export type { AdjustStock };
export type { Answers };
export type { AppInfo };
export type { ApplyCanned };
export type { Appointment };
export type { AppointmentAction };
export type { AppointmentDetail };
export type { AppointmentRef };
export type { ApprovalRecord };
export type { ArchiveRequest };
export type { Arrivals };
export type { Arrive };
export type { Arrived };
export type { Assign };
export type { AuditEntry };
export type { Authorisation };
export type { BackupFile };
export type { BackupSealing };
export type { BackupStatus };
export type { Board };
export type { BoardInput };
export type { Book };
export type { BookDay };
export type { BookRange };
export type { Booked };
export type { CallRecorded };
export type { CallRow };
export type { Callback };
export type { CallsFor };
export type { CallsToday };
export type { CancelJob };
export type { CannedFromJob };
export type { CannedJob };
export type { Card };
export type { CardStatus };
export type { ChainReport };
export type { ChangePromise };
export type { ChecklistItem };
export type { Claim };
export type { Claimed };
export type { Clock };
export type { CloseDay };
export type { Complaint };
export type { ComplaintCategory };
export type { ComplaintFacts };
export type { ComplaintFilter };
export type { ComplaintRef };
export type { ComplaintSource };
export type { ComplaintStep };
export type { Consume };
export type { ContactPreference };
export type { ContactRecorded };
export type { CopyProgress };
export type { Cover };
export type { CreateCustomer };
export type { CreateItem };
export type { CreatePart };
export type { Credit };
export type { CreditNoteDocument };
export type { CreditNoteRef };
export type { Customer };
export type { CustomerDetail };
export type { CustomerId };
export type { CustomerRef };
export type { DayEnd };
export type { DayRef };
export type { Deliver };
export type { DocumentKind };
export type { DocumentRequest };
export type { Entry };
export type { Error };
export type { ExportRequest };
export type { FileReport };
export type { HistoryOf };
export type { Hit };
export type { HitKind };
export type { ImportDone };
export type { ImportFile };
export type { ImportPreview };
export type { Inspection };
export type { InvoiceRef };
export type { InvoiceView };
export type { Issue };
export type { Issued };
export type { Item };
export type { ItemDetail };
export type { ItemId };
export type { Job };
export type { JobAction };
export type { JobCalls };
export type { JobDetail };
export type { JobRef };
export type { JobState };
export type { KpiPeriod };
export type { Kpis };
export type { LatestEntries };
export type { Line };
export type { LineAction };
export type { LineCover };
export type { LineInput };
export type { LineKind };
export type { LineStatus };
export type { ListStaff };
export type { Lookup };
export type { MarkDamage };
export type { MarkDemo };
export type { Method };
export type { Move };
export type { MoveProgress };
export type { NewStaff };
export type { NoInput };
export type { OfferRecommendation };
export type { OldPartFate };
export type { OpenComplaint };
export type { Part };
export type { PartDetail };
export type { PartId };
export type { PartKind };
export type { Pay };
export type { PaymentStatus };
export type { Permission };
export type { Photo };
export type { PhotoAdded };
export type { PhotoId };
export type { ProposeFromFinding };
export type { Qty };
export type { QualityCheck };
export type { Receive };
export type { ReceiveStock };
export type { Received };
export type { RecordApproval };
export type { RecordCall };
export type { RecordCheck };
export type { RecordContact };
export type { RecordFapiao };
export type { RecordFinding };
export type { RecordOdometer };
export type { RecordSurvey };
export type { Refund };
export type { ReminderList };
export type { ReminderRange };
export type { RemoveLine };
export type { RemoveMark };
export type { RenderInput };
export type { Rendered };
export type { ReportPeriod };
export type { Restored };
export type { ReturnToStock };
export type { Role };
export type { RolePermissions };
export type { SatisfactionReport };
export type { SaveCannedJob };
export type { SavedDocument };
export type { SavedFile };
export type { SearchInput };
export type { SearchParts };
export type { SecretSet };
export type { ServerAddress };
export type { ServerProbe };
export type { SessionInfo };
export type { SetBackupPassphrase };
export type { SetCategory };
export type { SetContact };
export type { SetDiscount };
export type { SetIntake };
export type { SetOldPartFate };
export type { SetPermissions };
export type { SetSecret };
export type { SetSublet };
export type { Setup };
export type { ShopSettings };
export type { ShopStatus };
export type { Snooze };
export type { Snoozed };
export type { Staff };
export type { StartInspection };
export type { StepRecord };
export type { Sublet };
export type { Submit };
export type { Survey };
export type { SurveyOf };
export type { SurveyTaken };
export type { SurveyVia };
export type { TableCheck };
export type { TakeStep };
export type { TellReady };
export type { TransferItem };
export type { UpdateCustomer };
export type { UpdateItem };
export type { UpdateLine };
export type { UpdatePart };
export type { UpdateSettings };
export type { UpdateStaff };
export type { WaitForParts };
export type { WhereKept };
export type { WorkState };

/** Every command of the core: its input and its output. */
export type Commands = {
  /** First start: shop details and the first manager */
  "shop.setup": { input: Setup; output: Staff };
  /** Whether the shop is set up (first start shows setup or the demo) */
  "shop.status": { input: NoInput; output: ShopStatus };
  /** Mark the shop as the demo: its sign-in screen shows its PINs */
  "shop.mark_demo": { input: MarkDemo; output: ShopStatus };
  /** The settings a new shop starts from (first start, before anyone can sign in) */
  "settings.defaults": { input: NoInput; output: ShopSettings };
  /** The shop's settings */
  "settings.get": { input: NoInput; output: ShopSettings };
  /** The bill the shop issues (its choice, or by its currency) */
  "settings.document_kind": { input: NoInput; output: DocumentKind };
  /** Change the shop's settings (manager) */
  "settings.update": { input: UpdateSettings; output: ShopSettings };
  /** Seal new backups with the shop's passphrase (or stop, with none) */
  "backup.set_passphrase": { input: SetBackupPassphrase; output: BackupSealing };
  /** Staff members */
  "staff.list": { input: ListStaff; output: Array<Staff> };
  /** Add a staff member (manager) */
  "staff.add": { input: NewStaff; output: Staff };
  /** Change a staff member's name, roles or active flag (manager) */
  "staff.update": { input: UpdateStaff; output: Staff };
  /** Set a PIN or password: your own, or anyone's with the staff permission */
  "staff.set_secret": { input: SetSecret; output: SecretSet };
  /** Which staff have a PIN or password */
  "staff.with_secret": { input: NoInput; output: Array<number> };
  /** What each role may do */
  "access.permissions": { input: NoInput; output: Array<RolePermissions> };
  /** Change what each role may do (manager) */
  "access.set_permissions": { input: SetPermissions; output: Array<RolePermissions> };
  /** Walk the audit chain and name the first entry that does not match */
  "audit.verify": { input: NoInput; output: ChainReport };
  /** The newest audit entries */
  "audit.latest": { input: LatestEntries; output: Array<AuditEntry> };
  /** Register a customer */
  "customer.create": { input: CreateCustomer; output: Customer };
  /** Change a customer; designated persons given are added */
  "customer.update": { input: UpdateCustomer; output: Customer };
  /** A customer with their items and jobs */
  "customer.get": { input: CustomerId; output: CustomerDetail };
  /** Register a vehicle or device for a customer */
  "item.create": { input: CreateItem; output: Item };
  /** Change an item's details */
  "item.update": { input: UpdateItem; output: Item };
  /** An item with owners, odometer readings, jobs and open recommendations */
  "item.get": { input: ItemId; output: ItemDetail };
  /** Give an item a new owner; its history stays */
  "item.transfer": { input: TransferItem; output: Item };
  /** Record an odometer reading */
  "item.record_odometer": { input: RecordOdometer; output: Item };
  /** Find customers, items and jobs by name, phone, plate, VIN, serial or job number */
  "search": { input: SearchInput; output: Array<Hit> };
  /** Reception: new or existing customer and item, complaint, promise; opens a job */
  "job.receive": { input: Receive; output: Received };
  /** Book a customer and item (existing or new) for a time, within the shop's capacity (beyond it: a manager, with a reason); lists parts the work needs that are not in stock */
  "appointment.book": { input: Book; output: Booked };
  /** An appointment with the bookings it was moved from and the parts it lacks */
  "appointment.get": { input: AppointmentRef; output: AppointmentDetail };
  /** The appointment book for a day or a week: each day's capacity, booked minutes and appointments */
  "appointment.days": { input: BookRange; output: Array<BookDay> };
  /** Today's arrivals (due, late, arrived, no-shows) and tomorrow's bookings to confirm */
  "appointment.arrivals": { input: NoInput; output: Arrivals };
  /** The customer confirmed the booking (the call the day before) */
  "appointment.confirm": { input: AppointmentAction; output: Appointment };
  /** The booked customer came: open the job at reception with everything filled in */
  "appointment.arrive": { input: Arrive; output: Arrived };
  /** The customer did not come (after the booked time) */
  "appointment.no_show": { input: AppointmentAction; output: Appointment };
  /** Cancel a booking, with the reason */
  "appointment.cancel": { input: AppointmentAction; output: Appointment };
  /** Move a booking to another time (the old one is kept as moved) */
  "appointment.move": { input: Move; output: Appointment };
  /** Service reminders due in a date range with the customer's channel (items with an open job or booking held back) */
  "reminder.list": { input: ReminderRange; output: ReminderList };
  /** Record a reminder contact: reached, not interested, not reachable or opted out (one reminder and one follow-up) */
  "reminder.record_contact": { input: RecordContact; output: ContactRecorded };
  /** Bring a reminder back on a later day */
  "reminder.snooze": { input: Snooze; output: Snoozed };
  /** The owner's figures for a period against the one before, each with its formula, and the months for the trend */
  "kpi.report": { input: KpiPeriod; output: Kpis };
  /** End of day: takings by method, invoices issued and credited, open balances, and the count if closed */
  "day_end.get": { input: DayRef; output: DayEnd };
  /** Close the day with what the drawer and terminals hold (a difference needs a note); kept as counted */
  "day_end.close": { input: CloseDay; output: DayEnd };
  /** A job with customer, item, inspection, lines, totals, approvals and history */
  "job.get": { input: JobRef; output: JobDetail };
  /** The day's board: overdue, at risk, due today, awaiting approval, ready for pickup and later, each card with its amount */
  "job.board": { input: BoardInput; output: Board };
  /** Record that the customer was told the item is ready to collect */
  "job.tell_ready": { input: TellReady; output: Job };
  /** Move the promised time, with the reason */
  "job.change_promise": { input: ChangePromise; output: Job };
  /** Cancel a job, with the reason */
  "job.cancel": { input: CancelJob; output: Job };
  /** Open the joint inspection with the item's checklist */
  "inspection.start": { input: StartInspection; output: Inspection };
  /** Set a checklist row or add a free finding */
  "inspection.record_finding": { input: RecordFinding; output: Inspection };
  /** Attach a PNG or JPEG photo to a finding */
  "inspection.add_photo": { input: AddPhoto; output: PhotoAdded };
  /** A stored photo */
  "inspection.photo": { input: PhotoId; output: Photo };
  /** All OK: mark every checklist row not yet checked as OK */
  "inspection.all_ok": { input: StartInspection; output: Inspection };
  /** Fuel level, keys and valuables left, recorded with the customer */
  "inspection.set_intake": { input: SetIntake; output: Inspection };
  /** Mark damage on the vehicle outline */
  "inspection.mark_damage": { input: MarkDamage; output: Inspection };
  /** Take a damage mark off again (before the customer acknowledges) */
  "inspection.remove_mark": { input: RemoveMark; output: Inspection };
  /** The customer acknowledges the inspection record */
  "inspection.acknowledge": { input: Acknowledge; output: Inspection };
  /** Turn a fault found into a proposed estimate line */
  "inspection.propose_line": { input: ProposeFromFinding; output: Line };
  /** Add a labour, part or other line (a supplement after approval) */
  "estimate.add_line": { input: AddLine; output: Line };
  /** Change a line (approved lines only within the approval) */
  "estimate.update_line": { input: UpdateLine; output: Line };
  /** Remove a proposed line, or an approved one not started */
  "estimate.remove_line": { input: RemoveLine; output: Line };
  /** Set the job's discount (percentage or amount) */
  "estimate.set_discount": { input: SetDiscount; output: Job };
  /** Present the estimate or supplement to the customer */
  "estimate.submit": { input: Submit; output: Job };
  /** Insert a canned job's lines */
  "estimate.apply_canned": { input: ApplyCanned; output: Array<Line> };
  /** Offer declined work again on this job */
  "estimate.offer_recommendation": { input: OfferRecommendation; output: Line };
  /** Canned jobs */
  "canned_job.list": { input: NoInput; output: Array<CannedJob> };
  /** Save a job's estimate lines (labour and parts) as a canned job */
  "canned_job.from_job": { input: CannedFromJob; output: CannedJob };
  /** Create or replace a canned job */
  "canned_job.save": { input: SaveCannedJob; output: CannedJob };
  /** Record the customer's approval or decline of lines */
  "approval.record": { input: RecordApproval; output: ApprovalRecord };
  /** Start work on an approved line */
  "work.start_line": { input: LineAction; output: Line };
  /** Mark an approved line done */
  "work.complete_line": { input: LineAction; output: Line };
  /** Assign an approved labour line to a technician */
  "work.assign": { input: Assign; output: Line };
  /** Start a technician's job clock on an approved line */
  "work.clock_on": { input: Clock; output: Line };
  /** Stop your job clock (work), or another technician's left running (dispatch) */
  "work.clock_off": { input: Clock; output: Line };
  /** Send an approved line to a subcontractor (vendor, their invoice, cost) */
  "work.sublet": { input: SetSublet; output: Line };
  /** Set the repair category (decides guarantee and certificate) */
  "work.set_category": { input: SetCategory; output: Job };
  /** The job waits for parts, with the reason */
  "work.wait_for_parts": { input: WaitForParts; output: Job };
  /** Parts arrived: back to work */
  "work.resume": { input: JobAction; output: Job };
  /** Every approved line done: hand over to quality control */
  "work.to_quality_check": { input: JobAction; output: Job };
  /** Add a part to the catalogue */
  "parts.create": { input: CreatePart; output: Part };
  /** Change a catalogue part */
  "parts.update": { input: UpdatePart; output: Part };
  /** Find parts by number, name or brand */
  "parts.search": { input: SearchParts; output: Array<Part> };
  /** A part with its latest stock movements */
  "parts.get": { input: PartId; output: PartDetail };
  /** Parts at or below their reorder level */
  "parts.low_stock": { input: NoInput; output: Array<Part> };
  /** Book stock in from a supplier (their invoice, unit cost) */
  "parts.receive": { input: ReceiveStock; output: Part };
  /** Correct stock on hand, with the reason */
  "parts.adjust": { input: AdjustStock; output: Part };
  /** Log a part used on an approved part line (within the approved quantity) */
  "parts.consume": { input: Consume; output: Line };
  /** Return an unused part from a line to stock */
  "parts.return": { input: ReturnToStock; output: Line };
  /** Record what happened to the replaced part */
  "parts.set_old_part_fate": { input: SetOldPartFate; output: Line };
  /** The quality checklist for a job's item: the standard items and the shop's own */
  "quality.checklist": { input: JobRef; output: Array<ChecklistItem> };
  /** Record the quality check: pass makes the job ready, fail sends it back */
  "quality.record": { input: RecordCheck; output: QualityCheck };
  /** Issue the invoice (and guarantee card) for a job that passed its check */
  "invoice.issue": { input: Issue; output: Issued };
  /** An invoice with payments, credit notes and balance */
  "invoice.get": { input: InvoiceRef; output: InvoiceView };
  /** Record a payment (partial allowed; cash change worked out) */
  "invoice.pay": { input: Pay; output: InvoiceView };
  /** Pay back what a credit note leaves the customer owed */
  "invoice.refund": { input: Refund; output: InvoiceView };
  /** Issue a credit note against an invoice, whole or in part (manager) */
  "invoice.credit": { input: Credit; output: CreditNoteDocument };
  /** Record the official e-fapiao number on a settlement list (China); replacing one needs a reason and the credit-note permission */
  "invoice.record_fapiao": { input: RecordFapiao; output: InvoiceView };
  /** A credit note */
  "credit_note.get": { input: CreditNoteRef; output: CreditNoteDocument };
  /** Hand the item over (after a passed check, an invoice and payment); schedules the follow-up call */
  "job.deliver": { input: Deliver; output: Job };
  /** A customer's contact preference (calls, channel, time of day) */
  "contact.get": { input: CustomerRef; output: ContactPreference };
  /** Set a customer's contact preference; no calls needs a reason and cancels open calls */
  "contact.set": { input: SetContact; output: ContactPreference };
  /** The calls list for a day: due and overdue follow-ups and loop checks, and the missed ones */
  "callback.list": { input: CallsFor; output: CallsToday };
  /** A job's calls with every attempt */
  "callback.for_job": { input: JobCalls; output: Array<CallRow> };
  /** Record a call's outcome (reached with the survey, no answer, wrong number, call back at) */
  "callback.record": { input: RecordCall; output: CallRecorded };
  /** Record a job's satisfaction survey (counter or paper); an unhappy answer opens a complaint */
  "survey.record": { input: RecordSurvey; output: SurveyTaken };
  /** A job's survey */
  "survey.get": { input: SurveyOf; output: Survey | null };
  /** Satisfaction for a period: per month, advisor, technician and stage, NPS, comments */
  "survey.report": { input: ReportPeriod; output: SatisfactionReport };
  /** Receive a complaint with the handbook's record */
  "complaint.open": { input: OpenComplaint; output: Complaint };
  /** Take a complaint's next step (in order, each with who and when) */
  "complaint.step": { input: TakeStep; output: Complaint };
  /** A complaint with its steps */
  "complaint.get": { input: ComplaintRef; output: Complaint };
  /** The complaint register, filtered */
  "complaint.list": { input: ComplaintFilter; output: Array<Complaint> };
  /** Is a card (or an item's cards) valid: days and distance left */
  "guarantee.lookup": { input: Lookup; output: Array<CardStatus> };
  /** Open a claim job under a valid card */
  "guarantee.claim": { input: Claim; output: Claimed };
  /** Everything about a customer, newest first */
  "history.customer": { input: HistoryOf; output: Array<Entry> };
  /** Everything about an item, newest first */
  "history.item": { input: HistoryOf; output: Array<Entry> };
  /** Read a CSV or Excel file of customers, items or parts: the columns guessed, what it would create, every bad row and duplicate */
  "import.preview": { input: ImportFile; output: ImportPreview };
  /** Import the file as previewed, all or nothing (refused while any row is bad; duplicates skipped) */
  "import.commit": { input: ImportFile; output: ImportDone };
  /** Print a document as PDF: ticket, estimate, invoice, credit-note, receipt, card, certificate, label */
  "documents.render": { input: RenderInput; output: Rendered };
};

export type CommandName = keyof Commands;
