//! A drawing surface in millimetres from the top-left corner, over printpdf's
//! operations: text in the shipped fonts (split into runs per font, aligned,
//! wrapped), lines, boxes, images, QR codes and Code 128 barcodes, on pages that
//! are numbered "page N of M" once the whole document is laid out.

use super::fonts::{self, Which};
use printpdf::{
    Color, FontId, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    Pt, RawImage, Rect, Rgb, TextItem, TextRenderingMode, XObjectTransform,
};

const PT_PER_MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// How a piece of text looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub grey: f32,
}

impl Style {
    pub const fn new(size: f32) -> Style {
        Style {
            size,
            bold: false,
            grey: 0.0,
        }
    }
    pub const fn bold(self) -> Style {
        Style { bold: true, ..self }
    }
    pub const fn muted(self) -> Style {
        Style { grey: 0.4, ..self }
    }
}

pub struct Canvas {
    pub width: f32,
    pub height: f32,
    doc: PdfDocument,
    font_ids: [Option<FontId>; 4],
    pages: Vec<Vec<Op>>,
}

fn grey(g: f32) -> Color {
    Color::Rgb(Rgb {
        r: g,
        g,
        b: g,
        icc_profile: None,
    })
}

impl Canvas {
    /// A document whose pages are `width` × `height` mm.
    pub fn new(title: &str, width: f32, height: f32) -> Canvas {
        Canvas {
            width,
            height,
            doc: PdfDocument::new(title),
            font_ids: [None, None, None, None],
            pages: vec![Vec::new()],
        }
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Switches drawing to page `index` (0-based), e.g. to add footers.
    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a canvas has a page")
    }

    fn font(&mut self, w: Which) -> FontId {
        if let Some(id) = &self.font_ids[w.index()] {
            return id.clone();
        }
        let id = self.doc.add_font(&fonts::get().parsed[w.index()]);
        self.font_ids[w.index()] = Some(id.clone());
        id
    }

    fn pt(&self, x: f32, y: f32) -> Point {
        Point {
            x: Pt(x * PT_PER_MM),
            y: Pt((self.height - y) * PT_PER_MM),
        }
    }

    /// Text width in mm.
    pub fn measure(&self, text: &str, style: Style) -> f32 {
        let f = fonts::get();
        f.width(&f.printable(text), style.size, style.bold) / PT_PER_MM
    }

