//! Reads a lesson file (YAML, docs/lessons.md) into a [`Lesson`], reporting every
//! mistake at its line and column with its field path.

use super::check::CheckParser;
use super::errors::{Errors, LessonError};
use super::{Hint, Lesson, Step, Text};
use serde_yaml::{Mapping, Value};
use taintlab_core::limits::{MAX_LESSON_BYTES, MAX_LESSON_STEPS};
use taintlab_core::session;

/// The top-level fields of a lesson file.
const LESSON_FIELDS: &[&str] = &[
    "id", "title", "summary", "intro", "start", "cluster", "setup", "steps",
];

/// The fields of a step.
const STEP_FIELDS: &[&str] = &["goal", "shell", "yaml", "why", "check", "solution"];

/// Reads the lesson in `text`, the file called `file` (used in the errors).
pub fn parse(file: &str, text: &str) -> Result<Lesson, Vec<LessonError>> {
    let mut errors = Errors::new(file, text);
    if text.len() > MAX_LESSON_BYTES {
        errors.at_position(
            "",
            1,
            1,
            format!(
                "the lesson is {} bytes; a lesson file may hold {MAX_LESSON_BYTES} at most",
                text.len()
            ),
        );
        return Err(errors.list);
    }
    let value: Value = match serde_yaml::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            errors.at_position("", line, column, format!("not YAML: {e}"));
            return Err(errors.list);
        }
    };
    let lesson = read_lesson(&mut errors, &value);
    match lesson {
        Some(lesson) if errors.list.is_empty() => Ok(lesson),
        _ => Err(errors.list),
    }
}

fn get<'v>(map: &'v Mapping, key: &str) -> Option<&'v Value> {
    map.get(Value::String(key.to_string()))
}

/// Reports the keys of `map` that are not in `known`.
fn unknown_fields(errors: &mut Errors, map: &Mapping, at: &str, known: &[&str]) {
    for key in map.keys() {
        let name = key.as_str().unwrap_or("");
        if !known.contains(&name) {
            let path = if at.is_empty() {
                name.to_string()
            } else {
                format!("{at}.{name}")
            };
            errors.at(
                &path,
                format!(
                    "unknown field {name:?}; expected one of {}",
                    known.join(", ")
                ),
            );
        }
    }
}

fn join(at: &str, key: &str) -> String {
    if at.is_empty() {
        key.to_string()
    } else {
        format!("{at}.{key}")
    }
}

/// A required string field; `allow_empty` for texts that may be empty.
fn string(errors: &mut Errors, map: &Mapping, at: &str, key: &str) -> Option<String> {
    match get(map, key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(_) => {
            errors.at(&join(at, key), format!("`{key}` is a non-empty string"));
            None
        }
        None => {
            errors.at(at, format!("missing field `{key}`"));
            None
        }
    }
}

/// A text in both languages: `{en: ..., zh: ...}`.
fn text(errors: &mut Errors, map: &Mapping, at: &str, key: &str) -> Option<Text> {
    let here = join(at, key);
    let Some(value) = get(map, key) else {
        errors.at(at, format!("missing field `{key}` (with `en` and `zh`)"));
        return None;
    };
    let Some(langs) = value.as_mapping() else {
        errors.at(
            &here,
            format!("`{key}` holds the text in both languages: `en:` and `zh:`"),
        );
        return None;
    };
    unknown_fields(errors, langs, &here, &["en", "zh"]);
    let mut words = [None, None];
    for (i, lang) in ["en", "zh"].into_iter().enumerate() {
        let Some(value) = get(langs, lang) else {
            let name = if lang == "en" { "English" } else { "Chinese" };
            errors.at(
                &here,
                format!(
                    "missing `{lang}`: every text is in English and Chinese ({name} is missing)"
                ),
            );
            continue;
        };
        match value.as_str() {
            Some(s) if !s.trim().is_empty() => {
                if s.matches('`').count() % 2 == 1 {
                    errors.at(
                        &format!("{here}.{lang}"),
                        "a backtick (`) is not closed: code spans come in pairs",
                    );
                }
                words[i] = Some(s.to_string());
            }
            _ => errors.at(&format!("{here}.{lang}"), "expected a non-empty text"),
        }
    }
    let [Some(en), Some(zh)] = words else {
        return None;
    };
    Some(Text { en, zh })
}

