//! What an uploaded file is, judged by its bytes, and the cleaning of photos: decoded, turned upright,
//! scaled to at most 2048 px on the long side and encoded again, which leaves every metadata block
//! (EXIF with its GPS position, XMP, comments) behind. Runs on a blocking thread.

use crate::errors::Problem;
use image::{codecs::jpeg::JpegEncoder, DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// The kinds of file a request accepts, recognised by their first bytes, never by their name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    Jpeg,
    Png,
    Webp,
    Pdf,
}

impl FileType {
    pub fn sniff(head: &[u8]) -> Option<FileType> {
        match head {
            [0xFF, 0xD8, 0xFF, ..] => Some(FileType::Jpeg),
            [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some(FileType::Png),
            [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some(FileType::Webp),
            [b'%', b'P', b'D', b'F', b'-', ..] => Some(FileType::Pdf),
            _ => None,
        }
    }

    fn format(self) -> Option<ImageFormat> {
        match self {
            FileType::Jpeg => Some(ImageFormat::Jpeg),
            FileType::Png => Some(ImageFormat::Png),
            FileType::Webp => Some(ImageFormat::WebP),
            FileType::Pdf => None,
        }
    }
}

/// More pixels than this is not a phone photo: a decompression bomb, or nothing a 311 agent needs.
pub const MAX_PIXELS: u64 = 50_000_000;
/// Stored photos are at most this long on their long side; browsers scale down before upload already.
pub const LONG_SIDE: u32 = 2048;
const THUMBNAIL_SIDE: u32 = 320;

/// A photo ready to store.
#[derive(Debug)]
pub struct CleanPhoto {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
}

/// Decodes, turns upright, scales down and re-encodes a photo: PNG stays PNG (screenshots, transparency),
/// JPEG and WebP become JPEG.
pub fn clean_photo(bytes: &[u8], file_type: FileType) -> Result<CleanPhoto, Problem> {
    let format = file_type.format().ok_or(Problem::FileType)?;
    let mut image = decode(bytes, format)?;
    if image.width().max(image.height()) > LONG_SIDE {
        // Area averaging in integers: as good as a filter when shrinking, faster, and without the large
        // floating-point buffer `resize` needs (130 MB for a 20 MP photo).
        image = image.thumbnail(LONG_SIDE, LONG_SIDE);
    }
    let result = match file_type {
        FileType::Png => {
            let mut out = Cursor::new(Vec::new());
            image.write_to(&mut out, ImageFormat::Png).map(|()| (out.into_inner(), "image/png"))
        }
        _ => jpeg(&image, 85).map(|bytes| (bytes, "image/jpeg")),
    };
    let (bytes, content_type) = result.map_err(|_| Problem::FileUnreadable)?;
    Ok(CleanPhoto { bytes, content_type })
}

/// A small JPEG for lists and the staff queue, from a photo already cleaned.
pub fn thumbnail(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let image = image::load_from_memory(bytes)?;
    Ok(jpeg(&image.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE), 80)?)
}

fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, Problem> {
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(Problem::FileUnreadable);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(30_000);
    limits.max_image_height = Some(30_000);
    // RGBA at the pixel limit, with room for the decoder's own buffers.
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Problem::ImageTooLarge);
    }
    let orientation = decoder.orientation().map_err(|_| Problem::FileUnreadable)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// JPEG decoders fill a cut-off photo with grey rather than fail. A complete one has its end marker
/// (FF D9) after the start of its main image data (FF DA). The segments before it are skipped by their
/// length, so that the small thumbnail many phones embed in their EXIF block (with its own FF DA ... FF D9)
/// is not taken for the photo. Data some phones append after the end (motion photos) does not matter.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let mut at = 2; // after FF D8
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return false;
        }
        let marker = bytes[at + 1];
        match marker {
            0xFF => at += 1, // fill byte
            0xDA => return bytes[at..].windows(2).any(|w| w == [0xFF, 0xD9]),
            0xD0..=0xD7 | 0x01 => at += 2,
            _ => at += 2 + usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]])),
        }
    }
    false
}

/// Past the limits, the image is too large; any other failure means a damaged file.
fn refusal(error: image::ImageError) -> Problem {
    match error {
        image::ImageError::Limits(_) => Problem::ImageTooLarge,
        _ => Problem::FileUnreadable,
    }
}

