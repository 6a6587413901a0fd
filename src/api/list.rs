//! The list of commands. Adding an operation means adding one line here; the CLI
//! (`jobcard commands`, `jobcard call`), the tests and the app all see it.
//! Each line says whether the command writes, reads, or only looks rows up by
//! their keys or a key's start (`lookup`: a read the server plans once,
//! store/mod.rs `lookup_tx`; a read within it that must be planned for its
//! values says so itself, store/driver/read.rs `planned_each_time`), and who
//! may run it.

use crate::base::error::{Error, ErrorCode, Result};
use crate::care;
use crate::ctx::{Ctx, NoInput};
use crate::documents;
use crate::exchange;
use crate::job::{
    self, approval, estimate, guarantee, handover, inspection, intake, invoice, parts, quality,
    reception, work,
};
use crate::model;
use crate::model::access::Permission;
use crate::records::{customers, items, search};
use crate::shop::{access, audit, settings, setup, staff, stock};
use crate::views::{board, book, day_end, history, job as job_view, kpi, reminder_list};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use ts_rs::{ExportError, TS};

pub struct CommandInfo {
    pub name: &'static str,
    pub summary: &'static str,
    /// Whether it writes (takes the write lock) or only reads.
    pub writes: bool,
    /// A read that looks rows up by their keys or a key's start (`lookup` in
    /// the list below): the server plans its statements once (store/mod.rs
    /// `lookup_tx`).
    pub by_key: bool,
    /// Who may run it.
    pub need: Need,
    pub input_schema: fn() -> schemars::Schema,
    pub run: fn(&Ctx, Value) -> Result<Value>,
}

/// Who may run a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Anyone, signed in or not (first start, the sign-in screen's names).
    Public,
    /// Anyone signed in.
    SignedIn,
    /// A signed-in person holding the permission (or a manager's PIN for it).
    Permission(Permission),
}

/// Commands that append to the audit chain when they succeed.
pub const AUDITED: &[&str] = &[
    "shop.setup",
    "import.commit",
    "settings.update",
    "backup.set_passphrase",
    "staff.add",
    "staff.update",
    "staff.set_secret",
    "access.set_permissions",
    "job.cancel",
    "estimate.set_discount",
    "approval.record",
    "quality.record",
    "invoice.issue",
    "invoice.pay",
    "invoice.refund",
    "invoice.credit",
    "invoice.record_fapiao",
    "job.deliver",
    "contact.set",
    "complaint.open",
    "complaint.step",
    "callback.record",
    "parts.adjust",
    "appointment.book",
    "appointment.move",
    "day_end.close",
];

/// A command's name and the TypeScript names of its input and output.
pub struct CommandTypes {
    pub name: &'static str,
    pub summary: &'static str,
    pub input: String,
    pub output: String,
}

/// Where the command types go: the bindings writer exports each type it is
/// given and answers its TypeScript name.
pub trait TypeSink {
    fn add<T: TS + 'static>(&mut self) -> std::result::Result<String, ExportError>;
}

macro_rules! command_list {
    ($( $name:literal $writes:ident $need:ident $handler:path, $input:ty => $output:ty, $doc:literal; )*) => {
        /// Every command, in the order the counter meets them.
        pub fn commands() -> Vec<CommandInfo> {
            vec![$(CommandInfo {
                name: $name,
                summary: $doc,
                writes: command_list!(@w $writes),
                by_key: command_list!(@k $writes),
                need: command_list!(@n $need),
                input_schema: || schemars::schema_for!($input),
                run: |ctx, input| {
                    let out: $output = $handler(ctx, parse_input::<$input>(input)?)?;
                    output(out)
                },
            }),*]
        }

        /// Every command's TypeScript input and output types, exporting each type
        /// (with what it refers to) into the bindings folder on the way.
        pub fn command_types<S: TypeSink>(
            out: &mut S,
        ) -> std::result::Result<Vec<CommandTypes>, ExportError> {
            Ok(vec![$(CommandTypes {
                name: $name,
                summary: $doc,
                input: out.add::<$input>()?,
                output: out.add::<$output>()?,
            }),*])
        }
    };
    (@w write) => { true };
    (@w read) => { false };
    (@w lookup) => { false };
    (@k lookup) => { true };
    (@k $other:ident) => { false };
    (@n public) => { Need::Public };
    (@n signed_in) => { Need::SignedIn };
    (@n $p:ident) => { Need::Permission(command_list!(@p $p)) };
    (@p receive) => { Permission::Receive };
    (@p estimate) => { Permission::Estimate };
    (@p approve) => { Permission::Approve };
    (@p payment) => { Permission::Payment };
    (@p work) => { Permission::Work };
    (@p dispatch) => { Permission::Dispatch };
    (@p consume) => { Permission::Consume };
    (@p stock) => { Permission::Stock };
    (@p care) => { Permission::Care };
    (@p data) => { Permission::Data };
    (@p check) => { Permission::Check };
    (@p cancel) => { Permission::Cancel };
    (@p credit_note) => { Permission::CreditNote };
    (@p settings) => { Permission::Settings };
    (@p staff) => { Permission::Staff };
}

