//! The desktop app's document delivery and first start, without a window: PDFs
//! saved under the folder the shell names, printed through a stand-in for CUPS
//! `lp`, opened through the opener the shell passes; the demo shop on first start.

use crate::common::Shop;
use jobcard::desktop::{self, DocumentAction, DocumentRequest};
use jobcard::documents::{Kind, RenderInput};
use jobcard::{Core, ErrorCode};
use serde_json::json;
use std::cell::RefCell;
use std::path::{Path, PathBuf};

fn request(kind: Kind, number: &str, action: DocumentAction) -> DocumentRequest {
    DocumentRequest {
        document: RenderInput {
            kind,
            number: number.into(),
            lang: None,
            paper: None,
        },
        action,
    }
}

/// A stand-in `lp` that records its arguments, or fails like a stopped queue.
fn fake_lp(dir: &Path, ok: bool) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join(if ok { "lp-ok" } else { "lp-fail" });
    let log = dir.join("lp.log");
    let body = if ok {
        format!("#!/bin/sh\necho \"$@\" > '{}'\n", log.display())
    } else {
        "#!/bin/sh\necho 'lp: The printer or class does not exist.' >&2\nexit 1\n".to_string()
    };
    std::fs::write(&script, body).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

#[test]
fn open_saves_the_pdf_under_the_folder_and_opens_it() {
    let mut shop = Shop::new();
    let (job, invoice, card) = shop.invoiced();
    let folder = shop.dir.path().join("Documents").join("Jobcard");
    let opened = RefCell::new(Vec::new());
    let open = |p: &Path| {
        opened.borrow_mut().push(p.to_path_buf());
        Ok(())
    };
    for (kind, number) in [
        (Kind::Invoice, &invoice),
        (Kind::Card, &card),
        (Kind::Ticket, &job),
    ] {
        let saved = desktop::deliver(
            &mut shop.core,
            &folder,
            &request(kind, number, DocumentAction::Open),
            "lp",
            &open,
        )
        .unwrap();
        let bytes = std::fs::read(&saved.path).unwrap();
        assert!(bytes.starts_with(b"%PDF"), "{}", saved.path);
        assert_eq!(bytes.len(), saved.bytes);
        assert!(Path::new(&saved.path).starts_with(&folder));
        assert!(
            saved.file_name.contains(number.as_str()),
            "{}",
            saved.file_name
        );
        assert!(saved.opened && saved.printed_to.is_none());
    }
    assert_eq!(opened.borrow().len(), 3);
    // Nothing half-written is left behind.
    let names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".part")), "{names:?}");
}

#[test]
fn print_goes_to_the_shops_printer_through_lp_or_else_opens() {
    let mut shop = Shop::new();
    let (_, invoice, _) = shop.invoiced();
    let folder = shop.dir.path().join("docs");
    let lp = fake_lp(shop.dir.path(), true);
    let opened = RefCell::new(0);
    let open = |_: &Path| {
        *opened.borrow_mut() += 1;
        Ok(())
    };
    let req = request(Kind::Invoice, &invoice, DocumentAction::Print);

    // No printer set: the PDF opens in the viewer to print from there.
    let saved =
        desktop::deliver(&mut shop.core, &folder, &req, lp.to_str().unwrap(), &open).unwrap();
    assert!(saved.opened && saved.printed_to.is_none());
    assert_eq!(*opened.borrow(), 1);

    let manager = shop.manager;
    shop.call(
        "settings.update",
        json!({ "staff_id": manager, "settings": { "legal_name": "Test Garage Ltd", "printer": "Counter_Laser" } }),
    );
    let saved =
        desktop::deliver(&mut shop.core, &folder, &req, lp.to_str().unwrap(), &open).unwrap();
    assert_eq!(saved.printed_to.as_deref(), Some("Counter_Laser"));
    assert!(!saved.opened);
    let args = std::fs::read_to_string(shop.dir.path().join("lp.log")).unwrap();
    assert_eq!(args.trim(), format!("-d Counter_Laser -- {}", saved.path));

    // A queue that refuses: the clerk reads why, next to the printer setting.
    let bad = fake_lp(shop.dir.path(), false);
    let e =
        desktop::deliver(&mut shop.core, &folder, &req, bad.to_str().unwrap(), &open).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidState);
    assert_eq!(e.field.as_deref(), Some("printer"));
    assert!(e.message.contains("does not exist"), "{}", e.message);

    // No CUPS at all.
    let e = desktop::deliver(&mut shop.core, &folder, &req, "/nonexistent/lp", &open).unwrap_err();
    assert!(e.message.contains("CUPS"), "{}", e.message);
}

#[test]
fn printer_names_and_paper_are_checked_in_settings() {
    let mut shop = Shop::new();
    let manager = shop.manager;
    for bad in ["Front desk", "-d", "a/b"] {
        let e = shop.refused(
            "settings.update",
            json!({ "staff_id": manager, "settings": { "legal_name": "T", "printer": bad } }),
            ErrorCode::InvalidInput,
        );
        assert_eq!(e.field.as_deref(), Some("settings.printer"), "{bad}");
    }
    let e = shop.refused(
        "settings.update",
        json!({ "staff_id": manager, "settings": { "legal_name": "T", "document_paper": "80mm" } }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("settings.document_paper"));
    let s = shop.call(
        "settings.update",
        json!({ "staff_id": manager, "settings": { "legal_name": "T", "document_paper": "letter" } }),
    );
    assert_eq!(s["document_paper"], "letter");
}

#[test]
fn an_unknown_document_is_refused_and_nothing_is_saved() {
    let mut shop = Shop::new();
    let folder = shop.dir.path().join("docs");
    let e = desktop::deliver(
        &mut shop.core,
        &folder,
        &request(Kind::Invoice, "INV-NOPE", DocumentAction::Save),
        "lp",
        &|_: &Path| Ok(()),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
    assert!(!folder.exists() || std::fs::read_dir(&folder).unwrap().next().is_none());
}

#[test]
fn first_start_shows_setup_until_the_shop_is_set_up_or_the_demo_is_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let mut core = Core::open(&dir.path().join("shop.db")).unwrap();
    // As the app opens it: locked. First start needs the status and the defaults.
    core.lock(true);
    assert_eq!(
        core.call("shop.status", json!({})).unwrap()["set_up"],
        false
    );
    assert!(core.call("settings.defaults", json!({})).is_ok());
    assert_eq!(
        core.call("settings.get", json!({})).unwrap_err().code,
        jobcard::ErrorCode::SignInRequired
    );
    desktop::start_demo(&mut core, jobcard::model::settings::Lang::ZhCn).unwrap();
    let status = core.call("shop.status", json!({})).unwrap();
    assert_eq!(status["set_up"], true);
    assert_eq!(status["demo_pins"][0]["pin"], "2468", "{status}");
    assert!(
        core.fixed_now().is_none(),
        "the demo leaves the real clock running"
    );
    // Still locked after the demo: its manager signs in with the shown PIN.
    assert!(core.call("job.board", json!({})).is_err());
    let manager = status["demo_pins"][0]["name"].as_str().unwrap().to_string();
    let staff = core.call("staff.list", json!({})).unwrap();
    let id = staff
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == manager)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    core.sign_in(id, "2468").unwrap();
    let board = core.call("job.board", json!({})).unwrap();
    let jobs: usize = board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["jobs"].as_array().unwrap().len())
        .sum();
    assert!(jobs >= 5, "the demo shop has jobs on the board: {jobs}");
    // A second demo into a set-up shop is refused, not merged.
    assert!(desktop::start_demo(&mut core, jobcard::model::settings::Lang::En).is_err());
}
