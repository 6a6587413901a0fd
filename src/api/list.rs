//! The list of commands. Adding an operation means adding one line here; the CLI
//! (`jobcard commands`, `jobcard call`), the tests and the app all see it.

use super::{output, parse_input, Ctx};
use crate::error::Result;
use crate::*;
use serde_json::Value;

pub struct CommandInfo {
    pub name: &'static str,
    pub summary: &'static str,
    /// Whether it writes (takes the write lock) or only reads.
    pub writes: bool,
    pub input_schema: fn() -> schemars::Schema,
    pub run: fn(&Ctx, Value) -> Result<Value>,
}

macro_rules! command_list {
    ($( $name:literal $writes:ident $handler:path, $input:ty => $output:ty, $doc:literal; )*) => {
        /// Every command, in the order the counter meets them.
        pub fn commands() -> Vec<CommandInfo> {
            vec![$(CommandInfo {
                name: $name,
                summary: $doc,
                writes: command_list!(@w $writes),
                input_schema: || schemars::schema_for!($input),
                run: |ctx, input| {
                    let out: $output = $handler(ctx, parse_input::<$input>(input)?)?;
                    output(out)
                },
            }),*]
        }

        /// Every command's TypeScript input and output types, exporting each type
        /// (with what it refers to) into the bindings folder on the way.
        pub(super) fn command_types(
            out: &mut super::bindings::Export,
        ) -> std::result::Result<Vec<super::bindings::CommandTypes>, ts_rs::ExportError> {
            Ok(vec![$(super::bindings::CommandTypes {
                name: $name,
                summary: $doc,
                input: out.add::<$input>()?,
                output: out.add::<$output>()?,
            }),*])
        }
    };
    (@w write) => { true };
    (@w read) => { false };
}

