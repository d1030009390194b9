//! The Go rules the wire types themselves need, so that a request body, a path and a query
//! read a value the one way Coder's Go server does: Google's `uuid.Parse` (with its error
//! texts) and `strconv.Quote` (Go's `%q`, which those texts use). `workspaced_api::go`
//! re-exports them beside Go's other parsing rules.

use serde::{Deserialize, Deserializer};
use uuid::Uuid;

const BAD_FORMAT: &str = "invalid UUID format";

/// Google's Go `uuid.Parse` (and `ParseBytes`, which `encoding/json` uses through
/// `UnmarshalText`), error texts included. Accepted: 36 characters with hyphens
/// (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`), 45 with a `urn:uuid:` prefix (any case), 38
/// with any first character and braces only in spirit (`{…}`: Go checks neither the first
/// nor the last), or 32 hex digits. Lengths are in bytes, as in Go.
///
/// | input | error |
/// |---|---|
/// | any other length `n` | `invalid UUID length: n` |
/// | 45 bytes not starting with `urn:uuid:` | `invalid urn prefix: "<first 9 bytes, %q>"` |
/// | a hyphen missing, or a character that is not a hex digit | `invalid UUID format` |
pub fn parse_coder_uuid(s: &str) -> Result<Uuid, String> {
    let b = s.as_bytes();
    let body: &[u8] = match b.len() {
        36 => b,
        45 => {
            if !b[..9].eq_ignore_ascii_case(b"urn:uuid:") {
                return Err(format!("invalid urn prefix: {}", go_quote_bytes(&b[..9])));
            }
            &b[9..]
        }
        38 => &b[1..],
        32 => {
            let mut bytes = [0u8; 16];
            for (i, byte) in bytes.iter_mut().enumerate() {
                *byte = hex_pair(b[i * 2], b[i * 2 + 1]).ok_or(BAD_FORMAT)?;
            }
            return Ok(Uuid::from_bytes(bytes));
        }
        n => return Err(format!("invalid UUID length: {n}")),
    };
    if body[8] != b'-' || body[13] != b'-' || body[18] != b'-' || body[23] != b'-' {
        return Err(BAD_FORMAT.to_owned());
    }
    const OFFSETS: [usize; 16] = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
    let mut bytes = [0u8; 16];
    for (byte, &x) in bytes.iter_mut().zip(OFFSETS.iter()) {
        *byte = hex_pair(body[x], body[x + 1]).ok_or(BAD_FORMAT)?;
    }
    Ok(Uuid::from_bytes(bytes))
}

/// Go's `xtob`: two hex digits (either case) as a byte.
fn hex_pair(hi: u8, lo: u8) -> Option<u8> {
    let h = (hi as char).to_digit(16)?;
    let l = (lo as char).to_digit(16)?;
    Some((h * 16 + l) as u8)
}

/// A `uuid.UUID` member of a request body as Go's `encoding/json` reads it (a string, by
/// [`parse_coder_uuid`]): `#[serde(deserialize_with = "crate::go::uuid")]`.
pub fn uuid<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Uuid, D::Error> {
    let s = std::borrow::Cow::<str>::deserialize(deserializer)?;
    parse_coder_uuid(&s).map_err(serde::de::Error::custom)
}

/// Go's `strconv.Quote` (what `%q` prints).
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        push_go_escaped(&mut out, c);
    }
    out.push('"');
    out
}

/// `strconv.Quote` of bytes that may not be valid UTF-8.
pub fn go_quote_bytes(b: &[u8]) -> String {
    let mut out = String::from("\"");
    for chunk in b.utf8_chunks() {
        for c in chunk.valid().chars() {
            push_go_escaped(&mut out, c);
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02x}"));
        }
    }
    out.push('"');
    out
}

/// One character as `strconv.Quote` writes it.
pub fn push_go_escaped(out: &mut String, c: char) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{b}' => out.push_str("\\v"),
        c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", c as u32)),
        c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const U: &str = "3f1d2c4b-5a69-4788-9a0b-1c2d3e4f5a6b";

    fn ok(s: &str) -> Uuid {
        parse_coder_uuid(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn err(s: &str) -> String {
        parse_coder_uuid(s).expect_err(s)
    }

    #[test]
    fn accepts_go_forms() {
        let id = Uuid::parse_str(U).unwrap();
        assert_eq!(ok(U), id);
        assert_eq!(ok(&U.to_uppercase()), id);
        assert_eq!(ok(&format!("urn:uuid:{U}")), id);
        assert_eq!(ok(&format!("URN:UUID:{U}")), id, "the urn prefix in any case");
        assert_eq!(ok(&format!("{{{U}}}")), id);
        // Go takes the 38-byte form's outer characters on trust.
        assert_eq!(ok(&format!("({U})")), id);
        assert_eq!(ok(&format!("x{U}y")), id);
        assert_eq!(ok(&U.replace('-', "")), id);
    }

    #[test]
    fn refuses_with_go_texts() {
        assert_eq!(err(""), "invalid UUID length: 0");
        assert_eq!(err("not-a-uuid"), "invalid UUID length: 10");
        assert_eq!(err("xyz"), "invalid UUID length: 3");
        assert_eq!(err(&format!("{U}0")), "invalid UUID length: 37");
        // Lengths are bytes: 36 characters, one of them two bytes long.
        assert_eq!(err(&format!("é{}", &U[1..])), "invalid UUID length: 37");
        assert_eq!(err(&U.replace('-', "_")), "invalid UUID format");
        assert_eq!(err(&U.replace('a', "g")), "invalid UUID format");
        assert_eq!(err(&U.replace('3', "+")), "invalid UUID format");
        assert_eq!(err(&format!("{{{}}}", U.replace('-', "x"))), "invalid UUID format");
        assert_eq!(err(&"g".repeat(32)), "invalid UUID format");
        assert_eq!(err(&format!("urn:uuix:{U}")), r#"invalid urn prefix: "urn:uuix:""#);
        assert_eq!(err(&format!("urn:uuid:{}", U.replace('-', ":"))), "invalid UUID format");
        // `%q` of the prefix's bytes, a character cut in two included.
        assert_eq!(err(&format!("urn:uui\"é{}", &U[1..])), r#"invalid urn prefix: "urn:uui\"\xc3""#);
    }

    #[test]
    fn reads_a_body_member() {
        #[derive(Deserialize, Debug)]
        struct Body {
            #[serde(deserialize_with = "uuid")]
            id: Uuid,
        }
        let body: Body = serde_json::from_str(&format!(r#"{{"id":"urn:uuid:{U}"}}"#)).unwrap();
        assert_eq!(body.id, Uuid::parse_str(U).unwrap());
        let e = serde_json::from_str::<Body>(r#"{"id":"not-a-uuid"}"#).unwrap_err().to_string();
        assert_eq!(e, "invalid UUID length: 10 at line 1 column 19");
    }

    #[test]
    fn go_quoting() {
        assert_eq!(go_quote("a\"b\\c\td\u{1}é"), r#""a\"b\\c\td\x01é""#);
        assert_eq!(go_quote_bytes(b"a\xffb"), r#""a\xffb""#);
    }
}
