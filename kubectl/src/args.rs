//! kubectl's flag parsing (spf13/pflag as cobra uses it): flags anywhere among the
//! arguments, `--flag=value`, `--flag value`, `-f value`, `-fvalue`, grouped boolean
//! shorthands (`-it`), and `--` ending the flags. Errors use pflag's words,
//! including an integer flag's value that does not parse (`strconv.ParseInt`) and
//! a string-slice flag's value that is not one line of CSV (`encoding/csv`).

/// One flag a command accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag {
    /// The long name, without dashes.
    pub long: &'static str,
    /// The one-letter shorthand, if any.
    pub short: Option<char>,
    /// Whether the flag takes a value (`-n default`); otherwise it is boolean.
    pub takes_value: bool,
    /// For an integer flag (pflag's `int`, `int32`, `int64`), its width in bits.
    pub int_bits: Option<u32>,
    /// A string-slice flag (pflag's `stringSlice`): each value is read as CSV.
    pub csv: bool,
}

impl Flag {
    /// A flag with a value.
    pub const fn value(long: &'static str, short: Option<char>) -> Flag {
        Flag {
            long,
            short,
            takes_value: true,
            int_bits: None,
            csv: false,
        }
    }

    /// A string-slice flag: pflag reads each value as one record of CSV
    /// (`readAsCSV`), so `--image=a,b` gives two values; [`Args::slice`] returns them.
    pub const fn slice(long: &'static str, short: Option<char>) -> Flag {
        Flag {
            long,
            short,
            takes_value: true,
            int_bits: None,
            csv: true,
        }
    }

    /// An integer flag of `bits` bits (32 or 64): pflag parses its value with
    /// `strconv.ParseInt(s, 0, bits)` as the flags are read.
    pub const fn int(long: &'static str, short: Option<char>, bits: u32) -> Flag {
        Flag {
            long,
            short,
            takes_value: true,
            int_bits: Some(bits),
            csv: false,
        }
    }

    /// A boolean flag.
    pub const fn switch(long: &'static str, short: Option<char>) -> Flag {
        Flag {
            long,
            short,
            takes_value: false,
            int_bits: None,
            csv: false,
        }
    }

    /// The same flag with its value taken as text, unchecked.
    pub const fn unchecked(self) -> Flag {
        Flag {
            int_bits: None,
            csv: false,
            ..self
        }
    }

    /// Models pflag's `InvalidValueError` for `value`: the error of the flag
    /// value's `Set`, wrapped as `FlagSet.set` wraps it.
    fn check(&self, value: &str) -> Result<(), String> {
        let cause = if let Some(bits) = self.int_bits {
            super::strconv::parse_int(value, bits)
                .err()
                .map(|e| e.to_string())
        } else if self.csv {
            super::csv::read_as_csv(value).err()
        } else {
            None
        };
        match cause {
            None => Ok(()),
            Some(cause) => {
                let name = match self.short {
                    Some(c) => format!("-{c}, --{}", self.long),
                    None => format!("--{}", self.long),
                };
                Err(format!(
                    "invalid argument {} for {} flag: {cause}",
                    taintlab_core::api::field_value::go_quote(value),
                    taintlab_core::api::field_value::go_quote(&name)
                ))
            }
        }
    }
}

/// Flags every kubectl command accepts (a subset of kubectl's global flags).
pub const GLOBAL: &[Flag] = &[
    Flag::value("namespace", Some('n')),
    Flag::switch("help", Some('h')),
    Flag::value("context", None),
    Flag::value("kubeconfig", None),
    Flag::value("cluster", None),
    Flag::value("user", None),
    Flag::value("request-timeout", None),
    Flag::value("v", Some('v')),
];

/// Parsed arguments: the positional words and the flags, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Args {
    /// Words that are not flags.
    pub positional: Vec<String>,
    /// Flags by long name, with their values (`"true"` for a bare boolean).
    pub flags: Vec<(&'static str, String)>,
}

impl Args {
    /// The last value given for `long`.
    pub fn get(&self, long: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(l, _)| *l == long)
            .map(|(_, v)| v.as_str())
    }

    /// Every value given for `long`, in order.
    pub fn all(&self, long: &str) -> Vec<&str> {
        self.flags
            .iter()
            .filter(|(l, _)| *l == long)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The values of a string-slice flag (see [`Flag::slice`]): every value given,
    /// each read as CSV, in order. [`parse`] has already checked them.
    pub fn slice(&self, long: &str) -> Vec<String> {
        self.all(long)
            .into_iter()
            .flat_map(|v| super::csv::read_as_csv(v).unwrap_or_default())
            .collect()
    }

    /// The last value of an integer flag (see [`Flag::int`]), which [`parse`]
    /// has already checked.
    pub fn int(&self, long: &str) -> Option<i64> {
        self.get(long)
            .and_then(|v| super::strconv::parse_int(v, 64).ok())
    }

    /// Whether a boolean flag is on (`--x`, `--x=true`).
    pub fn on(&self, long: &str) -> bool {
        self.get(long).is_some_and(|v| v != "false")
    }
}

