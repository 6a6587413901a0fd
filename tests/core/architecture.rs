//! The core's floors, checked: `src/lib.rs` states what may import what, and
//! these tests read every source file and fail on the first import that breaks
//! it, so the layout cannot rot one shortcut at a time.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level part of `src/` and its floor: a file may import only from
/// its own floor or below (and within a floor, never in a circle).
fn floor(module: &str) -> Option<u8> {
    let top = module.split("::").next().unwrap_or("");
    Some(match top {
        "base" => 0,
        "model" => 1,
        "store" => 2,
        "ctx" => 3,
        "shop" => 4,
        "records" => 5,
        "job" => 6,
        "care" => 7,
        "views" => 8,
        "documents" => 9,
        "exchange" => 10,
        "api" => 11,
        "desktop" | "demo" | "bench" | "bindings" => 12,
        "main" | "cli" => 13,
        "lib" => return None,
        _ => panic!(
            "{module}: a top-level module with no floor; give it one in architecture.rs and lib.rs"
        ),
    })
}

struct Source {
    module: String,
    path: PathBuf,
    text: String,
}

fn sources() -> Vec<Source> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&root).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.len() > 1 && parts.last().is_some_and(|l| l == "mod") {
                parts.pop();
            }
            Source {
                module: parts.join("::"),
                text: std::fs::read_to_string(&p).unwrap(),
                path: p,
            }
        })
        .collect()
}

/// The code of a file without comments and string literals, so a path named in
/// a doc comment or a message is not taken for an import.
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// Expands `a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = format!("{prefix}{}", &tree[..open]);
        let inner = &tree[open + 1..tree.rfind('}').unwrap()];
        let mut depth = 0;
        let mut start = 0;
        for (i, ch) in inner.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&head, &inner[start..i], out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(&head, &inner[start..], out);
    } else if !tree.is_empty() {
        out.push(format!("{prefix}{tree}"));
    }
}

