//! Support requests as the customer files them: real `multipart/form-data`, and the pictures
//! that go in them.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::Cursor;

use axum::body::Body;
use axum::http::{Method, Request};

use super::{Reply, TestApp};

/// The account's email as the person remembers it, and the new address they can be reached at.
pub const EMAIL: &str = "li.wei@example.com";
pub const REACH: &str = "li.new@example.org";

/// A part of a form: a text field, or a file with a name and bytes.
pub enum Part<'a> {
    Text(&'a str, &'a str),
    File(&'a str, &'a str, Vec<u8>),
}

/// `multipart/form-data` as a browser sends it.
pub fn form(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    let boundary = "----regain-test-boundary-7d3f";
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match part {
            Part::Text(name, value) => {
                body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                        .as_bytes(),
                );
            }
            Part::File(name, filename, bytes) => {
                body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n\
                         Content-Type: image/jpeg\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(bytes);
                body.extend_from_slice(b"\r\n");
            }
        }
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

impl TestApp {
    pub async fn file_request(&self, identifier: &str, files: Vec<Part<'_>>) -> Reply {
        let captcha = self.captcha().await;
        let mut parts = vec![
            Part::Text("identifier", identifier),
            Part::Text("contact_channel", "email"),
            Part::Text("contact", REACH),
            Part::Text("description", "I lost my phone in a taxi and no longer use that email."),
            Part::Text("captcha", &captcha),
        ];
        parts.extend(files);
        let (content_type, body) = form(&parts);
        self.upload(&content_type, body).await
    }

    /// `POST /v1/support/requests/{id}/confirm` with a code and a status token.
    pub async fn confirm_contact(&self, id: &str, code: &str, status_token: &str) -> Reply {
        self.post(
            &format!("/v1/support/requests/{id}/confirm"),
            None,
            serde_json::json!({"code": code, "status_token": status_token}),
        )
        .await
    }

    pub async fn upload(&self, content_type: &str, body: Vec<u8>) -> Reply {
        self.upload_from(None, content_type, body).await
    }

    /// An upload from the client address `ip`, as a proxy names it in `x-real-ip` (for a
    /// service configured with `server.client_ip_header = "x-real-ip"`).
    pub async fn upload_from(&self, ip: Option<&str>, content_type: &str, body: Vec<u8>) -> Reply {
        let mut request = Request::builder()
            .method(Method::POST)
            .uri("/v1/support/requests")
            .header("content-type", content_type);
        if let Some(ip) = ip {
            request = request.header("x-real-ip", ip);
        }
        self.request(request.body(Body::from(body)).unwrap()).await
    }
}

/// A photo carrying a GPS position in its EXIF segment.
pub fn photo_with_gps() -> Vec<u8> {
    let picture = image::RgbImage::from_pixel(64, 40, image::Rgb([40, 90, 160]));
    let mut plain = Vec::new();
    picture.write_to(&mut Cursor::new(&mut plain), image::ImageFormat::Jpeg).unwrap();
    let exif = b"Exif\0\0MM\0*\0\0\0\x08GPSLatitude 47.3769N GPSLongitude 8.5417E Pixel 9";
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap().to_be_bytes());
    out.extend_from_slice(exif);
    out.extend_from_slice(&plain[2..]);
    out
}

pub fn png() -> Vec<u8> {
    let picture = image::RgbImage::from_pixel(8, 8, image::Rgb([1, 2, 3]));
    let mut out = Vec::new();
    picture.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}
