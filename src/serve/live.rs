//! Live reload: a Server-Sent Events hub that tells open tabs to reload (keeping their scroll
//! position) or to show the last build error over the page. The script is injected only into
//! pages the dev server sends, never written into a build.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};

/// Path of the live-reload script and of the event stream.
pub const SCRIPT_PATH: &str = "/__cramdown/live.js";
pub const EVENTS_PATH: &str = "/__cramdown/events";

/// The script tag added before `</body>` of every HTML page served.
const TAG: &str = "<script src=\"/__cramdown/live.js\"></script>";

pub const SCRIPT: &str = r#"// cramdown serve: reload on rebuild (keeping the scroll position), show build errors.
(function () {
  var key = "cramdown-live-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, +saved); });
  }
  var events = new EventSource("/__cramdown/events");
  events.addEventListener("reload", function () {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
  events.addEventListener("build-error", function (e) {
    var box = document.getElementById("cramdown-build-error") || document.createElement("div");
    box.id = "cramdown-build-error";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
      "background:rgba(30,0,0,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
    box.textContent = "cramdown: the last change did not build; showing the last good page.\n\n" + JSON.parse(e.data);
    document.body.appendChild(box);
  });
})();
"#;

/// A message for open tabs.
#[derive(Debug, Clone)]
pub enum Message {
    Reload,
    BuildError(String),
}

impl Message {
    /// The message as an SSE frame.
    pub fn frame(&self) -> String {
        match self {
            Message::Reload => "event: reload\ndata: {}\n\n".to_string(),
            Message::BuildError(text) => {
                let json = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into());
                format!("event: build-error\ndata: {json}\n\n")
            }
        }
    }
}

/// Every open event stream.
#[derive(Clone, Default)]
pub struct Hub {
    clients: Arc<Mutex<Vec<Sender<Message>>>>,
}

impl Hub {
    pub fn subscribe(&self) -> Receiver<Message> {
        let (tx, rx) = channel();
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(tx);
        }
        rx
    }

    /// Sends to every open stream, forgetting the closed ones.
    pub fn broadcast(&self, message: &Message) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| c.send(message.clone()).is_ok());
        }
    }
}

/// The page with the live-reload script before its last `</body>`.
pub fn inject(html: &[u8]) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = inject(b"<body><p>x</p></BODY>");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("<body><p>x</p>{TAG}</BODY>")
        );
    }
}
