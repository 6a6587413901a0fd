//! A job's full record as one archive: every document it reached as a PDF,
//! its photos, and job.json that a machine reads back.

use crate::common::Shop;
use jobcard::exchange::archive::ArchiveRequest;
use jobcard::model::lang::Lang;
use serde_json::{json, Value};
use std::io::Read;

#[test]
fn an_invoiced_job_archives_its_documents_photos_and_record() {
    let mut s = Shop::new();
    let (job, inv, card) = s.delivered();
    let (name, bytes) = s
        .core
        .archive_named(&ArchiveRequest {
            job: job.clone(),
            lang: Some(Lang::ZhCn),
        })
        .unwrap();
    assert!(
        name.starts_with("job-") && name.ends_with("-record.zip"),
        "{name}"
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    for want in [
        "documents/ticket-",
        "documents/estimate-",
        "documents/invoice-",
        "documents/card-",
        "documents/receipt-",
    ] {
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(want) && n.ends_with("zh-CN.pdf")),
            "{want} in {names:?}"
        );
    }
    for n in names.iter().filter(|n| n.ends_with(".pdf")) {
        let mut pdf = Vec::new();
        zip.by_name(n).unwrap().read_to_end(&mut pdf).unwrap();
        assert!(pdf.starts_with(b"%PDF"), "{n}");
    }
    let mut text = String::new();
    zip.by_name("job.json")
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    let record: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(record["format"], "jobcard-job-archive/1");
    assert_eq!(record["job"]["job"]["number"], job);
    assert_eq!(record["invoice"]["invoice"]["number"], inv);
    assert_eq!(record["job"]["card_numbers"], json!([card]));
    assert!(!record["job"]["approvals"].as_array().unwrap().is_empty());
    assert_eq!(
        record["calls"].as_array().unwrap().len(),
        1,
        "the follow-up call"
    );
}

#[test]
fn a_job_just_received_archives_what_it_has_and_an_unknown_one_is_not_found() {
    let mut s = Shop::new();
    let job = s.receive();
    let (_, bytes) = s
        .core
        .archive_named(&ArchiveRequest { job, lang: None })
        .unwrap();
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let pdfs = zip
        .file_names()
        .filter(|n| n.as_ref().unwrap().ends_with(".pdf"))
        .count();
    assert_eq!(pdfs, 1, "only the ticket");
    let e = s
        .core
        .archive_named(&ArchiveRequest {
            job: "NOPE-1".into(),
            lang: None,
        })
        .unwrap_err();
    assert_eq!(e.code, jobcard::ErrorCode::NotFound);
}
