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
    ($( $name:literal $writes:ident $handler:path, $input:ty, $doc:literal; )*) => {
        /// Every command, in the order the counter meets them.
        pub fn commands() -> Vec<CommandInfo> {
            vec![$(CommandInfo {
                name: $name,
                summary: $doc,
                writes: command_list!(@w $writes),
                input_schema: || schemars::schema_for!($input),
                run: |ctx, input| output($handler(ctx, parse_input::<$input>(input)?)?),
            }),*]
        }
    };
    (@w write) => { true };
    (@w read) => { false };
}

command_list! {
    "shop.setup" write api::setup::setup, api::setup::Setup, "First start: shop details and the first manager";
    "settings.get" read settings::get, settings::NoInput, "The shop's settings";
    "settings.update" write settings::update, settings::UpdateSettings, "Change the shop's settings (manager)";
    "staff.list" read staff::list, staff::ListStaff, "Staff members";
    "staff.add" write staff::add, staff::NewStaff, "Add a staff member (manager)";
    "staff.update" write staff::update, staff::UpdateStaff, "Change a staff member's name, roles or active flag (manager)";
    "customer.create" write customers::create, customers::CreateCustomer, "Register a customer";
    "customer.update" write customers::update, customers::UpdateCustomer, "Change a customer; designated persons given are added";
    "customer.get" read customers::get, customers::CustomerId, "A customer with their items and jobs";
    "item.create" write items::create, items::CreateItem, "Register a vehicle or device for a customer";
    "item.update" write items::update, items::UpdateItem, "Change an item's details";
    "item.get" read items::get, items::ItemId, "An item with owners, odometer readings, jobs and open recommendations";
    "item.transfer" write items::transfer, items::TransferItem, "Give an item a new owner; its history stays";
    "item.record_odometer" write items::odometer, items::RecordOdometer, "Record an odometer reading";
    "search" read search::search, search::SearchInput, "Find customers, items and jobs by name, phone, plate, VIN, serial or job number";
    "job.receive" write reception::receive, reception::Receive, "Reception: new or existing customer and item, complaint, promise; opens a job";
    "job.get" read job_view::get, job_view::JobRef, "A job with customer, item, inspection, lines, totals, approvals and history";
    "job.board" read job_view::board, job_view::BoardInput, "Jobs in progress by state, overdue flagged";
    "job.change_promise" write reception::change_promise, reception::ChangePromise, "Move the promised time, with the reason";
    "job.cancel" write job::cancel, job::CancelJob, "Cancel a job, with the reason";
    "inspection.start" write inspection::start, inspection::StartInspection, "Open the joint inspection with the item's checklist";
    "inspection.record_finding" write inspection::record_finding, inspection::RecordFinding, "Set a checklist row or add a free finding";
    "inspection.add_photo" write inspection::add_photo, inspection::AddPhoto, "Attach a PNG or JPEG photo to a finding";
    "inspection.photo" read inspection::photo, inspection::PhotoId, "A stored photo";
    "inspection.acknowledge" write inspection::acknowledge, inspection::Acknowledge, "The customer acknowledges the inspection record";
    "inspection.propose_line" write inspection::propose_line, inspection::ProposeFromFinding, "Turn a fault found into a proposed estimate line";
    "estimate.add_line" write estimate::add_line, estimate::AddLine, "Add a labour, part or other line (a supplement after approval)";
    "estimate.update_line" write estimate::update_line, estimate::UpdateLine, "Change a line (approved lines only within the approval)";
    "estimate.remove_line" write estimate::remove_line, estimate::RemoveLine, "Remove a proposed line, or an approved one not started";
    "estimate.set_discount" write estimate::set_discount, estimate::SetDiscount, "Set the job's discount (percentage or amount)";
    "estimate.submit" write estimate::submit, estimate::Submit, "Present the estimate or supplement to the customer";
    "estimate.apply_canned" write estimate::apply_canned, estimate::ApplyCanned, "Insert a canned job's lines";
    "estimate.offer_recommendation" write approval::offer_recommendation, approval::OfferRecommendation, "Offer declined work again on this job";
    "canned_job.list" read estimate::list_canned, estimate::NoInput, "Canned jobs";
    "canned_job.save" write estimate::save_canned, estimate::SaveCannedJob, "Create or replace a canned job";
    "approval.record" write approval::record, approval::RecordApproval, "Record the customer's approval or decline of lines";
    "work.start_line" write work::start_line, work::LineAction, "Start work on an approved line";
    "work.complete_line" write work::complete_line, work::LineAction, "Mark an approved line done";
}
