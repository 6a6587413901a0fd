//! The fonts every document prints with, shipped inside Jobcard (see
//! assets/fonts/LICENSES.md) and parsed once per process: Noto Sans for Latin
//! text, Droid Sans Fallback for Chinese. Text is split into runs by which font
//! has the glyph, and measured here so columns align and amounts right-align.
//!
//! Chinese prints from two fonts cut from the one file: the characters of
//! GB 2312 (its 6,763 hanzi and symbols — nearly every name, address and word
//! a document carries), made once per process as a font of their own, and the
//! whole file for any rarer character. Every document embeds a subset of what
//! it uses; subsetting from the small font instead of the whole file (which
//! reads every glyph and every cmap entry each time) is what keeps printing a
//! Chinese settlement list under 5 ms (docs/benchmarks.md).

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
    /// Chinese in GB 2312: the common characters' own font.
    Cjk,
    /// A rarer Chinese character: the whole font.
    CjkRare,
}

impl Which {
    pub fn index(self) -> usize {
        match self {
            Which::Regular => 0,
            Which::Bold => 1,
            Which::Cjk => 2,
            Which::CjkRare => 3,
        }
    }

    /// Whether the run is Chinese (drawn bold by stroking: the font has no bold).
    pub fn is_cjk(self) -> bool {
        matches!(self, Which::Cjk | Which::CjkRare)
    }
}

/// The GB 2312 characters (symbols in rows 0xA1–0xA9, hanzi in 0xB0–0xF7) of
/// the Chinese font, cut out as a font of their own (allsorts, as printpdf
/// subsets); made once per process and kept for it.
fn common_cjk() -> &'static [u8] {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset, CmapTarget, SubsetProfile};
    let face = Face::parse(CJK, 0).expect("shipped font parses");
    let mut glyphs = std::collections::BTreeSet::new();
    for hi in (0xA1u8..=0xA9).chain(0xB0..=0xF7) {
        for lo in 0xA1u8..=0xFE {
            let pair = [hi, lo];
            let (text, _, bad) = encoding_rs::GB18030.decode(&pair);
            if bad {
                continue;
            }
            glyphs.extend(
                text.chars()
                    .filter_map(|c| face.glyph_index(c))
                    .map(|g| g.0),
            );
        }
    }
    glyphs.remove(&0);
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs).collect();
    let scope = ReadScope::new(CJK);
    let cut = scope
        .read::<FontData<'_>>()
        .ok()
        .and_then(|file| file.table_provider(0).ok())
        .and_then(|p| subset(&p, &ids, &SubsetProfile::Minimal, CmapTarget::Unicode).ok());
    // Should the cut ever fail, the whole font serves (slower, never wrong).
    match cut {
        Some(bytes) => Box::leak(bytes.into_boxed_slice()),
        None => CJK,
    }
}

pub struct Fonts {
    faces: [Face<'static>; 4],
    pub parsed: [ParsedFont; 4],
    /// Advances of printable ASCII in the regular and bold faces (em units):
    /// most of every document, looked up without touching the font tables.
    ascii: [[f32; 96]; 2],
}

fn load() -> Fonts {
    let parse = |b: &'static [u8]| {
        ParsedFont::from_bytes(b, 0, &mut Vec::new()).expect("shipped font parses")
    };
    let face = |b: &'static [u8]| Face::parse(b, 0).expect("shipped font parses");
    let common = common_cjk();
    let faces = [face(REGULAR), face(BOLD), face(common), face(CJK)];
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
        parsed: [parse(REGULAR), parse(BOLD), parse(common), parse(CJK)],
        ascii,
    }
}

/// The fonts, parsed on first use.
pub fn get() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(load)
}

impl Fonts {
    /// The font that draws `c`: Noto when it has the glyph, else the common
    /// Chinese font, else the whole Chinese font.
    pub fn pick(&self, c: char, bold: bool) -> Which {
        let latin = if bold { Which::Bold } else { Which::Regular };
        if self.faces[latin.index()].glyph_index(c).is_some() || c.is_whitespace() {
            latin
        } else if self.faces[Which::Cjk.index()].glyph_index(c).is_some() {
            Which::Cjk
        } else {
            Which::CjkRare
        }
    }

    /// Whether a shipped font can draw `c`.
    pub fn covers(&self, c: char) -> bool {
        // Chinese first for Chinese characters: most of a Chinese document.
        let order: [usize; 3] = if u32::from(c) >= 0x2E80 {
            [3, 0, 1]
        } else {
            [0, 1, 3]
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

    #[test]
    fn common_chinese_prints_from_its_own_font_and_rare_from_the_whole_one() {
        let f = get();
        // 䶮 (U+4DAE) and 𠀀 are not in GB 2312; the whole font has the first.
        assert_eq!(
            f.runs("陈䶮", false),
            vec![(Which::Cjk, "陈"), (Which::CjkRare, "䶮")]
        );
        assert!(f.covers('䶮'));
        // The common font draws what the whole font draws, at the same width.
        for c in "机动车维修结算清单，（）：￥".chars() {
            assert_eq!(f.pick(c, false), Which::Cjk, "{c}");
            assert_eq!(
                f.advance(Which::Cjk, c),
                f.advance(Which::CjkRare, c),
                "{c}"
            );
        }
    }
}
