//! The built-in app icons (`icon-192.png`, `icon-512.png`): the favicon's card drawn at phone
//! sizes, since home screens (iOS above all) want PNG. A tiny palette PNG writer with its own
//! deflate (fixed Huffman codes, runs as distance-1 matches): flat shapes compress to a few KB.

/// Palette: 0 transparent, 1 the theme's blue, 2 white.
const PALETTE: [[u8; 3]; 3] = [[0, 0, 0], [0x0b, 0x5c, 0xad], [0xff, 0xff, 0xff]];

/// The icon at `size` pixels square, as PNG bytes.
pub fn png(size: u32) -> Vec<u8> {
    let pixels = draw(size);
    let mut raw = Vec::with_capacity(pixels.len() + size as usize);
    for row in pixels.chunks(size as usize) {
        raw.push(0); // filter: none
        raw.extend_from_slice(row);
    }
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&size.to_be_bytes());
    ihdr.extend_from_slice(&size.to_be_bytes());
    ihdr.extend_from_slice(&[8, 3, 0, 0, 0]); // 8-bit palette indexes
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"PLTE", &PALETTE.concat());
    chunk(&mut out, b"tRNS", &[0]);
    chunk(&mut out, b"IDAT", &zlib(&raw));
    chunk(&mut out, b"IEND", &[]);
    out
}

/// The favicon's shapes on a 32-unit grid: a blue rounded square, a white card, two lines.
fn draw(size: u32) -> Vec<u8> {
    let scale = f64::from(size) / 32.0;
    let mut pixels = vec![0u8; (size * size) as usize];
    for y in 0..size {
        for x in 0..size {
            let (u, v) = ((f64::from(x) + 0.5) / scale, (f64::from(y) + 0.5) / scale);
            let line = |y0: f64, x0: f64, x1: f64| {
                let dx = if u < x0 {
                    x0 - u
                } else if u > x1 {
                    u - x1
                } else {
                    0.0
                };
                dx.hypot(v - y0) <= 1.0
            };
            pixels[(y * size + x) as usize] = if line(14.0, 11.0, 21.0) || line(18.0, 11.0, 17.0) {
                1
            } else if rounded(u, v, (7.0, 9.0, 25.0, 23.0), 2.0) {
                2
            } else if rounded(u, v, (0.0, 0.0, 32.0, 32.0), 7.0) {
                1
            } else {
                0
            };
        }
    }
    pixels
}

/// Whether (u, v) is inside the rectangle (x0, y0, x1, y1) with corners of radius `r`.
fn rounded(u: f64, v: f64, (x0, y0, x1, y1): (f64, f64, f64, f64), r: f64) -> bool {
    if u < x0 || u > x1 || v < y0 || v > y1 {
        return false;
    }
    let cx = u.clamp(x0 + r, x1 - r);
    let cy = v.clamp(y0 + r, y1 - r);
    (u - cx).hypot(v - cy) <= r
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zlib stream: one fixed-Huffman deflate block where each run of a byte is the byte and a
/// match at distance 1.
fn zlib(data: &[u8]) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.push(1, 1); // final block
    bits.push(1, 2); // fixed Huffman codes
    let mut i = 0;
    while i < data.len() {
        literal(&mut bits, data[i]);
        let mut run = 0;
        while i + 1 + run < data.len() && data[i + 1 + run] == data[i] && run < 258 {
            run += 1;
        }
        if run >= 3 {
            length(&mut bits, run);
            bits.push_code(0, 5); // distance code 0: distance 1
            i += 1 + run;
        } else {
            i += 1;
        }
    }
    bits.push_code(0, 7); // end of block (256)
    let mut out = vec![0x78, 0x01];
    out.extend(bits.finish());
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

fn literal(bits: &mut Bits, byte: u8) {
    let byte = u32::from(byte);
    if byte < 144 {
        bits.push_code(0x30 + byte, 8);
    } else {
        bits.push_code(0x190 + byte - 144, 9);
    }
}

/// A match length (3..=258) as its fixed code and extra bits.
fn length(bits: &mut Bits, len: usize) {
    const BASE: [u16; 29] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
        131, 163, 195, 227, 258,
    ];
    const EXTRA: [u8; 29] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ];
    let len = len as u16;
    let index = BASE.iter().rposition(|&b| b <= len).unwrap_or(0);
    let symbol = 257 + index as u32;
    if symbol < 280 {
        bits.push_code(symbol - 256, 7);
    } else {
        bits.push_code(0xc0 + symbol - 280, 8);
    }
    bits.push(u32::from(len - BASE[index]), EXTRA[index]);
}

/// Bits written least significant first, as deflate packs them.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    current: u32,
    count: u8,
}

impl Bits {
    fn push(&mut self, value: u32, width: u8) {
        for k in 0..width {
            self.current |= ((value >> k) & 1) << self.count;
            self.count += 1;
            if self.count == 8 {
                self.out.push(self.current as u8);
                self.current = 0;
                self.count = 0;
            }
        }
    }

    /// A Huffman code, which deflate stores most significant bit first.
    fn push_code(&mut self, code: u32, width: u8) {
        for k in (0..width).rev() {
            self.push((code >> k) & 1, 1);
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.out.push(self.current as u8);
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_are_small_pngs() {
        let icon = png(512);
        assert!(icon.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(icon.len() < 40_000, "{}", icon.len());
        assert_eq!(crc32(b"IEND"), 0xae42_6082);
    }
}
