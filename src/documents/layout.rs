//! The page furniture every A4/Letter document shares: the shop's header with
//! logo, the title block, label–value grids, tables that flow over pages with
//! their header repeated, a right-aligned totals block, and "page N of M".

use super::canvas::{Align, Canvas, Style};
use super::words::t;
use crate::model::invoice::Party;
use crate::model::settings::Lang;

pub const BODY: Style = Style::new(8.5);
pub const SMALL: Style = Style::new(7.0);
pub const LABEL: Style = Style::new(7.0).muted();
pub const HEAD: Style = Style::new(8.5).bold();
pub const TITLE: Style = Style::new(15.0).bold();
pub const SHOP: Style = Style::new(12.5).bold();
pub const LINE: f32 = 4.2;

/// Paper sizes for full-page documents, in mm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    A4,
    Letter,
}

impl Sheet {
    pub fn size(self) -> (f32, f32) {
        match self {
            Sheet::A4 => (210.0, 297.0),
            Sheet::Letter => (215.9, 279.4),
        }
    }
}

/// A column of a table: heading key, width in mm, alignment.
pub struct Column {
    pub head: &'static str,
    pub width: f32,
    pub align: Align,
}

/// A document being laid out on full pages, top to bottom.
pub struct Page<'a> {
    pub c: Canvas,
    pub lang: Lang,
    pub left: f32,
    pub right: f32,
    pub y: f32,
    bottom: f32,
    /// Repeated at the top of every continuation page.
    running_head: String,
    shop: &'a Party,
    logo: Option<&'a [u8]>,
}

