//! Input rules shared by the handlers: workspace names, TTLs, autostart schedules and rich
//! parameter values, with Coder's error texts.

use chrono::{DateTime, Datelike, Duration, Utc};
use chrono_tz::Tz;
use regex::Regex;
use std::sync::OnceLock;
use workspaced_sdk::ValidationError;
use workspaced_store::ParameterSpec;

use crate::services::Failure;

const NAME_MAX: usize = 32;

fn name_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*$").expect("static regex"))
}

/// Why a workspace name is refused, or `None` when it is fine.
pub fn workspace_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("required")
    } else if name.chars().count() > NAME_MAX || !name_regex().is_match(name) || name == "new" || name == "create" {
        Some("workspace_name")
    } else {
        None
    }
}

/// Checks a workspace name the way Coder's `workspace_name` validator does.
pub fn check_workspace_name(name: &str) -> Result<(), Failure> {
    match workspace_name_problem(name) {
        None => Ok(()),
        Some(tag) => Err(Failure::validation_failed(vec![ValidationError::new(
            "name",
            format!("Validation failed for tag {tag:?} with value: \"{name}\""),
        )])),
    }
}

pub const TTL_MIN_MS: i64 = 60 * 1000;
pub const TTL_MAX_MS: i64 = 30 * 24 * 3600 * 1000;

/// Resolves the TTL a workspace gets: `None` or `0` from the request means the template's
/// default (none when the template has none); otherwise 1 minute … 30 days and not above
/// the template's maximum.
pub fn resolve_ttl(requested: Option<i64>, template_default_ms: i64, template_max_ms: i64) -> Result<Option<i64>, Failure> {
    let ms = match requested {
        None if template_default_ms == 0 => return Ok(None),
        None => return Ok(Some(template_default_ms)),
        Some(0) => return Ok(None),
        Some(ms) => ms,
    };
    check_ttl(ms, template_max_ms)?;
    Ok(Some(ms))
}

/// The 1 minute … 30 days rule (minutes are what counts) and the template maximum: why a
/// TTL is refused, or `None`.
pub fn ttl_problem(ms: i64, template_max_ms: i64) -> Option<String> {
    // Saturating: a TTL near i64::MIN is "under a minute", not an overflow (schemathesis).
    let truncated = ms.saturating_sub(ms.rem_euclid(60_000));
    if truncated < TTL_MIN_MS {
        Some("ttl must be at least one minute".to_owned())
    } else if truncated > TTL_MAX_MS {
        Some("ttl must be less than 30 days".to_owned())
    } else if template_max_ms > 0 && ms > template_max_ms {
        Some(format!("ttl cannot be greater than the template's maximum of {} hours", template_max_ms / 3_600_000))
    } else {
        None
    }
}

/// [`ttl_problem`] as create answers it.
pub fn check_ttl(ms: i64, template_max_ms: i64) -> Result<(), Failure> {
    match ttl_problem(ms, template_max_ms) {
        None => Ok(()),
        Some(detail) => Err(Failure::invalid("Invalid Workspace Time to Shutdown.").validation("ttl_ms", detail)),
    }
}

const FIELDS_PROBLEM: &str =
    "validate weekly schedule: expected schedule to consist of 5 fields with an optional CRON_TZ=<timezone> prefix";

/// A weekly schedule `CRON_TZ=<tz> <minute> <hour> * * <days of week>` (Coder's
/// `cron.Weekly`): the cron expression is read by `croner`, the time zone by `chrono-tz`;
/// what Coder adds on top (the shape, `*` for day of month and month, one minute and one
/// hour) is checked here, with Coder's texts.
#[derive(Debug, Clone)]
pub struct WeeklySchedule {
    pub tz: Tz,
    cron: croner::Cron,
}