command_list! {
    "shop.setup" write api::setup::setup, api::setup::Setup => staff::Staff, "First start: shop details and the first manager";
    "shop.status" read api::setup::status, settings::NoInput => api::setup::ShopStatus, "Whether the shop is set up (first start shows setup or the demo)";
    "settings.get" read settings::get, settings::NoInput => settings::ShopSettings, "The shop's settings";
    "settings.update" write settings::update, settings::UpdateSettings => settings::ShopSettings, "Change the shop's settings (manager)";
    "staff.list" read staff::list, staff::ListStaff => Vec<staff::Staff>, "Staff members";
    "staff.add" write staff::add, staff::NewStaff => staff::Staff, "Add a staff member (manager)";
    "staff.update" write staff::update, staff::UpdateStaff => staff::Staff, "Change a staff member's name, roles or active flag (manager)";
    "customer.create" write customers::create, customers::CreateCustomer => customers::Customer, "Register a customer";
    "customer.update" write customers::update, customers::UpdateCustomer => customers::Customer, "Change a customer; designated persons given are added";
    "customer.get" read customers::get, customers::CustomerId => customers::CustomerDetail, "A customer with their items and jobs";
    "item.create" write items::create, items::CreateItem => items::Item, "Register a vehicle or device for a customer";
    "item.update" write items::update, items::UpdateItem => items::Item, "Change an item's details";
    "item.get" read items::get, items::ItemId => items::ItemDetail, "An item with owners, odometer readings, jobs and open recommendations";
    "item.transfer" write items::transfer, items::TransferItem => items::Item, "Give an item a new owner; its history stays";
    "item.record_odometer" write items::odometer, items::RecordOdometer => items::Item, "Record an odometer reading";
    "search" read search::search, search::SearchInput => Vec<search::Hit>, "Find customers, items and jobs by name, phone, plate, VIN, serial or job number";
    "job.receive" write reception::receive, reception::Receive => reception::Received, "Reception: new or existing customer and item, complaint, promise; opens a job";
    "job.get" read job_view::get, job_view::JobRef => job_view::JobDetail, "A job with customer, item, inspection, lines, totals, approvals and history";
    "job.board" read job_view::board, job_view::BoardInput => job_view::Board, "Jobs in progress by state, overdue flagged";
    "job.change_promise" write reception::change_promise, reception::ChangePromise => job::Job, "Move the promised time, with the reason";
    "job.cancel" write job::cancel, job::CancelJob => job::Job, "Cancel a job, with the reason";
    "inspection.start" write inspection::start, inspection::StartInspection => inspection::Inspection, "Open the joint inspection with the item's checklist";
    "inspection.record_finding" write inspection::record_finding, inspection::RecordFinding => inspection::Inspection, "Set a checklist row or add a free finding";
    "inspection.add_photo" write inspection::add_photo, inspection::AddPhoto => inspection::PhotoAdded, "Attach a PNG or JPEG photo to a finding";
    "inspection.photo" read inspection::photo, inspection::PhotoId => inspection::Photo, "A stored photo";
    "inspection.acknowledge" write inspection::acknowledge, inspection::Acknowledge => inspection::Inspection, "The customer acknowledges the inspection record";
    "inspection.propose_line" write inspection::propose_line, inspection::ProposeFromFinding => estimate::Line, "Turn a fault found into a proposed estimate line";
    "estimate.add_line" write estimate::add_line, estimate::AddLine => estimate::Line, "Add a labour, part or other line (a supplement after approval)";
    "estimate.update_line" write estimate::update_line, estimate::UpdateLine => estimate::Line, "Change a line (approved lines only within the approval)";
    "estimate.remove_line" write estimate::remove_line, estimate::RemoveLine => estimate::Line, "Remove a proposed line, or an approved one not started";
    "estimate.set_discount" write estimate::set_discount, estimate::SetDiscount => job::Job, "Set the job's discount (percentage or amount)";
    "estimate.submit" write estimate::submit, estimate::Submit => job::Job, "Present the estimate or supplement to the customer";
    "estimate.apply_canned" write estimate::apply_canned, estimate::ApplyCanned => Vec<estimate::Line>, "Insert a canned job's lines";
    "estimate.offer_recommendation" write approval::offer_recommendation, approval::OfferRecommendation => estimate::Line, "Offer declined work again on this job";
    "canned_job.list" read estimate::list_canned, estimate::NoInput => Vec<estimate::CannedJob>, "Canned jobs";
    "canned_job.save" write estimate::save_canned, estimate::SaveCannedJob => estimate::CannedJob, "Create or replace a canned job";
    "approval.record" write approval::record, approval::RecordApproval => approval::ApprovalRecord, "Record the customer's approval or decline of lines";
    "work.start_line" write work::start_line, work::LineAction => estimate::Line, "Start work on an approved line";
    "work.complete_line" write work::complete_line, work::LineAction => estimate::Line, "Mark an approved line done";
    "work.assign" write work::assign, work::Assign => estimate::Line, "Assign an approved labour line to a technician";
    "work.clock_on" write work::clock_on, work::Clock => estimate::Line, "Start a technician's job clock on an approved line";
    "work.clock_off" write work::clock_off, work::Clock => estimate::Line, "Stop a technician's job clock";
    "work.sublet" write work::sublet, work::SetSublet => estimate::Line, "Send an approved line to a subcontractor (vendor, their invoice, cost)";
    "work.set_category" write work::set_category, work::SetCategory => job::Job, "Set the repair category (decides guarantee and certificate)";
    "work.wait_for_parts" write work::wait_for_parts, work::WaitForParts => job::Job, "The job waits for parts, with the reason";
    "work.resume" write work::resume, work::JobAction => job::Job, "Parts arrived: back to work";
    "work.to_quality_check" write work::to_quality_check, work::JobAction => job::Job, "Every approved line done: hand over to quality control";
    "parts.create" write parts::create, parts::CreatePart => parts::Part, "Add a part to the catalogue";
    "parts.update" write parts::update, parts::UpdatePart => parts::Part, "Change a catalogue part";
    "parts.search" read parts::search, parts::SearchParts => Vec<parts::Part>, "Find parts by number, name or brand";
    "parts.get" read parts::get, parts::PartId => parts::PartDetail, "A part with its latest stock movements";
    "parts.low_stock" read parts::low_stock, parts::NoInput => Vec<parts::Part>, "Parts at or below their reorder level";
    "parts.receive" write parts::receive, parts::ReceiveStock => parts::Part, "Book stock in from a supplier (their invoice, unit cost)";
    "parts.adjust" write parts::adjust, parts::AdjustStock => parts::Part, "Correct stock on hand, with the reason";
    "parts.consume" write parts::consume, parts::Consume => estimate::Line, "Log a part used on an approved part line (within the approved quantity)";
    "parts.return" write parts::return_to_stock, parts::ReturnToStock => estimate::Line, "Return an unused part from a line to stock";
    "parts.set_old_part_fate" write parts::set_old_part_fate, parts::SetOldPartFate => estimate::Line, "Record what happened to the replaced part";
    "quality.checklist" read quality::job_checklist, job_view::JobRef => Vec<quality::ChecklistItem>, "The quality checklist for a job's item: the standard items and the shop's own";
    "quality.record" write quality::record, quality::RecordCheck => quality::QualityCheck, "Record the quality check: pass makes the job ready, fail sends it back";
    "invoice.issue" write invoice::issue, invoice::Issue => invoice::Issued, "Issue the invoice (and guarantee card) for a job that passed its check";
    "invoice.get" read invoice::get, invoice::InvoiceRef => invoice::InvoiceView, "An invoice with payments, credit notes and balance";
    "invoice.pay" write invoice::pay, invoice::Pay => invoice::InvoiceView, "Record a payment (partial allowed; cash change worked out)";
    "invoice.refund" write invoice::refund, invoice::Refund => invoice::InvoiceView, "Pay back what a credit note leaves the customer owed";
    "invoice.credit" write invoice::credit, invoice::Credit => invoice::CreditNoteDocument, "Issue a credit note against an invoice, whole or in part (manager)";
    "credit_note.get" read invoice::get_credit_note, invoice::CreditNoteRef => invoice::CreditNoteDocument, "A credit note";
    "job.deliver" write invoice::deliver, invoice::Deliver => job::Job, "Hand the item over (after a passed check, an invoice and payment)";
    "guarantee.lookup" read guarantee::lookup, guarantee::Lookup => Vec<guarantee::CardStatus>, "Is a card (or an item's cards) valid: days and distance left";
    "guarantee.claim" write guarantee::claim, guarantee::Claim => guarantee::Claimed, "Open a claim job under a valid card";
    "history.customer" read history::customer, history::HistoryOf => Vec<history::Entry>, "Everything about a customer, newest first";
    "history.item" read history::item, history::HistoryOf => Vec<history::Entry>, "Everything about an item, newest first";
    "documents.render" read documents::render, documents::RenderInput => documents::Rendered, "Print a document as PDF: ticket, estimate, invoice, credit-note, receipt, card, certificate, label";
}