impl<'a> Page<'a> {
    pub fn new(
        title: &str,
        sheet: Sheet,
        lang: Lang,
        shop: &'a Party,
        logo: Option<&'a [u8]>,
    ) -> Page<'a> {
        let (w, h) = sheet.size();
        Page {
            c: Canvas::new(title, w, h),
            lang,
            left: 15.0,
            right: w - 15.0,
            y: 15.0,
            bottom: h - 18.0,
            running_head: title.to_string(),
            shop,
            logo,
        }
    }

    pub fn t(&self, key: &str) -> &'static str {
        t(self.lang, key)
    }

    pub fn width(&self) -> f32 {
        self.right - self.left
    }

    /// The shop block (logo, name, address, ids) at left; title and number at right.
    pub fn header(&mut self, title: &str, number: &str, lines: &[(String, String)]) {
        let mut x = self.left;
        if let Some(logo) = self.logo {
            if let Some(w) = self.c.image(self.left, self.y, 28.0, 16.0, logo) {
                x += w + 4.0;
            }
        }
        let top = self.y;
        self.c
            .text(x, top + 5.0, &self.shop.name, SHOP, Align::Left);
        let mut y = top + 9.5;
        let mut info = Vec::new();
        if let Some(a) = &self.shop.address {
            info.push(a.clone());
        }
        let mut ids = Vec::new();
        if let Some(p) = &self.shop.phone {
            ids.push(format!("{} {p}", self.t("phone")));
        }
        if let Some(r) = &self.shop.registration_number {
            ids.push(format!("{} {r}", self.t("registration")));
        }
        if let Some(tx) = &self.shop.tax_id {
            ids.push(format!("{} {tx}", self.t("tax_id")));
        }
        for l in info {
            for w in self.c.wrap(&l, 105.0, SMALL) {
                self.c.text(x, y, &w, SMALL.muted(), Align::Left);
                y += 3.4;
            }
        }
        // Ids go whole onto lines, breaking only between them.
        let mut line = String::new();
        for id in ids {
            let candidate = if line.is_empty() {
                id.clone()
            } else {
                format!("{line}  ·  {id}")
            };
            if !line.is_empty() && self.c.measure(&candidate, SMALL) > 105.0 {
                self.c.text(x, y, &line, SMALL.muted(), Align::Left);
                y += 3.4;
                line = id;
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            self.c.text(x, y, &line, SMALL.muted(), Align::Left);
            y += 3.4;
        }
        self.c
            .text(self.right, top + 6.0, title, TITLE, Align::Right);
        self.c.text(
            self.right,
            top + 11.5,
            number,
            Style::new(10.0).bold(),
            Align::Right,
        );
        let mut ry = top + 16.0;
        for (label, value) in lines {
            let w = self.c.text(self.right, ry, value, SMALL, Align::Right);
            self.c
                .text(self.right - w - 2.0, ry, label, LABEL, Align::Right);
            ry += 3.6;
        }
        self.y = y.max(ry).max(top + 18.0) + 2.0;
        self.c.rule(self.left, self.right, self.y, 0.5, 0.0);
        self.y += 5.0;
        self.running_head = format!("{title}  {number}");
    }

    /// Starts a new page when less than `needed` mm are left, with the running head.
    pub fn room(&mut self, needed: f32) -> bool {
        if self.y + needed <= self.bottom {
            return false;
        }
        self.c.new_page();
        self.y = 15.0;
        self.c
            .text(self.left, self.y + 3.0, &self.shop.name, HEAD, Align::Left);
        let head = self.running_head.clone();
        self.c
            .text(self.right, self.y + 3.0, &head, HEAD, Align::Right);
        self.y += 6.0;
        self.c.rule(self.left, self.right, self.y, 0.3, 0.0);
        self.y += 5.0;
        true
    }

    pub fn section(&mut self, key_text: &str) {
        self.room(14.0);
        self.y += 1.5;
        self.c.text(self.left, self.y, key_text, HEAD, Align::Left);
        self.y += 1.5;
        self.c.rule(self.left, self.right, self.y, 0.2, 0.6);
        self.y += 4.2;
    }

    /// Label–value pairs in `cols` columns; values wrap within their column.
    pub fn grid(&mut self, pairs: &[(String, String)], cols: usize) {
        let colw = self.width() / cols as f32;
        for chunk in pairs.chunks(cols) {
            let mut h: f32 = 0.0;
            let wrapped: Vec<Vec<String>> = chunk
                .iter()
                .map(|(_, v)| self.c.wrap(v, colw - 3.0, BODY))
                .collect();
            for w in &wrapped {
                h = h.max(3.4 + w.len() as f32 * LINE);
            }
            self.room(h);
            for (i, ((label, _), lines)) in chunk.iter().zip(&wrapped).enumerate() {
                let x = self.left + i as f32 * colw;
                self.c.text(x, self.y, label, LABEL, Align::Left);
                for (j, l) in lines.iter().enumerate() {
                    self.c
                        .text(x, self.y + 3.8 + j as f32 * LINE, l, BODY, Align::Left);
                }
            }
            self.y += h + 1.5;
        }
    }

    /// A wrapped paragraph.
    pub fn para(&mut self, text: &str, style: Style) {
        for l in self.c.wrap(text, self.width(), style) {
            self.room(LINE);
            self.c.text(self.left, self.y, &l, style, Align::Left);
            self.y += LINE;
        }
    }

    fn table_head(&mut self, cols: &[Column]) {
        self.c
            .fill(self.left, self.y - 3.6, self.width(), 5.4, 0.92);
        let mut x = self.left;
        for col in cols {
            let tx = match col.align {
                Align::Right => x + col.width - 1.5,
                Align::Center => x + col.width / 2.0,
                Align::Left => x + 1.5,
            };
            self.c.text(
                tx,
                self.y,
                self.t(col.head),
                Style::new(7.5).bold(),
                col.align,
            );
            x += col.width;
        }
        self.y += 5.0;
    }

    /// A table whose rows flow over pages; the first column wraps, and a row may
    /// carry a second, muted line (part number, brand, kind).
    pub fn table(&mut self, cols: &[Column], rows: &[(Vec<String>, Option<String>)]) {
        self.y += 2.0;
        self.room(12.0);
        self.table_head(cols);
        for (cells, note) in rows {
            let lines = self.c.wrap(&cells[0], cols[0].width - 3.0, BODY);
            let note_lines = note
                .as_ref()
                .map(|n| self.c.wrap(n, cols[0].width - 3.0, SMALL))
                .unwrap_or_default();
            let h = lines.len() as f32 * LINE + note_lines.len() as f32 * 3.4 + 1.6;
            if self.room(h) {
                self.table_head(cols);
            }
            let mut x = self.left;
            for (i, col) in cols.iter().enumerate() {
                if i == 0 {
                    for (j, l) in lines.iter().enumerate() {
                        self.c
                            .text(x + 1.5, self.y + j as f32 * LINE, l, BODY, Align::Left);
                    }
                    for (j, l) in note_lines.iter().enumerate() {
                        self.c.text(
                            x + 1.5,
                            self.y + lines.len() as f32 * LINE + j as f32 * 3.4 - 0.6,
                            l,
                            SMALL.muted(),
                            Align::Left,
                        );
                    }
                } else {
                    let tx = match col.align {
                        Align::Right => x + col.width - 1.5,
                        Align::Center => x + col.width / 2.0,
                        Align::Left => x + 1.5,
                    };
                    self.c.text(
                        tx,
                        self.y,
                        cells.get(i).map(String::as_str).unwrap_or(""),
                        BODY,
                        col.align,
                    );
                }
                x += col.width;
            }
            self.y += h;
            self.c.rule(self.left, self.right, self.y - 3.2, 0.1, 0.8);
        }
        self.y += 2.0;
    }

    /// Right-aligned label–amount lines; `strong` rows are bold with a rule above.
    pub fn totals(&mut self, rows: &[(String, String, bool)]) {
        self.room(rows.len() as f32 * 5.0 + 4.0);
        let x_val = self.right - 1.5;
        let x_lab = self.right - 42.0;
        for (label, value, strong) in rows {
            let style = if *strong {
                Style::new(10.0).bold()
            } else {
                BODY
            };
            if *strong {
                self.y += 1.6;
                self.c
                    .rule(x_lab - 30.0, self.right, self.y - 4.4, 0.3, 0.0);
            }
            self.c.text(x_lab, self.y, label, style, Align::Right);
            self.c.text(x_val, self.y, value, style, Align::Right);
            self.y += if *strong { 5.8 } else { 4.6 };
        }
    }

    /// A signature box with a caption (and the image when there is one).
    pub fn signature(&mut self, x: f32, w: f32, caption: &str, image: Option<&[u8]>) {
        let top = self.y;
        if let Some(img) = image {
            self.c.image(x, top, w, 14.0, img);
        }
        self.c.rule(x, x + w, top + 15.0, 0.2, 0.0);
        self.c.text(x, top + 18.5, caption, LABEL, Align::Left);
    }

    /// "Page N of M" and the shop's name at the foot of every page.
    pub fn finish(mut self) -> Vec<u8> {
        let lang = self.lang;
        let (left, right) = (self.left, self.right);
        let foot = self.c.height - 10.0;
        let name = self.shop.name.clone();
        self.c.on_every_page(|c, n, total| {
            c.rule(left, right, foot - 4.0, 0.1, 0.7);
            c.text(left, foot, &name, SMALL.muted(), Align::Left);
            let label = match lang {
                Lang::En => format!("{} {n} {} {total}", t(lang, "page"), t(lang, "of")),
                Lang::ZhCn => format!(
                    "{}{n}{}{total}{}",
                    t(lang, "page"),
                    t(lang, "of"),
                    t(lang, "pages_end")
                ),
            };
            c.text(right, foot, &label, SMALL.muted(), Align::Right);
        });
        self.c.finish()
    }
}