command_list! {
    "shop.setup" write public setup::setup, setup::Setup => model::staff::Staff, "First start: shop details and the first manager";
    "shop.status" read public setup::status, NoInput => setup::ShopStatus, "Whether the shop is set up (first start shows setup or the demo)";
    "shop.mark_demo" write settings setup::mark_demo, setup::MarkDemo => setup::ShopStatus, "Mark the shop as the demo: its sign-in screen shows its PINs";
    "settings.defaults" read public settings::defaults, NoInput => model::settings::ShopSettings, "The settings a new shop starts from (first start, before anyone can sign in)";
    "settings.get" read signed_in settings::get, NoInput => model::settings::ShopSettings, "The shop's settings";
    "settings.document_kind" read signed_in settings::document_kind, NoInput => model::document_kind::DocumentKind, "The bill the shop issues (its choice, or by its currency)";
    "settings.update" write settings settings::update, settings::UpdateSettings => model::settings::ShopSettings, "Change the shop's settings (manager)";
    "backup.set_passphrase" write settings settings::set_backup_passphrase, settings::SetBackupPassphrase => settings::BackupSealing, "Seal new backups with the shop's passphrase (or stop, with none)";
    "staff.list" read public staff::list, staff::ListStaff => Vec<model::staff::Staff>, "Staff members";
    "staff.add" write staff staff::add, staff::NewStaff => model::staff::Staff, "Add a staff member (manager)";
    "staff.update" write staff staff::update, staff::UpdateStaff => model::staff::Staff, "Change a staff member's name, roles or active flag (manager)";
    "staff.set_secret" write signed_in access::set_secret, access::SetSecret => access::SecretSet, "Set a PIN or password: your own, or anyone's with the staff permission";
    "staff.with_secret" read signed_in access::with_secret, NoInput => Vec<i64>, "Which staff have a PIN or password";
    "access.permissions" read signed_in access::permissions, NoInput => Vec<model::access::RolePermissions>, "What each role may do";
    "access.set_permissions" write settings access::set_permissions, access::SetPermissions => Vec<model::access::RolePermissions>, "Change what each role may do (manager)";
    "audit.verify" read signed_in audit::verify, NoInput => model::audit::ChainReport, "Walk the audit chain and name the first entry that does not match";
    "audit.latest" read settings audit::latest, audit::LatestEntries => Vec<model::audit::AuditEntry>, "The newest audit entries";
    "customer.create" write receive customers::create, customers::CreateCustomer => model::customer::Customer, "Register a customer";
    "customer.update" write receive customers::update, customers::UpdateCustomer => model::customer::Customer, "Change a customer; designated persons given are added";
    "customer.get" read signed_in customers::get, customers::CustomerId => customers::CustomerDetail, "A customer with their items and jobs";
    "item.create" write receive items::create, items::CreateItem => model::item::Item, "Register a vehicle or device for a customer";
    "item.update" write receive items::update, items::UpdateItem => model::item::Item, "Change an item's details";
    "item.get" read signed_in items::get, items::ItemId => items::ItemDetail, "An item with owners, odometer readings, jobs and open recommendations";
    "item.transfer" write receive items::transfer, items::TransferItem => model::item::Item, "Give an item a new owner; its history stays";
    "item.record_odometer" write receive items::odometer, items::RecordOdometer => model::item::Item, "Record an odometer reading";
    "search" lookup signed_in search::search, search::SearchInput => Vec<search::Hit>, "Find customers, items and jobs by name, phone, plate, VIN, serial or job number";
    "job.receive" write receive reception::receive, reception::Receive => reception::Received, "Reception: new or existing customer and item, complaint, promise; opens a job";
    "appointment.book" write receive care::appointments::book, care::appointments::Book => care::appointments::Booked, "Book a customer and item (existing or new) for a time, within the shop's capacity (beyond it: a manager, with a reason); lists parts the work needs that are not in stock";
    "appointment.get" read signed_in book::get, book::AppointmentRef => book::AppointmentDetail, "An appointment with the bookings it was moved from and the parts it lacks";
    "appointment.days" read signed_in book::days, book::BookRange => Vec<book::BookDay>, "The appointment book for a day or a week: each day's capacity, booked minutes and appointments";
    "appointment.arrivals" lookup signed_in book::arrivals, NoInput => book::Arrivals, "Today's arrivals (due, late, arrived, no-shows) and tomorrow's bookings to confirm";
    "appointment.confirm" write receive care::appointments::confirm, care::appointments::AppointmentAction => model::appointment::Appointment, "The customer confirmed the booking (the call the day before)";
    "appointment.arrive" write receive care::arrival::arrive, care::arrival::Arrive => care::arrival::Arrived, "The booked customer came: open the job at reception with everything filled in";
    "appointment.no_show" write receive care::appointments::no_show, care::appointments::AppointmentAction => model::appointment::Appointment, "The customer did not come (after the booked time)";
    "appointment.cancel" write receive care::appointments::cancel, care::appointments::AppointmentAction => model::appointment::Appointment, "Cancel a booking, with the reason";
    "appointment.move" write receive care::appointments::move_to, care::appointments::Move => model::appointment::Appointment, "Move a booking to another time (the old one is kept as moved)";
    "reminder.list" read signed_in reminder_list::list, reminder_list::ReminderRange => reminder_list::ReminderList, "Service reminders due in a date range with the customer's channel (items with an open job or booking held back)";
    "reminder.record_contact" write care care::reminders::record_contact, care::reminders::RecordContact => care::reminders::ContactRecorded, "Record a reminder contact: reached, not interested, not reachable or opted out (one reminder and one follow-up)";
    "reminder.snooze" write care care::reminders::snooze, care::reminders::Snooze => care::reminders::Snoozed, "Bring a reminder back on a later day";
    "kpi.report" read settings kpi::report, kpi::KpiPeriod => kpi::Kpis, "The owner's figures for a period against the one before, each with its formula, and the months for the trend";
    "day_end.get" read payment day_end::get, day_end::DayRef => day_end::DayEnd, "End of day: takings by method, invoices issued and credited, open balances, and the count if closed";
    "day_end.close" write payment day_end::close, day_end::CloseDay => day_end::DayEnd, "Close the day with what the drawer and terminals hold (a difference needs a note); kept as counted";
    "job.get" lookup signed_in job_view::get, crate::job::JobRef => job_view::JobDetail, "A job with customer, item, inspection, lines, totals, approvals and history";
    "job.board" read signed_in board::board, board::BoardInput => board::Board, "The day's board: overdue, at risk, due today, awaiting approval, ready for pickup and later, each card with its amount";
    "job.tell_ready" write receive handover::tell_ready, handover::TellReady => model::job::Job, "Record that the customer was told the item is ready to collect";
    "job.change_promise" write receive reception::change_promise, reception::ChangePromise => model::job::Job, "Move the promised time, with the reason";
    "job.cancel" write cancel job::cancel, job::CancelJob => model::job::Job, "Cancel a job, with the reason";
    "inspection.start" write receive inspection::start, inspection::StartInspection => model::inspection::Inspection, "Open the joint inspection with the item's checklist";
    "inspection.record_finding" write receive inspection::record_finding, inspection::RecordFinding => model::inspection::Inspection, "Set a checklist row or add a free finding";
    "inspection.add_photo" write receive inspection::add_photo, inspection::AddPhoto => inspection::PhotoAdded, "Attach a PNG or JPEG photo to a finding";
    "inspection.photo" read signed_in inspection::photo, inspection::PhotoId => inspection::Photo, "A stored photo";
    "inspection.all_ok" write receive inspection::all_ok, inspection::StartInspection => model::inspection::Inspection, "All OK: mark every checklist row not yet checked as OK";
    "inspection.set_intake" write receive intake::set, intake::SetIntake => model::inspection::Inspection, "Fuel level, keys and valuables left, recorded with the customer";
    "inspection.mark_damage" write receive intake::mark, intake::MarkDamage => model::inspection::Inspection, "Mark damage on the vehicle outline";
    "inspection.remove_mark" write receive intake::remove, intake::RemoveMark => model::inspection::Inspection, "Take a damage mark off again (before the customer acknowledges)";
    "inspection.acknowledge" write receive inspection::acknowledge, inspection::Acknowledge => model::inspection::Inspection, "The customer acknowledges the inspection record";
    "inspection.propose_line" write estimate inspection::propose_line, inspection::ProposeFromFinding => model::line::Line, "Turn a fault found into a proposed estimate line";
    "estimate.add_line" write estimate estimate::add_line, estimate::AddLine => model::line::Line, "Add a labour, part or other line (a supplement after approval)";
    "estimate.update_line" write estimate estimate::update_line, estimate::UpdateLine => model::line::Line, "Change a line (approved lines only within the approval)";
    "estimate.remove_line" write estimate estimate::remove_line, estimate::RemoveLine => model::line::Line, "Remove a proposed line, or an approved one not started";
    "estimate.set_discount" write estimate estimate::discount::set_discount, estimate::discount::SetDiscount => model::job::Job, "Set the job's discount (percentage or amount)";
    "estimate.submit" write estimate estimate::submit, estimate::Submit => model::job::Job, "Present the estimate or supplement to the customer";
    "estimate.apply_canned" write estimate estimate::canned::apply_canned, estimate::canned::ApplyCanned => Vec<model::line::Line>, "Insert a canned job's lines";
    "estimate.offer_recommendation" write estimate estimate::recommendation::offer_recommendation, estimate::recommendation::OfferRecommendation => model::line::Line, "Offer declined work again on this job";
    "canned_job.list" read signed_in estimate::canned::list_canned, NoInput => Vec<estimate::canned::CannedJob>, "Canned jobs";
    "canned_job.from_job" write estimate estimate::canned::from_job, estimate::canned::CannedFromJob => estimate::canned::CannedJob, "Save a job's estimate lines (labour and parts) as a canned job";
    "canned_job.save" write estimate estimate::canned::save_canned, estimate::canned::SaveCannedJob => estimate::canned::CannedJob, "Create or replace a canned job";
    "approval.record" write approve approval::record, approval::RecordApproval => model::approval::ApprovalRecord, "Record the customer's approval or decline of lines";
    "work.start_line" write work work::start_line, work::LineAction => model::line::Line, "Start work on an approved line";
    "work.complete_line" write work work::complete_line, work::LineAction => model::line::Line, "Mark an approved line done";
    "work.assign" write dispatch work::assign, work::Assign => model::line::Line, "Assign an approved labour line to a technician";
    "work.clock_on" write work work::clock_on, work::Clock => model::line::Line, "Start a technician's job clock on an approved line";
    "work.clock_off" write signed_in work::clock_off, work::Clock => model::line::Line, "Stop your job clock (work), or another technician's left running (dispatch)";
    "work.sublet" write dispatch work::sublet, work::SetSublet => model::line::Line, "Send an approved line to a subcontractor (vendor, their invoice, cost)";
    "work.set_category" write estimate work::set_category, work::SetCategory => model::job::Job, "Set the repair category (decides guarantee and certificate)";
    "work.wait_for_parts" write dispatch work::wait_for_parts, work::WaitForParts => model::job::Job, "The job waits for parts, with the reason";
    "work.resume" write dispatch work::resume, work::JobAction => model::job::Job, "Parts arrived: back to work";
    "work.to_quality_check" write dispatch work::to_quality_check, work::JobAction => model::job::Job, "Every approved line done: hand over to quality control";
    "parts.create" write stock stock::create, stock::CreatePart => model::part::Part, "Add a part to the catalogue";
    "parts.update" write stock stock::update, stock::UpdatePart => model::part::Part, "Change a catalogue part";
    "parts.search" read signed_in stock::search, stock::SearchParts => Vec<model::part::Part>, "Find parts by number, name or brand";
    "parts.get" read signed_in stock::get, stock::PartId => stock::PartDetail, "A part with its latest stock movements";
    "parts.low_stock" read signed_in stock::low_stock, NoInput => Vec<model::part::Part>, "Parts at or below their reorder level";
    "parts.receive" write stock stock::receive, stock::ReceiveStock => model::part::Part, "Book stock in from a supplier (their invoice, unit cost)";
    "parts.adjust" write stock stock::adjust, stock::AdjustStock => model::part::Part, "Correct stock on hand, with the reason";
    "parts.consume" write consume parts::consume, parts::Consume => model::line::Line, "Log a part used on an approved part line (within the approved quantity)";
    "parts.return" write consume parts::return_to_stock, parts::ReturnToStock => model::line::Line, "Return an unused part from a line to stock";
    "parts.set_old_part_fate" write consume parts::set_old_part_fate, parts::SetOldPartFate => model::line::Line, "Record what happened to the replaced part";
    "quality.checklist" read signed_in quality::job_checklist, crate::job::JobRef => Vec<quality::ChecklistItem>, "The quality checklist for a job's item: the standard items and the shop's own";
    "quality.record" write check quality::record, quality::RecordCheck => model::quality::QualityCheck, "Record the quality check: pass makes the job ready, fail sends it back";
    "invoice.issue" write payment invoice::issue::issue, invoice::issue::Issue => invoice::issue::Issued, "Issue the invoice (and guarantee card) for a job that passed its check";
    "invoice.get" read signed_in invoice::get, invoice::InvoiceRef => invoice::InvoiceView, "An invoice with payments, credit notes and balance";
    "invoice.pay" write payment invoice::payment::pay, invoice::payment::Pay => invoice::InvoiceView, "Record a payment (partial allowed; cash change worked out)";
    "invoice.refund" write payment invoice::payment::refund, invoice::payment::Refund => invoice::InvoiceView, "Pay back what a credit note leaves the customer owed";
    "invoice.credit" write credit_note invoice::credit_note::credit, invoice::credit_note::Credit => model::invoice::CreditNoteDocument, "Issue a credit note against an invoice, whole or in part (manager)";
    "invoice.record_fapiao" write payment invoice::e_fapiao::record, invoice::e_fapiao::RecordFapiao => invoice::InvoiceView, "Record the official e-fapiao number on a settlement list (China); replacing one needs a reason and the credit-note permission";
    "credit_note.get" read signed_in invoice::credit_note::get_credit_note, invoice::credit_note::CreditNoteRef => model::invoice::CreditNoteDocument, "A credit note";
    "job.deliver" write payment care::handover::deliver, handover::Deliver => model::job::Job, "Hand the item over (after a passed check, an invoice and payment); schedules the follow-up call";
    "contact.get" read signed_in care::contact::get, care::contact::CustomerRef => model::care::ContactPreference, "A customer's contact preference (calls, channel, time of day)";
    "contact.set" write receive care::contact::set, care::contact::SetContact => model::care::ContactPreference, "Set a customer's contact preference; no calls needs a reason and cancels open calls";
    "callback.list" read signed_in care::callbacks::calls, care::callbacks::CallsFor => care::callbacks::CallsToday, "The calls list for a day: due and overdue follow-ups and loop checks, and the missed ones";
    "callback.for_job" read signed_in care::callbacks::for_job, care::callbacks::JobCalls => Vec<model::callback::CallRow>, "A job's calls with every attempt";
    "callback.record" write care care::callbacks::record, care::callbacks::RecordCall => care::callbacks::CallRecorded, "Record a call's outcome (reached with the survey, no answer, wrong number, call back at)";
    "survey.record" write care care::satisfaction::record, care::satisfaction::RecordSurvey => care::satisfaction::SurveyTaken, "Record a job's satisfaction survey (counter or paper); an unhappy answer opens a complaint";
    "survey.get" read signed_in care::satisfaction::get, care::satisfaction::SurveyOf => Option<model::survey::Survey>, "A job's survey";
    "survey.report" read signed_in care::satisfaction::report, care::satisfaction::ReportPeriod => care::satisfaction::SatisfactionReport, "Satisfaction for a period: per month, advisor, technician and stage, NPS, comments";
    "complaint.open" write care care::complaints::open, care::complaints::OpenComplaint => model::complaint::Complaint, "Receive a complaint with the handbook's record";
    "complaint.step" write care care::complaint_steps::step, care::complaint_steps::TakeStep => model::complaint::Complaint, "Take a complaint's next step (in order, each with who and when)";
    "complaint.get" read signed_in care::complaints::get, care::complaints::ComplaintRef => model::complaint::Complaint, "A complaint with its steps";
    "complaint.list" read signed_in care::complaints::list, care::complaints::ComplaintFilter => Vec<model::complaint::Complaint>, "The complaint register, filtered";
    "guarantee.lookup" read signed_in guarantee::cover::lookup, guarantee::cover::Lookup => Vec<guarantee::cover::CardStatus>, "Is a card (or an item's cards) valid: days and distance left";
    "guarantee.claim" write receive guarantee::claim::claim, guarantee::claim::Claim => guarantee::claim::Claimed, "Open a claim job under a valid card";
    "history.customer" read signed_in history::customer, history::HistoryOf => Vec<history::Entry>, "Everything about a customer, newest first";
    "history.item" read signed_in history::item, history::HistoryOf => Vec<history::Entry>, "Everything about an item, newest first";
    "import.preview" read data exchange::import::preview, exchange::import::ImportFile => exchange::import::ImportPreview, "Read a CSV or Excel file of customers, items or parts: the columns guessed, what it would create, every bad row and duplicate";
    "import.commit" write data exchange::import::commit, exchange::import::ImportFile => exchange::import::ImportDone, "Import the file as previewed, all or nothing (refused while any row is bad; duplicates skipped)";
    "documents.render" read signed_in documents::render, documents::RenderInput => documents::Rendered, "Print a document as PDF: ticket, estimate, invoice, credit-note, receipt, card, certificate, label";
}

