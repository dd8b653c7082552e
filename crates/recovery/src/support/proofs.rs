//! Proofs of ownership as they arrive (SECURITY.md S27): the type is decided by the bytes, not
//! the name; only JPEG, PNG, WebP and PDF are taken. An image is decoded and drawn again by the
//! `image` crate, within limits on its size and on the memory decoding may take, so that what
//! is kept carries no metadata (EXIF: GPS, the device) and nothing that was hidden in the file
//! beside the picture (a polyglot). A PDF is kept only if it parses as one, and is never
//! rendered by the service. A device's serial number or IMEI is text, the IMEI checked by its
//! Luhn digit.

use std::io::Cursor;

use image::{ImageFormat, ImageReader, Limits};

/// What a proof is meant to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProofKind {
    /// A photo of an identity document.
    IdDocument,
    /// A purchase receipt of a device.
    Receipt,
}

/// A file as it is kept: its type, and the bytes drawn again (an image) or checked (a PDF).
#[derive(Clone, PartialEq, Eq)]
pub struct CleanFile {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for CleanFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CleanFile")
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// Why a file is refused, each a stable reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UploadRefusal {
    /// Not JPEG, PNG, WebP or PDF by its content (an SVG, an HTML file named `.jpg`, …).
    #[error("not a JPEG, PNG, WebP or PDF file")]
    UnsupportedType,
    /// It starts like one of them but does not decode (truncated, damaged, a bomb).
    #[error("the file is damaged or too large to decode")]
    Damaged,
}

/// Pixels an image may have, and bytes its decoding may take: a phone photo fits, a
/// decompression bomb (a tiny PNG that unpacks to gigabytes) does not.
const MAX_PIXELS: u64 = 50_000_000;
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;
const MAX_SIDE: u32 = 12_000;

/// The file's type by its first bytes.
fn sniff(bytes: &[u8]) -> Option<ImageOrPdf> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageOrPdf::Image(ImageFormat::Jpeg))
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageOrPdf::Image(ImageFormat::Png))
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageOrPdf::Image(ImageFormat::WebP))
    } else if bytes.starts_with(b"%PDF-") {
        Some(ImageOrPdf::Pdf)
    } else {
        None
    }
}

enum ImageOrPdf {
    Image(ImageFormat),
    Pdf,
}

/// The file as it may be kept, or why not.
pub fn clean(bytes: &[u8]) -> Result<CleanFile, UploadRefusal> {
    match sniff(bytes).ok_or(UploadRefusal::UnsupportedType)? {
        ImageOrPdf::Image(format) => redraw(bytes, format),
        ImageOrPdf::Pdf => {
            lopdf::Document::load_mem(bytes).map_err(|_| UploadRefusal::Damaged)?;
            Ok(CleanFile { content_type: "application/pdf", bytes: bytes.to_vec() })
        }
    }
}

/// Decodes the image within the limits and draws it again: a JPEG as a JPEG (quality 90), a
/// PNG or WebP as a PNG. Only the pixels survive.
fn redraw(bytes: &[u8], format: ImageFormat) -> Result<CleanFile, UploadRefusal> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let (width, height) = reader.into_dimensions().map_err(|_| UploadRefusal::Damaged)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(UploadRefusal::Damaged);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let picture = reader.decode().map_err(|_| UploadRefusal::Damaged)?;
    let mut out = Vec::new();
    let content_type = match format {
        ImageFormat::Jpeg => {
            let encoder =
                image::codecs::jpeg::JpegEncoder::new_with_quality(Cursor::new(&mut out), 90);
            picture.to_rgb8().write_with_encoder(encoder).map_err(|_| UploadRefusal::Damaged)?;
            "image/jpeg"
        }
        _ => {
            picture
                .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
                .map_err(|_| UploadRefusal::Damaged)?;
            "image/png"
        }
    };
    Ok(CleanFile { content_type, bytes: out })
}

/// A kept file as staff see it before they choose to look closer: a picture shrunk to a few
/// dozen pixels across and drawn back at a viewable size, so that a face, a name or a number
/// cannot be read; a PDF (never rendered by the service) as a plain grey page. Always a PNG.
pub fn blurred(file: &CleanFile) -> Result<Vec<u8>, UploadRefusal> {
    const SHOWN_WIDTH: u32 = 480;
    const KEPT_WIDTH: u32 = 16;
    let shown = if file.content_type == "application/pdf" {
        image::DynamicImage::ImageLuma8(image::GrayImage::from_pixel(
            SHOWN_WIDTH,
            SHOWN_WIDTH * 4 / 3,
            image::Luma([200]),
        ))
    } else {
        let picture = image::load_from_memory(&file.bytes).map_err(|_| UploadRefusal::Damaged)?;
        let height = (picture.height() * KEPT_WIDTH / picture.width().max(1)).max(1);
        let tiny = picture.resize_exact(KEPT_WIDTH, height, image::imageops::FilterType::Triangle);
        let shown_height = (height * SHOWN_WIDTH / KEPT_WIDTH).max(1);
        tiny.resize_exact(SHOWN_WIDTH, shown_height, image::imageops::FilterType::Triangle)
    };
    let mut out = Vec::new();
    shown
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .map_err(|_| UploadRefusal::Damaged)?;
    Ok(out)
}

/// A device's identifier, as text: an IMEI (15 digits, its last the Luhn check digit) or a
/// serial number (4 to 64 letters, digits and dashes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviceId {
    Imei(String),
    Serial(String),
}