impl WeeklySchedule {
    /// Parses a schedule; the error text says what is wrong.
    pub fn parse(spec: &str) -> Result<WeeklySchedule, String> {
        let fields: Vec<&str> = spec.split_whitespace().collect();
        let (zone, fields) = match fields.len() {
            5 => (None, &fields[..]),
            6 => (Some(fields[0]), &fields[1..]),
            _ => return Err(FIELDS_PROBLEM.to_owned()),
        };
        if fields[2] != "*" || fields[3] != "*" {
            return Err("validate weekly schedule: expected month and dom to be *".to_owned());
        }
        if ![fields[0], fields[1]].iter().all(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit())) {
            return Err("validate weekly schedule: expected minute and hour to be single values".to_owned());
        }
        let tz = match zone {
            None => Tz::UTC,
            Some(zone) => {
                let name = zone
                    .strip_prefix("CRON_TZ=")
                    .ok_or_else(|| format!("parse schedule: expected CRON_TZ=<timezone>, found {zone:?}"))?;
                name.parse::<Tz>().map_err(|_| format!("parse schedule: provided bad location {name}: unknown time zone {name}"))?
            }
        };
        let cron = fields.join(" ").parse::<croner::Cron>().map_err(|e| format!("parse schedule: {e}"))?;
        Ok(WeeklySchedule { tz, cron })
    }

    /// The first time strictly after `after` at which the schedule fires.
    pub fn next_after(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let local = after.with_timezone(&self.tz);
        self.cron.find_next_occurrence(&local, false).ok().map(|t| t.with_timezone(&Utc))
    }

    /// The first time after `after` at which the schedule fires on a day the template allows
    /// (`allowed_days`: Monday bit 0 … Sunday bit 6, days taken in the schedule's zone);
    /// `None` when no day of the coming week is allowed (Coder's `NextAllowedAutostart`).
    pub fn next_allowed_after(&self, after: DateTime<Utc>, allowed_days: i32) -> Option<DateTime<Utc>> {
        let mut t = after;
        while t - after < Duration::days(7) {
            t = self.next_after(t)?;
            let day = t.with_timezone(&self.tz).weekday().num_days_from_monday();
            if allowed_days & (1 << day) != 0 {
                return Some(t);
            }
        }
        None
    }
}

/// Checks an autostart schedule; `message` is the answer's (create and `PUT /autostart`
/// word it differently).
pub fn check_schedule(spec: &str, message: &str) -> Result<WeeklySchedule, Failure> {
    WeeklySchedule::parse(spec).map_err(|e| Failure::invalid(message).validation("schedule", e))
}

/// Coder's weekday names of an autostart days bitmap, Monday first.
pub fn weekdays(bitmap: i32) -> Vec<String> {
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        .iter()
        .enumerate()
        .filter(|(i, _)| bitmap & (1 << i) != 0)
        .map(|(_, d)| (*d).to_owned())
        .collect()
}

/// Checks rich parameter values against what the version declares and fills in defaults.
/// Returns the `(name, value)` pairs the build stores.
pub fn resolve_parameters(
    specs: &[ParameterSpec],
    given: &[(String, String)],
) -> Result<Vec<(String, String)>, Failure> {
    for (name, _) in given {
        if !specs.iter().any(|s| s.name == *name) {
            return Err(Failure::invalid(format!("Parameter {name:?} is not present in the template."))
                .validation("rich_parameter_values", format!("unknown parameter {name:?}")));
        }
    }
    let mut out = Vec::with_capacity(specs.len());
    for spec in specs {
        let value = given.iter().rev().find(|(n, _)| *n == spec.name).map(|(_, v)| v.clone());
        let value = match (value, &spec.default_value) {
            (Some(v), _) => v,
            (None, Some(d)) => d.clone(),
            (None, None) => {
                return Err(invalid_parameter(&spec.name, "parameter value is required"));
            }
        };
        check_parameter_value(spec, &value).map_err(|e| invalid_parameter(&spec.name, &e))?;
        out.push((spec.name.clone(), value));
    }
    Ok(out)
}