fn jpeg(image: &DynamicImage, quality: u8) -> image::ImageResult<Vec<u8>> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality).encode_image(&image.to_rgb8())?;
    Ok(out)
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use image::{ImageEncoder, RgbImage};

    /// A JPEG with an EXIF block holding a GPS position and "rotate 90°", as a phone writes it.
    pub fn phone_jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut plain = Vec::new();
        JpegEncoder::new_with_quality(&mut plain, 90)
            .write_image(image.as_raw(), width, height, image::ExtendedColorType::Rgb8)
            .unwrap();
        with_exif(&plain)
    }

    proptest::proptest! {
        /// What an upload may carry: random bytes, and a real photo cut short or with bytes flipped
        /// (the decoders' own paths). Judged, then cleaned or refused with a problem; never a panic.
        #[test]
        fn fuzz_the_upload_path(
            noise in proptest::collection::vec(proptest::num::u8::ANY, 0..2048),
            cut in 0usize..4000,
            flips in proptest::collection::vec((0usize..4000, proptest::num::u8::ANY), 0..8),
            magic in 0usize..4,
        ) {
            let mut photo = phone_jpeg(48, 32);
            for (at, byte) in flips {
                let at = at % photo.len();
                photo[at] = byte;
            }
            photo.truncate(cut.max(3));
            let heads: [&[u8]; 4] = [b"\xFF\xD8\xFF", b"\x89PNG\r\n\x1a\n", b"RIFF\0\0\0\0WEBP", b"%PDF-"];
            let mut forged = heads[magic].to_vec();
            forged.extend(&noise);
            for bytes in [noise, photo, forged] {
                if let Some(file_type) = FileType::sniff(&bytes) {
                    if let Ok(clean) = clean_photo(&bytes, file_type) {
                        proptest::prop_assert!(!clean.bytes.is_empty());
                    }
                }
            }
        }
    }

    /// Inserts an APP1 EXIF segment (orientation 6, a GPS latitude) after the JPEG's SOI marker.
    fn with_exif(jpeg: &[u8]) -> Vec<u8> {
        // TIFF header (little-endian), IFD0 with Orientation=6 and a GPSInfo pointer, then a GPS IFD.
        let mut tiff: Vec<u8> = b"II*\0\x08\0\0\0".to_vec();
        tiff.extend([2, 0]); // two entries
        tiff.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]); // Orientation, SHORT, 1, 6
        tiff.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]); // GPSInfo, LONG, 1, offset 38
        tiff.extend([0, 0, 0, 0]); // no next IFD
        tiff.extend([1, 0]); // GPS IFD: one entry
        tiff.extend([1, 0, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]); // GPSLatitudeRef "N"
        tiff.extend([0, 0, 0, 0]);
        tiff.extend(b"GPS-MARKER-46.4906N");
        let mut segment = b"Exif\0\0".to_vec();
        segment.extend(tiff);
        let length = (segment.len() + 2) as u16;
        let mut out = jpeg[..2].to_vec();
        out.extend([0xFF, 0xE1]);
        out.extend(length.to_be_bytes());
        out.extend(segment);
        out.extend(&jpeg[2..]);
        out
    }

    /// PNG's chunk checksum, so that the doctored header above is otherwise valid.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    #[test]
    fn files_are_recognised_by_their_bytes() {
        assert_eq!(FileType::sniff(&phone_jpeg(8, 8)), Some(FileType::Jpeg));
        assert_eq!(FileType::sniff(b"%PDF-1.7\n..."), Some(FileType::Pdf));
        assert_eq!(FileType::sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some(FileType::Webp));
        assert_eq!(FileType::sniff(b"MZ\x90\0 an exe renamed .jpg"), None);
        assert_eq!(FileType::sniff(b""), None);
    }

    #[test]
    fn photos_lose_their_metadata_and_stand_upright() {
        let original = phone_jpeg(300, 200);
        assert!(original.windows(10).any(|w| w == b"GPS-MARKER"));
        let clean = clean_photo(&original, FileType::Jpeg).unwrap();
        assert_eq!(clean.content_type, "image/jpeg");
        assert!(!clean.bytes.windows(4).any(|w| w == b"Exif"), "EXIF left in");
        assert!(!clean.bytes.windows(10).any(|w| w == b"GPS-MARKER"));
        // Orientation 6 means "rotate 90° clockwise": the stored photo is portrait.
        let stored = image::load_from_memory(&clean.bytes).unwrap();
        assert_eq!((stored.width(), stored.height()), (200, 300));
        let thumb = image::load_from_memory(&thumbnail(&clean.bytes).unwrap()).unwrap();
        assert!(thumb.width() <= THUMBNAIL_SIDE && thumb.height() <= THUMBNAIL_SIDE);
    }

    #[test]
    fn big_photos_are_scaled_down_and_bombs_refused() {
        let clean = clean_photo(&phone_jpeg(3000, 1000), FileType::Jpeg).unwrap();
        let stored = image::load_from_memory(&clean.bytes).unwrap();
        assert_eq!(stored.width().max(stored.height()), LONG_SIDE);

        // A PNG that claims 100 000 × 100 000 pixels in a few bytes.
        let mut bomb = Vec::new();
        image::codecs::png::PngEncoder::new(&mut bomb)
            .write_image(&[0; 3], 1, 1, image::ExtendedColorType::Rgb8)
            .unwrap();
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.to_be_bytes());
        assert!(matches!(clean_photo(&bomb, FileType::Png), Err(Problem::ImageTooLarge)));

        // An EXIF block holding a complete small JPEG (as phones embed a thumbnail) does not make a cut-off
        // photo look complete.
        let mut photo = phone_jpeg(300, 200);
        let thumbnail = phone_jpeg(16, 16);
        let mut app1 = vec![0xFF, 0xE1];
        app1.extend(((thumbnail.len() + 2) as u16).to_be_bytes());
        app1.extend(&thumbnail);
        photo.splice(2..2, app1);
        for cut in [400, photo.len() / 2, photo.len() - 2] {
            assert_eq!(
                clean_photo(&photo[..cut], FileType::Jpeg).unwrap_err(),
                Problem::FileUnreadable,
                "cut at {cut}"
            );
        }
    }
}