/// Every path a file names that starts with `crate::` or `super::`, made
/// absolute (segments from the crate root).
fn named_paths(src: &Source) -> Vec<Vec<String>> {
    let code = code_of(&src.text);
    // A file's unit tests (`mod tests`, last in the file) may reach anything.
    let code = match code.find("#[cfg(test)]") {
        Some(i) => code[..i].to_string(),
        None => code,
    };
    let mut raw = Vec::new();
    for stmt in code.split(';') {
        let s = stmt.trim_start();
        let s = s.strip_prefix("pub ").unwrap_or(s);
        if let Some(rest) = s.strip_prefix("use ") {
            expand("", rest, &mut raw);
        }
    }
    for (i, _) in code
        .match_indices("crate::")
        .chain(code.match_indices("super::"))
    {
        let before = code[..i].chars().last().unwrap_or(' ');
        if before.is_alphanumeric() || before == '_' || before == ':' {
            continue;
        }
        let rest: String = code[i..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        raw.push(rest);
    }
    // A folder's child modules named by their bare name in its mod.rs.
    if src.path.ends_with("mod.rs") {
        for line in code.lines() {
            let l = line.trim_start();
            let l = l.strip_prefix("pub ").unwrap_or(l);
            if let Some(child) = l.strip_prefix("mod ").and_then(|c| c.strip_suffix(';')) {
                if code.contains(&format!("{child}::")) {
                    raw.push(format!("self::{child}"));
                }
            }
        }
    }
    let here: Vec<String> = src.module.split("::").map(String::from).collect();
    raw.into_iter()
        .filter_map(|p| {
            let segs: Vec<&str> = p
                .split("::")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            match segs.first().copied() {
                Some("crate") => Some(segs[1..].iter().map(|s| s.to_string()).collect()),
                Some("self") => {
                    let mut base = here.clone();
                    base.extend(segs[1..].iter().map(|s| s.to_string()));
                    Some(base)
                }
                Some("super") => {
                    // A module's path without its last segment is its parent,
                    // for a file and for a folder's mod.rs alike.
                    let mut base = here.clone();
                    let mut rest = &segs[..];
                    while rest.first() == Some(&"super") {
                        base.pop();
                        rest = &rest[1..];
                    }
                    base.extend(rest.iter().map(|s| s.to_string()));
                    Some(base)
                }
                _ => None,
            }
        })
        .collect()
}

/// The source file a path lands in: the longest prefix that is a module.
fn target(modules: &BTreeSet<String>, segs: &[String]) -> Option<String> {
    (1..=segs.len())
        .rev()
        .map(|n| segs[..n].join("::"))
        .find(|m| modules.contains(m))
}

fn graph() -> (Vec<Source>, BTreeMap<String, BTreeSet<String>>) {
    let srcs = sources();
    let modules: BTreeSet<String> = srcs.iter().map(|s| s.module.clone()).collect();
    let mut edges = BTreeMap::new();
    for s in &srcs {
        let to: BTreeSet<String> = named_paths(s)
            .iter()
            .filter_map(|p| target(&modules, p))
            .filter(|t| *t != s.module)
            .collect();
        edges.insert(s.module.clone(), to);
    }
    (srcs, edges)
}

#[test]
fn imports_point_down_the_floors() {
    let (_, edges) = graph();
    let mut wrong = Vec::new();
    for (from, tos) in &edges {
        let Some(f) = floor(from) else { continue };
        for to in tos {
            if let Some(t) = floor(to) {
                if t > f {
                    wrong.push(format!("{from} (floor {f}) imports {to} (floor {t})"));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that point up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_import_circles() {
    let (_, edges) = graph();
    // Tarjan's strongly connected components over files.
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        next: usize,
        circles: Vec<Vec<&'a str>>,
    }
    fn visit<'a>(st: &mut State<'a>, v: &'a str) {
        st.index.insert(v, st.next);
        st.low.insert(v, st.next);
        st.next += 1;
        st.stack.push(v);
        st.on.insert(v);
        let edges = st.edges;
        for w in edges.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !st.index.contains_key(w) {
                visit(st, w);
                let lw = st.low[w];
                let lv = st.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if st.on.contains(w) {
                let iw = st.index[w];
                let lv = st.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if st.low[v] == st.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = st.stack.pop() {
                st.on.remove(w);
                comp.push(w);
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                st.circles.push(comp);
            }
        }
    }
    let mut st = State {
        edges: &edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        circles: Vec::new(),
    };
    for v in edges.keys() {
        if !st.index.contains_key(v.as_str()) {
            visit(&mut st, v);
        }
    }
    let circles: Vec<String> = st.circles.iter().map(|c| c.join(" ⇄ ")).collect();
    assert!(
        circles.is_empty(),
        "files that import each other in a circle:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_store_and_the_lower_floors_import_only_below() {
    let (_, edges) = graph();
    let allowed: &[(&str, &[&str])] = &[
        ("base", &["base"]),
        ("model", &["base", "model"]),
        ("store", &["base", "model", "store"]),
    ];
    let mut wrong = Vec::new();
    for (from, tos) in &edges {
        let top = from.split("::").next().unwrap();
        if let Some((_, ok)) = allowed.iter().find(|(f, _)| *f == top) {
            for to in tos {
                if !ok.contains(&to.split("::").next().unwrap()) {
                    wrong.push(format!("{from} imports {to}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn only_the_store_names_the_database_driver() {
    // bench/ measures raw SQLite against the core on purpose.
    let wrong: Vec<String> = sources()
        .iter()
        .filter(|s| !s.module.starts_with("store") && !s.module.starts_with("bench"))
        .filter(|s| code_of(&s.text).contains("rusqlite"))
        .map(|s| s.module.clone())
        .collect();
    assert!(wrong.is_empty(), "rusqlite named outside store/: {wrong:?}");
}

#[test]
fn only_the_faces_name_the_command_api() {
    let faces = ["api", "main", "desktop", "demo", "bench", "bindings", "lib"];
    let (_, edges) = graph();
    let wrong: Vec<String> = edges
        .iter()
        .filter(|(from, _)| !faces.contains(&from.split("::").next().unwrap()))
        .filter(|(_, tos)| tos.iter().any(|t| t == "api" || t.starts_with("api::")))
        .map(|(from, _)| from.clone())
        .collect();
    assert!(wrong.is_empty(), "crate::api named by: {wrong:?}");
}

#[test]
fn every_source_file_is_small_and_says_what_it_is() {
    let mut wrong = Vec::new();
    for s in sources() {
        let lines = s.text.lines().count();
        if lines > 500 {
            wrong.push(format!("{}: {lines} lines (at most 500)", s.path.display()));
        }
        if !s.text.starts_with("//!") {
            wrong.push(format!("{}: no //! saying what it is", s.path.display()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_rule_file_names_where_its_tests_are() {
    let rules = ["job", "shop", "records", "care", "views", "model"];
    let wrong: Vec<String> = sources()
        .iter()
        .filter(|s| rules.contains(&s.module.split("::").next().unwrap()))
        .filter(|s| {
            let doc: String = s
                .text
                .lines()
                .take_while(|l| l.starts_with("//!"))
                .collect();
            !doc.contains("test")
        })
        .map(|s| s.path.display().to_string())
        .collect();
    assert!(
        wrong.is_empty(),
        "rule files whose //! does not name their tests: {wrong:?}"
    );
}

#[test]
fn the_checker_sees_a_planted_upward_import() {
    let src = Source {
        module: "model::job".into(),
        path: PathBuf::from("src/model/job.rs"),
        text: "//! x\nuse crate::job::gate::{self, check_edit};\n// use crate::api::Core;\nfn f() { let _ = \"crate::api\"; crate::shop::settings::load(); }\n".into(),
    };
    let paths: Vec<String> = named_paths(&src).iter().map(|p| p.join("::")).collect();
    assert!(
        paths.contains(&"job::gate::check_edit".to_string()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"shop::settings::load".to_string()),
        "{paths:?}"
    );
    assert!(!paths.iter().any(|p| p.starts_with("api")), "{paths:?}");
}
