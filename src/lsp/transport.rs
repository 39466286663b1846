//! Reading `Content-Length`-framed messages ourselves: lsp-server's own stdio transport stops
//! at the first malformed message, so a bad one is answered with an error here and the
//! server carries on.

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};
use std::io::{self, BufRead, Read, Write};

/// The largest message body accepted; anything bigger is skipped with a ParseError.
pub(super) const MAX_BODY: usize = 64 * 1024 * 1024;

/// One framed message read from the client.
#[derive(Debug)]
pub(super) enum Frame {
    /// A well-formed request, notification or response.
    Message(Message),
    /// Something to answer with an error, with the request id when it could be read.
    Invalid {
        id: Option<Value>,
        code: ErrorCode,
        message: String,
    },
    /// The client closed its end.
    Eof,
}

pub(super) fn invalid(id: Option<Value>, code: ErrorCode, message: impl Into<String>) -> Frame {
    Frame::Invalid {
        id,
        code,
        message: message.into(),
    }
}

/// The longest header line kept; the headers of the protocol are a few dozen bytes.
pub(super) const MAX_HEADER_LINE: usize = 8 * 1024;

/// Read one header line into `line`: `Some(true)` when it was longer than
/// [`MAX_HEADER_LINE`] (the rest of it is read and dropped), `None` at the end of input.
fn read_header_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<Option<bool>> {
    let n = input
        .by_ref()
        .take(MAX_HEADER_LINE as u64)
        .read_until(b'\n', line)?;
    if n == 0 {
        return Ok(None);
    }
    if line.ends_with(b"\n") || n < MAX_HEADER_LINE {
        return Ok(Some(false));
    }
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(Some(true));
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                input.consume(i + 1);
                return Ok(Some(true));
            }
            None => {
                let len = buf.len();
                input.consume(len);
            }
        }
    }
}

/// Read one `Content-Length`-framed message. Malformed headers are skipped up to the next
/// `Content-Length` so one bad message does not lose the ones after it.
pub(super) fn read_frame(input: &mut impl BufRead) -> Frame {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = Vec::new();
    let mut saw_header = false;
    let mut cut = false;
    loop {
        line.clear();
        match read_header_line(input, &mut line) {
            Ok(None) | Err(_) => return Frame::Eof,
            Ok(Some(false)) => {}
            // Not a header anyone sends: dropped as it is read, never held.
            Ok(Some(true)) => {
                cut = true;
                saw_header = true;
                continue;
            }
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        // Resynchronise on a header glued to the end of a previous, unframed body.
        let lower = text.to_ascii_lowercase();
        if let Some(at) = lower.find("content-length:") {
            let value = text[at + "content-length:".len()..].trim();
            length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| format!("invalid Content-Length header `{value}`")),
            );
        }
    }
    let length = match length {
        Some(Ok(n)) => n,
        Some(Err(e)) => return invalid(None, ErrorCode::ParseError, e),
        None if cut => {
            return invalid(
                None,
                ErrorCode::ParseError,
                format!("a header line is longer than {MAX_HEADER_LINE} bytes"),
            );
        }
        None => {
            return invalid(
                None,
                ErrorCode::ParseError,
                "message has no Content-Length header",
            );
        }
    };
    if length > MAX_BODY {
        let _ = io::copy(&mut input.take(length as u64), &mut io::sink());
        return invalid(
            None,
            ErrorCode::ParseError,
            format!("message of {length} bytes is larger than the {MAX_BODY} byte limit"),
        );
    }
    let mut body = vec![0; length];
    if input.read_exact(&mut body).is_err() {
        return Frame::Eof;
    }
    parse_message(&body)
}

/// Turn a message body into a [`Message`], or say which error answers it.
pub(super) fn parse_message(body: &[u8]) -> Frame {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return invalid(None, ErrorCode::ParseError, format!("invalid JSON: {e}")),
    };
    let Value::Object(mut obj) = value else {
        return invalid(
            None,
            ErrorCode::InvalidRequest,
            "a message must be a JSON object (batches are not supported)",
        );
    };
    let raw_id = obj.get("id").cloned();
    let id = match &raw_id {
        None => None,
        Some(Value::Number(n)) => match n.as_i64().and_then(|n| i32::try_from(n).ok()) {
            Some(n) => Some(RequestId::from(n)),
            None => {
                return invalid(
                    None,
                    ErrorCode::InvalidRequest,
                    "a request id must be a string or a 32-bit integer",
                );
            }
        },
        Some(Value::String(s)) => Some(RequestId::from(s.clone())),
        Some(Value::Null) if !obj.contains_key("method") => None,
        Some(_) => {
            return invalid(
                None,
                ErrorCode::InvalidRequest,
                "a request id must be a string or a 32-bit integer",
            );
        }
    };
    let params = obj.remove("params").unwrap_or(Value::Null);
    match obj.remove("method") {
        Some(Value::String(method)) => match id {
            Some(id) => Frame::Message(Message::Request(Request { id, method, params })),
            None => Frame::Message(Message::Notification(Notification { method, params })),
        },
        Some(_) => invalid(
            raw_id,
            ErrorCode::InvalidRequest,
            "`method` must be a string",
        ),
        None if obj.contains_key("result") || obj.contains_key("error") => {
            obj.insert("params".into(), params);
            match serde_json::from_value::<Response>(Value::Object(obj)) {
                Ok(r) => Frame::Message(Message::Response(r)),
                Err(e) => invalid(
                    None,
                    ErrorCode::InvalidRequest,
                    format!("malformed response: {e}"),
                ),
            }
        }
        None => invalid(
            raw_id,
            ErrorCode::InvalidRequest,
            "a message needs a `method` (or a `result` or `error` when it is a response)",
        ),
    }
}

/// Write an error response directly, for messages that never became a [`Request`].
pub(super) fn write_error(
    out: &mut impl Write,
    id: Option<Value>,
    code: ErrorCode,
    message: &str,
) -> io::Result<()> {
    let body = json!({
        "jsonrpc": "2.0",
        "id": id.unwrap_or(Value::Null),
        "error": {"code": code as i32, "message": message},
    })
    .to_string();
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(s: &str) -> Frame {
        read_frame(&mut io::Cursor::new(s.as_bytes().to_vec()))
    }

    #[test]
    fn frames_are_read_and_bad_ones_classified() {
        let body = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let ok = frame(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        assert!(matches!(ok, Frame::Message(Message::Request(r)) if r.method == "shutdown"));
        let bad = frame("Content-Length: 5\r\n\r\n{oops");
        assert!(matches!(
            bad,
            Frame::Invalid {
                code: ErrorCode::ParseError,
                ..
            }
        ));
        let no_method = frame("Content-Length: 8\r\n\r\n{\"id\":3}");
        assert!(matches!(
            no_method,
            Frame::Invalid {
                id: Some(Value::Number(_)),
                code: ErrorCode::InvalidRequest,
                ..
            }
        ));
        assert!(matches!(frame(""), Frame::Eof));
        // A header line of a megabyte is dropped as it is read; the next message is read.
        let long = format!(
            "X-Junk: {}\r\n\r\nContent-Length: {}\r\n\r\n{body}",
            "x".repeat(1 << 20),
            body.len()
        );
        let mut input = io::Cursor::new(long.into_bytes());
        assert!(matches!(
            read_frame(&mut input),
            Frame::Invalid { message, .. } if message == "a header line is longer than 8192 bytes"
        ));
        assert!(matches!(read_frame(&mut input), Frame::Message(_)));
    }
}
