//! A real PNG of a handwritten-looking signature stroke, drawn in memory, for the
//! demo shop's signed approvals and acknowledgments. Stored-deflate PNG: valid for
//! every decoder, no image crate needed.

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + x as u32) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend(data);
    out.extend(&body);
    out.extend(crc32(&body).to_be_bytes());
}

/// A 240×80 greyscale PNG with a signature-like stroke; `seed` varies the stroke.
pub fn png(seed: u32) -> Vec<u8> {
    let (w, h) = (240usize, 80usize);
    let mut px = vec![255u8; w * h];
    let s = (seed % 7) as f64;
    for x in 10..230 {
        let t = x as f64 / 18.0;
        let y =
            40.0 + 18.0 * (t + s).sin() * (0.6 + 0.4 * (t * 0.5).cos()) + 6.0 * (t * 2.7 + s).sin();
        for dy in -1i32..=1 {
            let yy = (y as i32 + dy).clamp(0, h as i32 - 1) as usize;
            px[yy * w + x] = 20;
        }
    }
    let mut raw = Vec::with_capacity((w + 1) * h);
    for row in px.chunks(w) {
        raw.push(0);
        raw.extend(row);
    }
    let mut z = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65535).collect();
    for (i, b) in blocks.iter().enumerate() {
        z.push(if i + 1 == blocks.len() { 1 } else { 0 });
        let len = b.len() as u16;
        z.extend(len.to_le_bytes());
        z.extend((!len).to_le_bytes());
        z.extend(*b);
    }
    z.extend(adler32(&raw).to_be_bytes());
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    let mut ihdr = Vec::new();
    ihdr.extend((w as u32).to_be_bytes());
    ihdr.extend((h as u32).to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// The signature as base64, as commands take it.
pub fn base64(seed: u32) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(png(seed))
}

#[cfg(test)]
mod tests {
    #[test]
    fn crc_matches_the_png_spec_example() {
        assert_eq!(super::crc32(b"IEND"), 0xAE42_6082);
        assert!(super::png(1).starts_with(&[0x89, b'P', b'N', b'G']));
    }
}