/// Parses `args` against `flags` (plus [`GLOBAL`]). The error is pflag's message.
pub fn parse(args: &[String], flags: &[Flag]) -> Result<Args, String> {
    let find_long = |name: &str| flags.iter().chain(GLOBAL).find(|f| f.long == name).copied();
    let find_short = |c: char| {
        flags
            .iter()
            .chain(GLOBAL)
            .find(|f| f.short == Some(c))
            .copied()
    };
    let mut out = Args::default();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if arg == "--" {
            out.positional.extend(args[i..].iter().cloned());
            break;
        }
        if let Some(body) = arg.strip_prefix("--") {
            // pflag's `parseLongArg`: `---x` and `--=x` are not flags.
            if body.starts_with(['-', '=']) {
                return Err(format!("bad flag syntax: {arg}"));
            }
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let Some(flag) = find_long(name) else {
                return Err(format!("unknown flag: --{name}"));
            };
            let value = match (flag.takes_value, inline) {
                (_, Some(v)) => v,
                (false, None) => "true".to_string(),
                (true, None) => match args.get(i) {
                    Some(v) => {
                        i += 1;
                        v.clone()
                    }
                    None => return Err(format!("flag needs an argument: --{name}")),
                },
            };
            flag.check(&value)?;
            out.flags.push((flag.long, value));
        } else if arg.len() > 1 && arg.starts_with('-') {
            let shorts: Vec<char> = arg[1..].chars().collect();
            let mut j = 0;
            while j < shorts.len() {
                let c = shorts[j];
                let Some(flag) = find_short(c) else {
                    return Err(format!("unknown shorthand flag: '{c}' in {arg}"));
                };
                if flag.takes_value {
                    let rest: String = shorts[j + 1..].iter().collect();
                    let value = if let Some(v) = rest.strip_prefix('=') {
                        v.to_string()
                    } else if !rest.is_empty() {
                        rest
                    } else if let Some(v) = args.get(i) {
                        i += 1;
                        v.clone()
                    } else {
                        return Err(format!("flag needs an argument: '{c}' in {arg}"));
                    };
                    flag.check(&value)?;
                    out.flags.push((flag.long, value));
                    break;
                }
                out.flags.push((flag.long, "true".to_string()));
                j += 1;
            }
        } else {
            out.positional.push(arg.clone());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    const GET: &[Flag] = &[
        Flag::value("output", Some('o')),
        Flag::switch("all-namespaces", Some('A')),
        Flag::value("selector", Some('l')),
        Flag::switch("show-labels", None),
    ];

    #[test]
    fn flags_go_anywhere() {
        let args = parse(
            &strings(&[
                "pods",
                "-n",
                "kube-system",
                "-owide",
                "--show-labels",
                "-l=app=web",
                "x",
            ]),
            GET,
        )
        .expect("parses");
        assert_eq!(args.positional, ["pods", "x"]);
        assert_eq!(args.get("namespace"), Some("kube-system"));
        assert_eq!(args.get("output"), Some("wide"));
        assert_eq!(args.get("selector"), Some("app=web"));
        assert!(args.on("show-labels"));
        assert!(!args.on("all-namespaces"));
    }

    #[test]
    fn pflag_errors() {
        assert_eq!(
            parse(&strings(&["pods", "--bogus"]), GET),
            Err("unknown flag: --bogus".to_string())
        );
        assert_eq!(
            parse(&strings(&["pods", "-z"]), GET),
            Err("unknown shorthand flag: 'z' in -z".to_string())
        );
        assert_eq!(
            parse(&strings(&["pods", "-n"]), GET),
            Err("flag needs an argument: 'n' in -n".to_string())
        );
        assert_eq!(
            parse(&strings(&["pods", "--namespace"]), GET),
            Err("flag needs an argument: --namespace".to_string())
        );
        assert_eq!(
            parse(&strings(&["---"]), GET),
            Err("bad flag syntax: ---".to_string())
        );
        assert_eq!(
            parse(&strings(&["--=x"]), GET),
            Err("bad flag syntax: --=x".to_string())
        );
    }

    #[test]
    fn integer_flags_are_checked_as_pflag_does() {
        const FLAGS: &[Flag] = &[
            Flag::int("replicas", Some('r'), 32),
            Flag::int("grace-period", None, 64),
        ];
        let args = parse(&strings(&["-r", "0x10", "--grace-period=-1"]), FLAGS).expect("parses");
        assert_eq!(
            (args.int("replicas"), args.int("grace-period")),
            (Some(16), Some(-1))
        );
        assert_eq!(
            parse(&strings(&["--replicas=99999999999"]), FLAGS),
            Err("invalid argument \"99999999999\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"99999999999\": value out of range".to_string())
        );
        assert_eq!(
            parse(&strings(&["--grace-period", "soon"]), FLAGS),
            Err("invalid argument \"soon\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"soon\": invalid syntax".to_string())
        );
        // The first bad value stops the parse, as pflag's Set does.
        assert!(
            parse(&strings(&["-r3", "-r", "x", "--bogus"]), FLAGS)
                .is_err_and(|e| e.contains("\"x\""))
        );
    }
}