fn read_lesson(errors: &mut Errors, value: &Value) -> Option<Lesson> {
    let Some(map) = value.as_mapping() else {
        errors.at(
            "",
            "a lesson file is a YAML mapping: id, title, summary, intro, start, steps",
        );
        return None;
    };
    unknown_fields(errors, map, "", LESSON_FIELDS);
    let id = string(errors, map, "", "id");
    if let Some(id) = &id
        && !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        errors.at("id", "an id holds lowercase letters, digits and `-` only");
    }
    let title = text(errors, map, "", "title");
    let summary = text(errors, map, "", "summary");
    let intro = text(errors, map, "", "intro");
    // A cluster of its own (a kind config, Node objects or a whole state)
    // stands instead of a named start.
    let cluster = match get(map, "cluster") {
        None => Some(None),
        Some(_) => string(errors, map, "", "cluster").map(|text| {
            if let Err(problems) = super::start::inputs(&text) {
                for problem in problems {
                    errors.at("cluster", problem);
                }
            }
            Some(text)
        }),
    };
    let start = match (get(map, "start"), &cluster) {
        (None, Some(Some(_))) => Some("empty".to_string()),
        _ => string(errors, map, "", "start"),
    };
    if let Some(start) = &start
        && session::start(start).is_none()
    {
        errors.at(
            "start",
            format!(
                "unknown starting cluster {start:?}; one of {}, or `empty VERSION`",
                session::STARTS.join(", ")
            ),
        );
    }
    let setup = match get(map, "setup") {
        None => Some(String::new()),
        Some(_) => string(errors, map, "", "setup"),
    };
    let steps = read_steps(errors, map);
    Some(Lesson {
        id: id?,
        title: title?,
        summary: summary?,
        intro: intro?,
        start: start?,
        cluster: cluster?,
        setup: setup?,
        steps: steps?,
    })
}

fn read_steps(errors: &mut Errors, map: &Mapping) -> Option<Vec<Step>> {
    let Some(value) = get(map, "steps") else {
        errors.at("", "missing field `steps`");
        return None;
    };
    let Some(items) = value.as_sequence().filter(|s| !s.is_empty()) else {
        errors.at("steps", "`steps` is a list of one step or more");
        return None;
    };
    if items.len() > MAX_LESSON_STEPS {
        errors.at(
            "steps",
            format!(
                "{} steps; a lesson may have {MAX_LESSON_STEPS} at most",
                items.len()
            ),
        );
        return None;
    }
    let mut steps = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if let Some(step) = read_step(errors, item, &format!("steps[{i}]")) {
            steps.push(step);
        }
    }
    (steps.len() == items.len()).then_some(steps)
}

fn read_step(errors: &mut Errors, value: &Value, at: &str) -> Option<Step> {
    let Some(map) = value.as_mapping() else {
        errors.at(at, "a step is a mapping: goal, shell or yaml, why, check");
        return None;
    };
    unknown_fields(errors, map, at, STEP_FIELDS);
    let goal = text(errors, map, at, "goal");
    let why = text(errors, map, at, "why");
    let hint = match (get(map, "shell"), get(map, "yaml")) {
        (Some(_), None) => string(errors, map, at, "shell").map(Hint::Shell),
        (None, Some(_)) => string(errors, map, at, "yaml").map(Hint::Yaml),
        (Some(_), Some(_)) => {
            errors.at(&join(at, "yaml"), "a step has `shell` or `yaml`, not both");
            None
        }
        (None, None) => {
            errors.at(
                at,
                "missing the hint: `shell` (terminal commands) or `yaml` (YAML to apply)",
            );
            None
        }
    };
    let solution = match get(map, "solution") {
        Some(_) => Some(string(errors, map, at, "solution")?),
        None => None,
    };
    let check = match get(map, "check") {
        Some(value) => CheckParser { errors }.check(value, &join(at, "check"), 0),
        None => {
            errors.at(
                at,
                "missing field `check`: what the cluster shows once the step is done",
            );
            None
        }
    };
    Some(Step {
        goal: goal?,
        hint: hint?,
        why: why?,
        check: check?,
        solution,
    })
}