impl DeviceId {
    /// What the person typed: fifteen digits are an IMEI and must pass its check digit (a
    /// mistyped IMEI is not taken as a serial); anything else is a serial number.
    pub fn parse(typed: &str) -> Option<Self> {
        let digits: String = typed.chars().filter(|c| !matches!(c, ' ' | '-' | '/')).collect();
        if digits.len() == 15 && digits.bytes().all(|b| b.is_ascii_digit()) {
            Self::imei(&digits)
        } else {
            Self::serial(typed)
        }
    }

    /// An IMEI as typed (spaces, dashes and slashes dropped), checked by its Luhn digit.
    pub fn imei(typed: &str) -> Option<Self> {
        let digits: String = typed.chars().filter(|c| !matches!(c, ' ' | '-' | '/')).collect();
        (digits.len() == 15 && digits.bytes().all(|b| b.is_ascii_digit()) && luhn(&digits))
            .then_some(Self::Imei(digits))
    }

    /// A serial number as typed, trimmed and upper-cased.
    pub fn serial(typed: &str) -> Option<Self> {
        let serial = typed.trim().to_ascii_uppercase();
        ((4..=64).contains(&serial.len())
            && serial.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .then_some(Self::Serial(serial))
    }
}

/// The Luhn check over a string of ASCII digits.
fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30]));
        let mut out = Vec::new();
        picture.write_to(&mut Cursor::new(&mut out), ImageFormat::Png).expect("png");
        out
    }

    fn jpeg_with_gps() -> Vec<u8> {
        let picture = image::RgbImage::from_pixel(32, 24, image::Rgb([10, 120, 200]));
        let mut plain = Vec::new();
        picture.write_to(&mut Cursor::new(&mut plain), ImageFormat::Jpeg).expect("jpeg");
        // An APP1 EXIF segment naming a GPS position, right after the start-of-image marker.
        let exif = b"Exif\0\0MM\0*\0\0\0\x08\0\x01\x88\x25\0\x04\0\0\0\x01\0\0\0\x1aGPSLatitude 47.3769N 8.5417E";
        let length = u16::try_from(exif.len() + 2).expect("short");
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&length.to_be_bytes());
        out.extend_from_slice(exif);
        out.extend_from_slice(&plain[2..]);
        out
    }

    #[test]
    fn an_image_is_drawn_again_without_its_metadata() {
        let tagged = jpeg_with_gps();
        assert!(tagged.windows(11).any(|w| w == b"GPSLatitude"));
        let clean = clean(&tagged).expect("a JPEG");
        assert_eq!(clean.content_type, "image/jpeg");
        assert!(!clean.bytes.windows(4).any(|w| w == b"Exif"), "no EXIF kept");
        assert!(!clean.bytes.windows(11).any(|w| w == b"GPSLatitude"), "no GPS kept");
        let redrawn = image::load_from_memory(&clean.bytes).expect("still a picture");
        assert_eq!((redrawn.width(), redrawn.height()), (32, 24));
    }

    #[test]
    fn the_type_is_the_contents_not_the_name() {
        assert_eq!(
            clean(b"<html><script>alert(1)</script></html>").expect_err("refused"),
            UploadRefusal::UnsupportedType
        );
        assert_eq!(
            clean(br#"<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>"#)
                .expect_err("refused"),
            UploadRefusal::UnsupportedType
        );
        assert_eq!(clean(b"PK\x03\x04zip").expect_err("refused"), UploadRefusal::UnsupportedType);
        let png = png(8, 8);
        assert_eq!(
            clean(&png[..png.len() / 2]).expect_err("refused"),
            UploadRefusal::Damaged,
            "truncated"
        );
        assert_eq!(clean(b"%PDF-1.7\nnot really").expect_err("refused"), UploadRefusal::Damaged);
        // A polyglot: a PNG with an HTML page after its end. Only the picture is kept.
        let mut polyglot = png.clone();
        polyglot.extend_from_slice(b"<html><script>alert(1)</script></html>");
        let kept = clean(&polyglot).expect("the picture");
        assert!(!kept.bytes.windows(8).any(|w| w == b"<script>"));
    }

    #[test]
    fn a_decompression_bomb_is_refused_before_it_is_decoded() {
        // A well-formed PNG header saying 40,000 × 40,000 pixels: a few bytes that would unpack
        // to 4.8 GB. Its sides are refused from the header, before anything is decoded.
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&40_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&40_000u32.to_be_bytes());
        let crc = crc32(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.to_be_bytes());
        let mut reader = ImageReader::with_format(Cursor::new(&bomb), ImageFormat::Png);
        reader.no_limits();
        assert_eq!(reader.into_dimensions().expect("a valid header"), (40_000, 40_000));
        assert_eq!(clean(&bomb).expect_err("refused"), UploadRefusal::Damaged);
    }

    /// CRC-32 as PNG chunks carry it.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    #[test]
    fn a_real_pdf_is_kept_as_it_is() {
        let pdf = minimal_pdf();
        let kept = clean(&pdf).expect("a PDF");
        assert_eq!((kept.content_type, kept.bytes), ("application/pdf", pdf));
    }

    #[test]
    fn an_imei_is_checked_by_its_luhn_digit() {
        assert_eq!(
            DeviceId::imei("49-015420-323751-8"),
            Some(DeviceId::Imei("490154203237518".into()))
        );
        assert_eq!(DeviceId::imei("490154203237519"), None, "wrong check digit");
        assert_eq!(DeviceId::parse("490154203237519"), None, "and not taken as a serial");
        assert_eq!(DeviceId::imei("4901542032375"), None);
        assert_eq!(
            DeviceId::serial(" c02xk1abjg5h "),
            Some(DeviceId::Serial("C02XK1ABJG5H".into()))
        );
        assert_eq!(DeviceId::serial("<script>"), None);
    }

    /// A one-page PDF, written by hand with a correct cross-reference table.
    pub(super) fn minimal_pdf() -> Vec<u8> {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for offset in offsets {
            out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }
}