/// Parses a command's input; `null` counts as `{}`.
/// Reads a command's input. A refusal names the field it is about (its JSON
/// path, e.g. `survey.stages[0].score`) and says what is wrong in words, so a
/// screen shows it at the field: a missing field is required, a value outside
/// the choices lists them, a wrong kind of value says which kind is wanted.
fn parse_input<T: DeserializeOwned>(input: Value) -> Result<T> {
    let input = if input.is_null() {
        Value::Object(Default::default())
    } else {
        input
    };
    serde_path_to_error::deserialize(input).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        let (field, en, zh) = explain(&path, &inner);
        let err = Error::new(ErrorCode::InvalidInput, en, zh);
        match field {
            Some(f) => err.at(f),
            None => err,
        }
    })
}

/// The field and the words for a serde refusal.
fn explain(path: &str, msg: &str) -> (Option<String>, String, String) {
    let quoted = |m: &str| m.split('`').nth(1).map(str::to_string);
    let at = |p: &str, name: Option<String>| {
        let p = if p == "." || p.is_empty() {
            String::new()
        } else {
            p.to_string()
        };
        match (p.is_empty(), name) {
            (true, Some(n)) => Some(n),
            (false, Some(n)) => Some(format!("{p}.{n}")),
            (false, None) => Some(p),
            (true, None) => None,
        }
    };
    if msg.starts_with("missing field") {
        return (
            at(path, quoted(msg)),
            "Required: this cannot be left empty".into(),
            "必填项，不能为空".into(),
        );
    }
    if msg.starts_with("unknown variant") {
        let choices = msg.split("expected ").nth(1).unwrap_or("").replace('`', "");
        return (
            at(path, None),
            format!("Not one of the choices ({choices})"),
            format!("不是可选的值（{choices}）"),
        );
    }
    if msg.starts_with("invalid type") || msg.starts_with("invalid value") {
        let raw = msg.split("expected ").nth(1).unwrap_or("another value");
        let (want, want_zh) = match raw.trim() {
            "u8" => ("a whole number from 0 to 255", "0 到 255 的整数"),
            "u16" | "u32" | "u64" | "usize" => ("a whole number, 0 or more", "不小于 0 的整数"),
            "i8" | "i16" | "i32" | "i64" | "isize" => ("a whole number", "整数"),
            "a string" => ("text", "文字"),
            "a boolean" => ("yes or no (true or false)", "是或否（true 或 false）"),
            "a sequence" => ("a list", "列表"),
            other => (other, other),
        };
        return (
            at(path, None),
            format!("Wrong kind of value: expected {want}"),
            format!("值的类型不对：应为{want_zh}"),
        );
    }
    (
        at(path, None),
        format!("Invalid input: {msg}"),
        format!("输入无效：{msg}"),
    )
}

fn output<T: Serialize>(v: T) -> Result<Value> {
    serde_json::to_value(v).map_err(Error::internal)
}