    /// Draws one line of text with its baseline at `y`; `x` is the left edge,
    /// right edge or centre by `align`. Returns the text's width in mm.
    pub fn text(&mut self, x: f32, y: f32, text: &str, style: Style, align: Align) -> f32 {
        let printable = fonts::get().printable(text);
        let text = printable.as_ref();
        let width = self.measure(text, style);
        let mut left = match align {
            Align::Left => x,
            Align::Right => x - width,
            Align::Center => x - width / 2.0,
        };
        let f = fonts::get();
        for (which, run) in f.runs(text, style.bold) {
            let id = self.font(which);
            let pos = self.pt(left, y);
            let fake_bold = style.bold && which.is_cjk();
            let ops = self.ops();
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFillColor {
                col: grey(style.grey),
            });
            if fake_bold {
                ops.push(Op::SetOutlineColor {
                    col: grey(style.grey),
                });
                ops.push(Op::SetOutlineThickness {
                    pt: Pt(style.size / 30.0),
                });
                ops.push(Op::SetTextRenderingMode {
                    mode: TextRenderingMode::FillStroke,
                });
            }
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(id),
                size: Pt(style.size),
            });
            ops.push(Op::SetTextCursor { pos });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(run.to_string())],
            });
            if fake_bold {
                ops.push(Op::SetTextRenderingMode {
                    mode: TextRenderingMode::Fill,
                });
            }
            ops.push(Op::EndTextSection);
            left += fonts::get().width(run, style.size, style.bold) / PT_PER_MM;
        }
        width
    }

    /// Breaks `text` into lines no wider than `width` mm: at spaces, or between
    /// any two Chinese characters; a word longer than a line is cut.
    pub fn wrap(&self, text: &str, width: f32, style: Style) -> Vec<String> {
        let printable = fonts::get().printable(text);
        let text = printable.as_ref();
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let f = fonts::get();
            let em_per_mm = style.size / PT_PER_MM;
            let mut line = String::new();
            let mut line_w = 0.0f32;
            let mut last_break: Option<usize> = None;
            let chars: Vec<char> = para.chars().collect();
            for (i, &c) in chars.iter().enumerate() {
                line.push(c);
                line_w += f.char_width(c, style.bold) * em_per_mm;
                if line_w > width && line.chars().count() > 1 {
                    let cut = match last_break {
                        Some(b) if b > 0 => b,
                        _ => line.len() - c.len_utf8(),
                    };
                    let rest = line.split_off(cut);
                    lines.push(line.trim_end().to_string());
                    line = rest.trim_start_matches(' ').to_string();
                    line_w = self.measure(&line, style);
                    last_break = None;
                }
                // A break may follow a space or a Chinese character (not one before punctuation).
                let next_glued = chars
                    .get(i + 1)
                    .is_some_and(|n| "，。、；：）」』,.;:)".contains(*n));
                if c == ' ' || (c as u32 >= 0x2E80 && !next_glued) {
                    last_break = Some(line.len());
                }
            }
            lines.push(line.trim_end().to_string());
        }
        lines
    }

    /// A horizontal rule from `x1` to `x2` at `y`, `weight` mm thick.
    pub fn rule(&mut self, x1: f32, x2: f32, y: f32, weight: f32, shade: f32) {
        self.fill(x1, y - weight / 2.0, x2 - x1, weight, shade);
    }

    /// A filled box with its top-left corner at (`x`, `y`).
    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, shade: f32) {
        let p = self.pt(x, y + h);
        let ops = self.ops();
        ops.push(Op::SetFillColor { col: grey(shade) });
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: p.x,
                y: p.y,
                width: Pt(w * PT_PER_MM),
                height: Pt(h * PT_PER_MM),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
    }

    /// An empty tick box, `size` mm square, its bottom at the baseline `y`.
    pub fn tick_box(&mut self, x: f32, y: f32, size: f32) {
        let w = 0.25;
        self.fill(x, y - size, size, w, 0.0);
        self.fill(x, y - w, size, w, 0.0);
        self.fill(x, y - size, w, size, 0.0);
        self.fill(x + size - w, y - size, w, size, 0.0);
    }

    /// A QR code of `data`, `size` mm square, top-left at (`x`, `y`).
    pub fn qr(&mut self, x: f32, y: f32, size: f32, data: &str) {
        let Ok(code) =
            qrcode::QrCode::with_error_correction_level(data.as_bytes(), qrcode::EcLevel::M)
        else {
            return;
        };
        let n = code.width();
        let colors = code.to_colors();
        let quiet = 2.0;
        let cell = size / (n as f32 + 2.0 * quiet);
        for row in 0..n {
            let mut col = 0;
            while col < n {
                if colors[row * n + col] == qrcode::Color::Dark {
                    let start = col;
                    while col < n && colors[row * n + col] == qrcode::Color::Dark {
                        col += 1;
                    }
                    let len = (col - start) as f32;
                    self.fill(
                        x + (quiet + start as f32) * cell,
                        y + (quiet + row as f32) * cell,
                        len * cell + 0.01,
                        cell + 0.01,
                        0.0,
                    );
                } else {
                    col += 1;
                }
            }
        }
    }

    /// A Code 128 barcode of `data` (ASCII), `w` × `h` mm, top-left at (`x`, `y`).
    pub fn code128(&mut self, x: f32, y: f32, w: f32, h: f32, data: &str) {
        let Ok(code) = barcoders::sym::code128::Code128::new(format!("Ɓ{data}")) else {
            return;
        };
        let bars = code.encode();
        let module = w / bars.len() as f32;
        let mut i = 0;
        while i < bars.len() {
            if bars[i] == 1 {
                let start = i;
                while i < bars.len() && bars[i] == 1 {
                    i += 1;
                }
                self.fill(
                    x + start as f32 * module,
                    y,
                    (i - start) as f32 * module,
                    h,
                    0.0,
                );
            } else {
                i += 1;
            }
        }
    }

    /// A PNG or JPEG fitted into `w` × `h` mm at top-left (`x`, `y`), aspect kept.
    /// Returns the width used, or `None` when the image cannot be read.
    pub fn image(&mut self, x: f32, y: f32, w: f32, h: f32, bytes: &[u8]) -> Option<f32> {
        let img = RawImage::decode_from_bytes(bytes, &mut Vec::new()).ok()?;
        let (pw, ph) = (img.width as f32, img.height as f32);
        if pw <= 0.0 || ph <= 0.0 {
            return None;
        }
        let scale_mm = (w / pw).min(h / ph);
        let (dw, dh) = (pw * scale_mm, ph * scale_mm);
        let id = self.doc.add_image(&img);
        let p = self.pt(x, y + dh);
        let dpi = 25.4 / scale_mm;
        self.ops().push(Op::UseXobject {
            id,
            transform: XObjectTransform {
                translate_x: Some(p.x),
                translate_y: Some(p.y),
                dpi: Some(dpi),
                ..Default::default()
            },
        });
        Some(dw)
    }

    /// Adds to every page what `f` draws, given the page's number and the count
    /// (footers: "page N of M").
    pub fn on_every_page(&mut self, mut f: impl FnMut(&mut Canvas, usize, usize)) {
        let total = self.pages.len();
        let pages = std::mem::take(&mut self.pages);
        let mut done = Vec::with_capacity(total);
        for (i, ops) in pages.into_iter().enumerate() {
            self.pages = vec![ops];
            f(self, i + 1, total);
            done.push(self.pages.pop().expect("page"));
        }
        self.pages = done;
    }

    /// The finished PDF, fonts embedded as subsets.
    ///
    /// printpdf lays the document out; the streams are then deflated here at
    /// zlib level 4 (printpdf's own pass uses level 9, for a 20-line settlement
    /// list about 1 ms more for 1 % fewer bytes), and the objects and the
    /// cross-references are written as compressed PDF 1.5 object and xref
    /// streams, which saves more bytes than the lower level gives up
    /// (40.9 KB → 38.9 KB). Measured by `jobcard bench` (docs/benchmarks.md).
    pub fn finish(self) -> Vec<u8> {
        let (w, h) = (self.width, self.height);
        let pages = self
            .pages
            .into_iter()
            .map(|ops| PdfPage::new(Mm(w), Mm(h), ops))
            .collect();
        let mut doc = self.doc;
        let doc = doc.with_pages(pages);
        let plain = PdfSaveOptions {
            optimize: false,
            ..PdfSaveOptions::default()
        };
        let mut pdf = doc.to_lopdf_document(&plain, &mut Vec::new());
        // One deflater for every stream: setting one up zeroes its window,
        // which costs more than deflating a small stream.
        let mut z = flate2::Compress::new(flate2::Compression::new(4), true);
        for object in pdf.objects.values_mut() {
            if let lopdf::Object::Stream(stream) = object {
                deflate(stream, &mut z);
            }
        }
        let mut out = Vec::new();
        let options = lopdf::SaveOptions::builder()
            .use_object_streams(true)
            .use_xref_streams(true)
            .compression_level(4)
            .build();
        match pdf.save_with_options(&mut out, options) {
            Ok(()) => out,
            // Writing into memory does not fail; should it, the classic layout.
            Err(_) => {
                out.clear();
                let _ = pdf.save_to(&mut out);
                out
            }
        }
    }
}

/// Deflates a stream that has no filter yet, when that makes it smaller.
fn deflate(stream: &mut lopdf::Stream, z: &mut flate2::Compress) {
    use flate2::{FlushCompress, Status};
    if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
        return;
    }
    z.reset();
    let mut packed = Vec::with_capacity(stream.content.len() / 2 + 128);
    loop {
        let read = z.total_in() as usize;
        match z.compress_vec(&stream.content[read..], &mut packed, FlushCompress::Finish) {
            Ok(Status::StreamEnd) => break,
            Ok(_) => packed.reserve(packed.capacity().max(1024)),
            Err(_) => return,
        }
    }
    if packed.len() + 19 < stream.content.len() {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(packed);
    }
}
