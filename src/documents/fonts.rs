//! The fonts every document prints with, shipped inside Jobcard (see
//! assets/fonts/LICENSES.md) and parsed once per process: Noto Sans for Latin
//! text, Droid Sans Fallback for Chinese. Text is split into runs by which font
//! has the glyph, and measured here so columns align and amounts right-align.

use printpdf::ParsedFont;
use std::sync::OnceLock;
use ttf_parser::Face;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
static CJK: &[u8] = include_bytes!("../../assets/fonts/DroidSansFallbackFull.ttf");

/// Characters that only shape the one before them (zero-width joiner,
/// variation selectors, emoji skin tones): nothing to name on paper.
fn shapes_only(c: char) -> bool {
    matches!(u32::from(c), 0x200D | 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0xE0100..=0xE01EF)
}

/// Which shipped font a run of text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Regular,
    Bold,
    Cjk,
}

impl Which {
    pub fn index(self) -> usize {
        match self {
            Which::Regular => 0,
            Which::Bold => 1,
            Which::Cjk => 2,
        }
    }
}

pub struct Fonts {
    faces: [Face<'static>; 3],
    pub parsed: [ParsedFont; 3],
    /// Advances of printable ASCII in the regular and bold faces (em units):
    /// most of every document, looked up without touching the font tables.
    ascii: [[f32; 96]; 2],
}

fn load() -> Fonts {
    let parse = |b: &'static [u8]| {
        ParsedFont::from_bytes(b, 0, &mut Vec::new()).expect("shipped font parses")
    };
    let face = |b: &'static [u8]| Face::parse(b, 0).expect("shipped font parses");
    let faces = [face(REGULAR), face(BOLD), face(CJK)];
    let mut ascii = [[0.0; 96]; 2];
    for (w, table) in ascii.iter_mut().enumerate() {
        let f = &faces[w];
        let upem = f.units_per_em() as f32;
        for (i, slot) in table.iter_mut().enumerate() {
            let c = char::from(32 + i as u8);
            *slot = f
                .glyph_index(c)
                .and_then(|g| f.glyph_hor_advance(g))
                .unwrap_or(0) as f32
                / upem;
        }
    }
    Fonts {
        faces,
        parsed: [parse(REGULAR), parse(BOLD), parse(CJK)],
        ascii,
    }
}

/// The fonts, parsed on first use.
pub fn get() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(load)
}

impl Fonts {
    /// The font that draws `c`: Noto when it has the glyph, else the CJK font.
    pub fn pick(&self, c: char, bold: bool) -> Which {
        let latin = if bold { Which::Bold } else { Which::Regular };
        if self.faces[latin.index()].glyph_index(c).is_some() || c.is_whitespace() {
            latin
        } else {
            Which::Cjk
        }
    }

    /// Whether a shipped font can draw `c`.
    pub fn covers(&self, c: char) -> bool {
        // Chinese first for Chinese characters: most of a Chinese document.
        let order: [usize; 3] = if u32::from(c) >= 0x2E80 {
            [2, 0, 1]
        } else {
            [0, 1, 2]
        };
        c.is_whitespace()
            || order
                .iter()
                .any(|&i| self.faces[i].glyph_index(c).is_some())
    }

    /// `text` as it can print: a character no shipped font can draw (an emoji, a
    /// rare symbol) is named plainly in brackets — "(grinning face)" — rather than
    /// shown as "?"; the joiners and variation selectors that only shape such a
    /// character are dropped. Text every font covers is returned as it is.
    pub fn printable<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let ok = |c: char| c.is_ascii() || self.covers(c);
        if text.chars().all(ok) {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + 16);
        for c in text.chars() {
            if ok(c) {
                out.push(c);
            } else if shapes_only(c) {
                continue;
            } else {
                let name = unicode_names2::name(c)
                    .map(|n| n.to_string().to_lowercase())
                    .unwrap_or_else(|| format!("U+{:04X}", u32::from(c)));
                out.push('(');
                out.push_str(&name);
                out.push(')');
            }
        }
        std::borrow::Cow::Owned(out)
    }

    /// Splits `text` into runs that one font can draw.
    pub fn runs<'t>(&self, text: &'t str, bold: bool) -> Vec<(Which, &'t str)> {
        let mut out: Vec<(Which, &'t str)> = Vec::new();
        let mut start = 0;
        let mut current: Option<Which> = None;
        for (i, c) in text.char_indices() {
            let w = self.pick(c, bold);
            match current {
                Some(cur) if cur != w => {
                    out.push((cur, &text[start..i]));
                    start = i;
                    current = Some(w);
                }
                None => current = Some(w),
                _ => {}
            }
        }
        if let Some(cur) = current {
            out.push((cur, &text[start..]));
        }
        out
    }

    /// Advance width of `c` in font units per em.
    fn advance(&self, which: Which, c: char) -> f32 {
        let face = &self.faces[which.index()];
        let upem = face.units_per_em() as f32;
        let adv = face
            .glyph_index(c)
            .and_then(|g| face.glyph_hor_advance(g))
            .unwrap_or((upem * 0.5) as u16);
        adv as f32 / upem
    }

    /// Advance of one character in em units, in the font it will be drawn with.
    pub fn char_width(&self, c: char, bold: bool) -> f32 {
        if (' '..='\u{7e}').contains(&c) {
            return self.ascii[bold as usize][c as usize - 32];
        }
        self.advance(self.pick(c, bold), c)
    }

    /// Width of `text` at `size` points, in points.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        text.chars().map(|c| self.char_width(c, bold)).sum::<f32>() * size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_and_chinese_go_to_their_fonts() {
        let f = get();
        let runs = f.runs("粤B12345 王小明", false);
        assert_eq!(
            runs,
            vec![
                (Which::Cjk, "粤"),
                (Which::Regular, "B12345 "),
                (Which::Cjk, "王小明")
            ]
        );
        assert!(f.width("WWW", 10.0, false) > f.width("iii", 10.0, false));
        assert!(f.width("MMM", 10.0, true) >= f.width("MMM", 10.0, false));
        assert_eq!(
            f.printable("a\u{2603}b 👍🏽 ❤️"),
            "a(snowman)b (thumbs up sign) (heavy black heart)"
        );
        assert!(matches!(
            f.printable("plain 中文"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
