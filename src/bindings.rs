//! TypeScript bindings for the UI, generated from the Rust types themselves (ts-rs):
//! one file per type, and `commands.ts` mapping every command's name to its input
//! and output types, so the UI cannot call a command with the wrong shape or read
//! a field that does not exist. The files are committed; a test regenerates them
//! and fails when they differ (`jobcard bindings ui/src/lib/bindings` refreshes them).
//!
//! Integers (`i64` minor units, ids) become `number`: every value the core stores
//! stays far below 2^53.

use crate::api::{command_types, CommandTypes, TypeSink};
use crate::base::error::{Error, Result};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use ts_rs::{Config, ExportError, TypeVisitor, TS};

/// Exports types into one folder and remembers what `commands.ts` must import.
pub struct Export {
    cfg: Config,
    /// (TypeScript name, path of its file relative to the folder, without `.ts`).
    imports: BTreeSet<(String, String)>,
}

fn import_of<T: TS + 'static + ?Sized>(cfg: &Config) -> Option<(String, String)> {
    let path = T::output_path()?;
    let path = path.with_extension("");
    Some((T::ident(cfg), path.to_string_lossy().replace('\\', "/")))
}

impl TypeSink for Export {
    /// Exports `T` and everything it refers to; answers its TypeScript name.
    fn add<T: TS + 'static>(&mut self) -> std::result::Result<String, ExportError> {
        if T::output_path().is_some() {
            T::export_all(&self.cfg)?;
            self.imports.extend(import_of::<T>(&self.cfg));
        } else {
            // Vec<T> and the like: export what they contain.
            let mut v = Visit {
                out: self,
                error: None,
            };
            T::visit_generics(&mut v);
            T::visit_dependencies(&mut v);
            if let Some(e) = v.error {
                return Err(e);
            }
        }
        Ok(T::name(&self.cfg))
    }
}

struct Visit<'a> {
    out: &'a mut Export,
    error: Option<ExportError>,
}

impl TypeVisitor for Visit<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if self.error.is_some() || T::output_path().is_none() {
            return;
        }
        match T::export_all(&self.out.cfg) {
            Ok(()) => self.out.imports.extend(import_of::<T>(&self.out.cfg)),
            Err(e) => self.error = Some(e),
        }
    }
}

/// Writes every binding into `dir`, which holds only generated files: it is
/// emptied first, so a type that went away leaves no stale file.
pub fn write(dir: &Path) -> Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(Error::internal)?;
    }
    std::fs::create_dir_all(dir).map_err(Error::internal)?;
    let mut out = Export {
        cfg: Config::new().with_large_int("number").with_out_dir(dir),
        imports: BTreeSet::new(),
    };
    let commands = command_types(&mut out).map_err(Error::internal)?;
    // Types the shell's own commands use, beyond the command list.
    out.add::<crate::base::error::Error>()
        .and_then(|_| out.add::<crate::desktop::DocumentRequest>())
        .and_then(|_| out.add::<crate::desktop::SavedDocument>())
        .and_then(|_| out.add::<crate::desktop::SavedFile>())
        .and_then(|_| out.add::<crate::exchange::export::ExportRequest>())
        .and_then(|_| out.add::<crate::exchange::archive::ArchiveRequest>())
        .and_then(|_| out.add::<crate::desktop::AppInfo>())
        .and_then(|_| out.add::<crate::api::SessionInfo>())
        .and_then(|_| out.add::<crate::api::Authorisation>())
        .and_then(|_| out.add::<crate::api::backup::BackupStatus>())
        .and_then(|_| out.add::<crate::api::backup::BackupFile>())
        .and_then(|_| out.add::<crate::api::backup::Restored>())
        .and_then(|_| out.add::<crate::store::backup::CopyProgress>())
        .and_then(|_| out.add::<crate::store::backup::FileReport>())
        .and_then(|_| out.add::<crate::model::server::ServerAddress>())
        .and_then(|_| out.add::<crate::model::server::WhereKept>())
        .and_then(|_| out.add::<crate::model::server::ServerProbe>())
        .and_then(|_| out.add::<crate::model::server::MoveProgress>())
        .and_then(|_| out.add::<crate::store::transfer::TableCheck>())
        .map_err(Error::internal)?;
    std::fs::write(
        dir.join("commands.ts"),
        commands_ts(&out.imports, &commands),
    )
    .map_err(Error::internal)
}

fn commands_ts(imports: &BTreeSet<(String, String)>, commands: &[CommandTypes]) -> String {
    let mut s = String::from(
        "// Generated from src/api/list.rs by `jobcard bindings`. Do not edit by hand.\n\n",
    );
    for (name, path) in imports {
        let _ = writeln!(s, "import type {{ {name} }} from \"./{path}\";");
    }
    for (name, _) in imports {
        let _ = writeln!(s, "export type {{ {name} }};");
    }
    s.push_str(
        "\n/** Every command of the core: its input and its output. */\nexport type Commands = {\n",
    );
    for c in commands {
        let _ = writeln!(
            s,
            "  /** {} */\n  \"{}\": {{ input: {}; output: {} }};",
            c.summary, c.name, c.input, c.output
        );
    }
    s.push_str("};\n\nexport type CommandName = keyof Commands;\n");
    s
}