fn invalid_parameter(name: &str, why: &str) -> Failure {
    Failure::invalid(format!("Unable to validate parameter {name:?}."))
        .detail(why.to_owned())
        .validation(name.to_owned(), why.to_owned())
}

fn check_parameter_value(spec: &ParameterSpec, value: &str) -> Result<(), String> {
    if !spec.options.is_empty() && !spec.options.iter().any(|o| o == value) {
        return Err(format!("parameter value {value:?} must be one of the options: {}", spec.options.join(", ")));
    }
    match spec.kind.as_str() {
        "number" => {
            let n: f64 = value.parse().map_err(|_| format!("parameter value {value:?} is not a number"))?;
            if let Some(min) = spec.validation_min {
                if n < min as f64 {
                    return Err(format!("value {value} is less than the minimum {min}"));
                }
            }
            if let Some(max) = spec.validation_max {
                if n > max as f64 {
                    return Err(format!("value {value} is more than the maximum {max}"));
                }
            }
        }
        "bool" => {
            if value != "true" && value != "false" {
                return Err(format!("boolean value can be either \"true\" or \"false\", not {value:?}"));
            }
        }
        "list(string)" => {
            serde_json::from_str::<Vec<String>>(value).map_err(|e| format!("value is not a JSON list of strings: {e}"))?;
        }
        _ => {
            if let Some(re) = &spec.validation_regex {
                let re = Regex::new(re).map_err(|e| format!("template regex is invalid: {e}"))?;
                if !re.is_match(value) {
                    return Err(format!("value {value:?} does not match the regex {}", re.as_str()));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspace_names() {
        for ok in ["a", "dev", "my-ws-2", "A1", &"x".repeat(32)] {
            assert_eq!(workspace_name_problem(ok), None, "{ok}");
        }
        for bad in ["-a", "a-", "a--b", "a b", "a_b", "new", "create", &"x".repeat(33), "é"] {
            assert_eq!(workspace_name_problem(bad), Some("workspace_name"), "{bad}");
        }
        assert_eq!(workspace_name_problem(""), Some("required"));
    }

    #[test]
    fn ttl_rules() {
        assert_eq!(resolve_ttl(None, 0, 0).unwrap(), None);
        assert_eq!(resolve_ttl(None, 3_600_000, 0).unwrap(), Some(3_600_000));
        assert_eq!(resolve_ttl(Some(0), 3_600_000, 0).unwrap(), None);
        assert_eq!(resolve_ttl(Some(60_000), 0, 0).unwrap(), Some(60_000));
        let e = resolve_ttl(Some(59_999), 0, 0).unwrap_err();
        assert_eq!(e.body.validations[0].detail, "ttl must be at least one minute");
        let e = resolve_ttl(Some(TTL_MAX_MS + 60_000), 0, 0).unwrap_err();
        assert_eq!(e.body.validations[0].detail, "ttl must be less than 30 days");
        assert_eq!(ttl_problem(i64::MIN + 1, 0).as_deref(), Some("ttl must be at least one minute"));
        assert_eq!(ttl_problem(i64::MAX, 0).as_deref(), Some("ttl must be less than 30 days"));
        assert!(resolve_ttl(Some(7_200_000), 0, 3_600_000).is_err());
    }

    #[test]
    fn weekly_schedules() {
        let s = WeeklySchedule::parse("CRON_TZ=Europe/Dublin 30 9 * * 1-5").unwrap();
        assert_eq!(s.tz, chrono_tz::Europe::Dublin);
        assert_eq!(WeeklySchedule::parse("0 8 * * *").unwrap().tz, Tz::UTC);
        // Saturday 2026-11-28 10:00 UTC: the next SAT,sun run is Sunday 08:00.
        let sat = DateTime::parse_from_rfc3339("2026-11-28T10:00:00Z").unwrap().with_timezone(&Utc);
        let weekend = WeeklySchedule::parse("0 8 * * SAT,sun").unwrap();
        assert_eq!(weekend.next_after(sat).unwrap().to_rfc3339(), "2026-11-29T08:00:00+00:00");
        assert_eq!(WeeklySchedule::parse("0 8 1 * *").unwrap_err(), "validate weekly schedule: expected month and dom to be *");
        assert_eq!(WeeklySchedule::parse("0 8 * *").unwrap_err(), FIELDS_PROBLEM);
        assert_eq!(
            WeeklySchedule::parse("CRON_TZ=Nowhere/City 0 8 * * *").unwrap_err(),
            "parse schedule: provided bad location Nowhere/City: unknown time zone Nowhere/City"
        );
        for bad in ["", "CRON_TZ=Nowhere/City 0 8 * * *", "0 8 1 * *", "0 8 * 2 *", "60 8 * * *", "0 24 * * *", "*/5 8 * * *", "0 8 * * 9", "0 8 * *"] {
            assert!(WeeklySchedule::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn next_start_is_computed_in_the_schedule_zone() {
        // Tuesday 2026-11-24 10:00 UTC; Dublin is UTC+0 in winter, New York UTC-5.
        let now = DateTime::parse_from_rfc3339("2026-11-24T10:00:00Z").unwrap().with_timezone(&Utc);
        let s = WeeklySchedule::parse("CRON_TZ=America/New_York 30 9 * * 1-5").unwrap();
        assert_eq!(s.next_after(now).unwrap().to_rfc3339(), "2026-11-24T14:30:00+00:00");
        let s = WeeklySchedule::parse("CRON_TZ=Europe/Dublin 30 9 * * 1-5").unwrap();
        assert_eq!(s.next_after(now).unwrap().to_rfc3339(), "2026-11-25T09:30:00+00:00");
        let s = WeeklySchedule::parse("0 9 * * 0").unwrap();
        assert_eq!(s.next_after(now).unwrap().to_rfc3339(), "2026-11-29T09:00:00+00:00");
        // Weekdays only, but the template allows Fridays alone (bit 4).
        let s = WeeklySchedule::parse("CRON_TZ=Europe/Dublin 30 9 * * 1-5").unwrap();
        assert_eq!(s.next_allowed_after(now, 1 << 4).unwrap().to_rfc3339(), "2026-11-27T09:30:00+00:00");
        assert_eq!(s.next_allowed_after(now, 1 << 6), None, "it never fires on Sunday");
        assert_eq!(weekdays(0b001_0001), ["monday", "friday"]);
    }

    fn spec(name: &str, kind: &str, default: Option<&str>) -> ParameterSpec {
        ParameterSpec {
            name: name.into(),
            description: String::new(),
            kind: kind.into(),
            default_value: default.map(Into::into),
            mutable: true,
            options: vec![],
            validation_min: None,
            validation_max: None,
            validation_regex: None,
        }
    }

    #[test]
    fn parameters_are_checked_and_defaulted() {
        let mut cpu = spec("cpu", "number", Some("2"));
        cpu.validation_min = Some(1);
        cpu.validation_max = Some(8);
        let mut region = spec("region", "string", None);
        region.options = vec!["eu".into(), "us".into()];
        let specs = vec![cpu, region];
        let got = resolve_parameters(&specs, &[("region".into(), "eu".into())]).unwrap();
        assert_eq!(got, vec![("cpu".into(), "2".into()), ("region".into(), "eu".into())]);
        assert!(resolve_parameters(&specs, &[]).is_err(), "region is required");
        assert!(resolve_parameters(&specs, &[("region".into(), "mars".into())]).is_err());
        assert!(resolve_parameters(&specs, &[("region".into(), "eu".into()), ("cpu".into(), "9".into())]).is_err());
        let e = resolve_parameters(&specs, &[("region".into(), "eu".into()), ("gpu".into(), "1".into())]).unwrap_err();
        assert_eq!(e.body.message, "Parameter \"gpu\" is not present in the template.");
    }
}
