//! Go's parsing rules, as Coder's server applies them to what clients send: booleans
//! (`strconv.ParseBool`), 32-bit integers (`strconv.ParseInt`), UUIDs (Google's `uuid.Parse`)
//! and RFC 3339 times, with Go's error texts, and Go's `%q` quoting for messages. One
//! parser per rule, for paths, query parameters, the `q` search language and bodies alike.
//! The UUID parser and `%q` live in the sdk ([`workspaced_sdk::go`]), where request bodies
//! read UUIDs with them too; they are re-exported here.

use chrono::{DateTime, NaiveDate, Utc};

pub use workspaced_sdk::go::{go_quote, parse_coder_uuid};

/// The layout named in time errors (Go's `time.RFC3339Nano`).
pub const RFC3339_NANO_LAYOUT: &str = "2006-01-02T15:04:05.999999999Z07:00";

/// Go's `strconv.ParseInt(s, 10, 32)` for a parameter that must not be negative, with
/// Coder's messages (`Query param "limit" must be a valid 32-bit positive integer: …`).
pub fn parse_non_negative_i32(name: &str, raw: &str) -> Result<i32, String> {
    let prefix = format!("Query param {name:?} must be a valid 32-bit positive integer");
    match raw.parse::<i32>() {
        Ok(v) if v >= 0 => Ok(v),
        Ok(_) => Err(format!("{prefix}: value is negative")),
        Err(e) => Err(format!("{prefix}: strconv.ParseInt: parsing {}: {e}", go_quote(raw))),
    }
}

/// A boolean query parameter with Coder's message.
pub fn parse_bool_param(name: &str, raw: &str) -> Result<bool, String> {
    go_parse_bool(raw).ok_or_else(|| {
        format!("Query param {} must be a valid boolean: strconv.ParseBool: parsing {}: invalid syntax", go_quote(name), go_quote(raw))
    })
}

/// Go's `strconv.ParseBool`.
pub fn go_parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Go's `time.Parse(time.RFC3339Nano, value)` followed by `.UTC()`, with
/// the same error texts. `value` must already be upper-cased.
pub fn go_parse_rfc3339_nano(value: &str) -> Result<DateTime<Utc>, String> {
    let whole = value.as_bytes();
    let cannot = |rest: &[u8], elem: &str| {
        format!(
            "parsing time {} as {}: cannot parse {} as {}",
            go_time_quote(whole),
            go_time_quote(RFC3339_NANO_LAYOUT.as_bytes()),
            go_time_quote(rest),
            go_time_quote(elem.as_bytes())
        )
    };
    let out_of_range = |what: &str| {
        format!(
            "parsing time {}: {} out of range",
            go_time_quote(whole),
            what
        )
    };
    let literal = |v: &[u8], c: u8| -> Result<usize, String> {
        if v.first() == Some(&c) {
            Ok(1)
        } else {
            Err(cannot(v, &(c as char).to_string()))
        }
    };

    let mut v = whole;

    // "2006": exactly four digits.
    if v.len() < 4 || !v[..4].iter().all(u8::is_ascii_digit) {
        return Err(cannot(v, "2006"));
    }
    let year = digits_value(&v[..4]) as i32;
    v = &v[4..];

    v = &v[literal(v, b'-')?..];
    let (month, rest) = go_getnum(v, true).ok_or_else(|| cannot(v, "01"))?;
    if !(1..=12).contains(&month) {
        return Err(out_of_range("month"));
    }
    v = rest;

    v = &v[literal(v, b'-')?..];
    let (day, rest) = go_getnum(v, true).ok_or_else(|| cannot(v, "02"))?;
    v = rest;

    v = &v[literal(v, b'T')?..];
    // The hour may have one digit.
    let (hour, rest) = go_getnum(v, false).ok_or_else(|| cannot(v, "15"))?;
    if hour >= 24 {
        return Err(out_of_range("hour"));
    }
    v = rest;

    v = &v[literal(v, b':')?..];
    let (minute, rest) = go_getnum(v, true).ok_or_else(|| cannot(v, "04"))?;
    if minute >= 60 {
        return Err(out_of_range("minute"));
    }
    v = rest;

    v = &v[literal(v, b':')?..];
    let (second, rest) = go_getnum(v, true).ok_or_else(|| cannot(v, "05"))?;
    if second >= 60 {
        return Err(out_of_range("second"));
    }
    v = rest;

    // Optional fraction: '.' or ',' then any number of digits (only the
    // first nine count).
    let mut nanos: u32 = 0;
    if v.len() >= 2 && (v[0] == b'.' || v[0] == b',') && v[1].is_ascii_digit() {
        let digits = v[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        let used = digits.min(9);
        nanos = digits_value(&v[1..1 + used]) * 10u32.pow((9 - used) as u32);
        v = &v[1 + digits..];
    }

    // "Z07:00": `Z` or `±hh:mm`.
    let offset_seconds: i64;
    if v.first() == Some(&b'Z') {
        offset_seconds = 0;
        v = &v[1..];
    } else {
        if v.len() < 6 || v[3] != b':' {
            return Err(cannot(v, "Z07:00"));
        }
        let hold = v;
        let (sign, hh, mm) = (v[0], &v[1..3], &v[4..6]);
        v = &v[6..];
        let hr = go_getnum(hh, true).map(|(n, _)| n);
        let min = hr.and_then(|_| go_getnum(mm, true).map(|(n, _)| n));
        let (h, m) = (hr.unwrap_or(0), min.unwrap_or(0));
        // Go lets the later range check win, and checks ranges first.
        if m > 60 {
            return Err(out_of_range("time zone offset minute"));
        }
        if h > 24 {
            return Err(out_of_range("time zone offset hour"));
        }
        if min.is_none() || (sign != b'+' && sign != b'-') {
            return Err(cannot(hold, "Z07:00"));
        }
        let magnitude = i64::from(h * 60 + m) * 60;
        offset_seconds = if sign == b'-' { -magnitude } else { magnitude };
    }

    if !v.is_empty() {
        return Err(format!(
            "parsing time {}: extra text: {}",
            go_time_quote(whole),
            go_time_quote(v)
        ));
    }

    let date = NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("parsing time {}: day out of range", go_time_quote(whole)))?;
    let local = date
        .and_hms_nano_opt(hour, minute, second, nanos)
        .ok_or_else(|| out_of_range("second"))?;
    Ok((local - chrono::Duration::seconds(offset_seconds)).and_utc())
}

/// Go's `getnum`: one or two leading digits (`fixed` demands two).
pub fn go_getnum(s: &[u8], fixed: bool) -> Option<(u32, &[u8])> {
    let d0 = s.first().filter(|c| c.is_ascii_digit())?;
    match s.get(1).filter(|c| c.is_ascii_digit()) {
        Some(d1) => Some((u32::from(d0 - b'0') * 10 + u32::from(d1 - b'0'), &s[2..])),
        None if fixed => None,
        None => Some((u32::from(d0 - b'0'), &s[1..])),
    }
}

pub fn digits_value(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0, |acc, d| acc * 10 + u32::from(d - b'0'))
}

/// The quoting of Go's `time` package errors: every byte that is not
/// printable ASCII is written as `\xNN`.
pub fn go_time_quote(b: &[u8]) -> String {
    let mut out = String::from("\"");
    for &byte in b {
        match byte {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(byte as char);
            }
            0x20..=0x7f => out.push(byte as char),
            _ => out.push_str(&format!("\\x{byte:02x}")),
        }
    }
    out.push('"');
    out
}

