//! A small HTTP/1.1 server for the dev site: GET and HEAD of files held in memory, keep-alive,
//! timeouts that drop slow clients, and the live-reload endpoints.

use std::io::{BufWriter, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use super::live::{self, Hub, Message};
use super::path::{self, Target};

/// The site as served: the files of the last good build, and the current build error if any.
#[derive(Default)]
pub struct Snapshot {
    pub files: super::files::Files,
    pub error: Option<String>,
}

/// Shared between the rebuild loop (which swaps in new snapshots) and connection threads.
pub type Shared = Arc<RwLock<Arc<Snapshot>>>;

const MAX_HEAD: usize = 16 * 1024;
/// A client must send a whole request head within this time.
const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// An idle keep-alive connection is closed after this time.
const IDLE: Duration = Duration::from_secs(30);
const MAX_CONNECTIONS: usize = 1024;

/// Accepts connections forever, one thread each.
pub fn serve(listener: TcpListener, shared: Shared, hub: Hub) {
    let active = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if active.load(Ordering::Relaxed) >= MAX_CONNECTIONS {
            let _ = respond_plain(&stream, 503, "busy");
            continue;
        }
        let (shared, hub, counter) = (shared.clone(), hub.clone(), active.clone());
        active.fetch_add(1, Ordering::Relaxed);
        let spawned = std::thread::Builder::new()
            .name("cramdown-http".into())
            .spawn(move || {
                let _ = connection(stream, &shared, &hub);
                counter.fetch_sub(1, Ordering::Relaxed);
            });
        if spawned.is_err() {
            // Out of threads: the connection is dropped; the count comes back down.
            active.fetch_sub(1, Ordering::Relaxed);
        }
    }
}

struct Request {
    method: String,
    target: String,
    keep_alive: bool,
}

fn connection(stream: TcpStream, shared: &Shared, hub: &Hub) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut buffer = Vec::with_capacity(1024);
    loop {
        let request = match read_head(&stream, &mut buffer)? {
            Some(Ok(request)) => request,
            Some(Err(status)) => return respond_plain(&stream, status, "bad request"),
            None => return Ok(()),
        };
        if request.method != "GET" && request.method != "HEAD" {
            return respond_plain(&stream, 405, "only GET and HEAD");
        }
        let head_only = request.method == "HEAD";
        let route = request.target.split('?').next().unwrap_or("");
        if route == live::EVENTS_PATH {
            return events(stream, shared, hub);
        }
        let response = if route == live::SCRIPT_PATH {
            Response::ok(
                "text/javascript; charset=utf-8",
                live::SCRIPT.as_bytes().to_vec(),
            )
        } else {
            let snapshot = shared.read().map(|s| Arc::clone(&s)).unwrap_or_default();
            lookup(&snapshot, &request.target)
        };
        // After a malformed request, do not trust the rest of the stream.
        let keep_alive = request.keep_alive && response.status != 400;
        response.write(&stream, head_only, keep_alive)?;
        if !keep_alive {
            return Ok(());
        }
    }
}

/// Reads one request head. `None`: the client closed or went idle; `Some(Err(status))`: malformed.
fn read_head(
    mut stream: &TcpStream,
    buffer: &mut Vec<u8>,
) -> std::io::Result<Option<Result<Request, u16>>> {
    let started = Instant::now();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = find_head_end(buffer) {
            let head: Vec<u8> = buffer.drain(..end).collect();
            return Ok(Some(parse_head(&head)));
        }
        if buffer.len() > MAX_HEAD {
            return Ok(Some(Err(431)));
        }
        let limit = if buffer.is_empty() {
            IDLE
        } else {
            HEAD_DEADLINE
        };
        let left = limit.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Ok(None);
        }
        stream.set_read_timeout(Some(left.min(Duration::from_secs(1))))?;
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(None),
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(e) => return Err(e),
        }
    }
}

fn find_head_end(buffer: &[u8]) -> Option<usize> {
    buffer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 4)
}

fn parse_head(head: &[u8]) -> Result<Request, u16> {
    let text = std::str::from_utf8(head).map_err(|_| 400u16)?;
    let mut lines = text.split("\r\n");
    let mut parts = lines.next().unwrap_or("").split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    if !version.starts_with("HTTP/1.") || method.is_empty() {
        return Err(400);
    }
    let mut keep_alive = version == "HTTP/1.1";
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            let name = name.trim();
            if name.eq_ignore_ascii_case("connection") {
                let value = value.trim();
                keep_alive = if value.eq_ignore_ascii_case("close") {
                    false
                } else {
                    keep_alive || value.eq_ignore_ascii_case("keep-alive")
                };
            } else if name.eq_ignore_ascii_case("content-length") && value.trim() != "0"
                || name.eq_ignore_ascii_case("transfer-encoding")
            {
                // A request body is not read: do not reuse the connection after it.
                keep_alive = false;
            }
        }
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive,
    })
}

/// Finds the file a request target names in the snapshot.
pub fn lookup(snapshot: &Snapshot, target: &str) -> Response {
    let is_folder = |p: &str| {
        !snapshot.files.contains_key(p) && snapshot.files.contains_key(&format!("{p}/index.html"))
    };
    match path::resolve(target, is_folder) {
        Target::Bad => Response::plain(400, "bad request"),
        Target::Folder(folder) => {
            Response::redirect(&format!("/{}/", crate::model::url::encode_path(&folder)))
        }
        Target::File(file) => match snapshot.files.get(&file) {
            Some(bytes) => Response::file(200, &file, bytes),
            None => not_found(snapshot),
        },
        Target::NotFound => not_found(snapshot),
    }
}

fn not_found(snapshot: &Snapshot) -> Response {
    match (snapshot.files.get("404.html"), &snapshot.error) {
        (Some(bytes), _) => Response::file(404, "404.html", bytes),
        // No good build yet: a page that shows the error and reloads once it is fixed.
        (None, Some(error)) => {
            let page = format!(
                "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>cramdown: the site does not build</title><body><h1>The site does not build yet</h1><pre>{}</pre></body></html>",
                crate::escape::text(error)
            );
            Response::file(503, "error.html", page.as_bytes())
        }
        (None, None) => Response::plain(404, "not found"),
    }
}

/// A response ready to write.
pub struct Response {
    pub status: u16,
    pub content_type: std::borrow::Cow<'static, str>,
    pub body: Vec<u8>,
    pub location: Option<String>,
}

impl Response {
    fn ok(content_type: &'static str, body: Vec<u8>) -> Self {
        Self {
            status: 200,
            content_type: content_type.into(),
            body,
            location: None,
        }
    }

    fn plain(status: u16, text: &str) -> Self {
        Self {
            status,
            content_type: "text/plain; charset=utf-8".into(),
            body: format!("{status} {text}\n").into_bytes(),
            location: None,
        }
    }

    fn redirect(location: &str) -> Self {
        Self {
            location: Some(location.to_string()),
            ..Self::plain(301, "moved")
        }
    }

    fn file(status: u16, path: &str, bytes: &[u8]) -> Self {
        let content_type = content_type(path);
        let body = if content_type.starts_with("text/html") {
            live::inject(bytes)
        } else {
            bytes.to_vec()
        };
        Self {
            status,
            content_type: content_type.into(),
            body,
            location: None,
        }
    }

    fn write(&self, stream: &TcpStream, head_only: bool, keep_alive: bool) -> std::io::Result<()> {
        let mut out = BufWriter::new(stream);
        write!(
            out,
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: {}\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len(),
            if keep_alive { "keep-alive" } else { "close" },
        )?;
        if let Some(location) = &self.location {
            write!(out, "Location: {location}\r\n")?;
        }
        if self.status == 405 {
            write!(out, "Allow: GET, HEAD\r\n")?;
        }
        out.write_all(b"\r\n")?;
        if !head_only {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

fn respond_plain(stream: &TcpStream, status: u16, text: &str) -> std::io::Result<()> {
    Response::plain(status, text).write(stream, false, false)
}

/// The event stream of one tab: the current build error at once, then every message.
fn events(stream: TcpStream, shared: &Shared, hub: &Hub) -> std::io::Result<()> {
    let receiver = hub.subscribe();
    let mut out = &stream;
    out.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n")?;
    let current = shared.read().ok().and_then(|s| s.error.clone());
    if let Some(error) = current {
        out.write_all(Message::BuildError(error).frame().as_bytes())?;
    }
    loop {
        match receiver.recv_timeout(Duration::from_secs(15)) {
            Ok(message) => out.write_all(message.frame().as_bytes())?,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => out.write_all(b": ping\n\n")?,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        }
        out.flush()?;
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

/// The `Content-Type` of a file, by its extension (`mime_guess`'s table); text is UTF-8, and a
/// file without an extension (`CNAME`, `.nojekyll`) is plain text.
pub fn content_type(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some(mime) = mime_guess::from_path(path).first() else {
        return if name.contains('.') && !name.starts_with('.') {
            "application/octet-stream".to_string()
        } else {
            "text/plain; charset=utf-8".to_string()
        };
    };
    let text =
        mime.type_() == mime_guess::mime::TEXT || mime.essence_str() == "application/javascript";
    match mime.essence_str() {
        // The type HTML's own specification names for scripts.
        "application/javascript" => "text/javascript; charset=utf-8".to_string(),
        essence if text => format!("{essence}; charset=utf-8"),
        essence => essence.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::content_type;

    #[test]
    fn content_types_by_extension() {
        for (path, want) in [
            ("index.html", "text/html; charset=utf-8"),
            ("a/b.CSS", "text/css; charset=utf-8"),
            ("search-index.js", "text/javascript; charset=utf-8"),
            ("favicon.svg", "image/svg+xml"),
            ("feed.xml", "text/xml; charset=utf-8"),
            ("manifest.webmanifest", "application/manifest+json"),
            ("CNAME", "text/plain; charset=utf-8"),
            (".nojekyll", "text/plain; charset=utf-8"),
            ("data.unknownext", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), want, "{path}");
        }
    }
}
