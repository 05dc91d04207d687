//! Models `validateContainerPorts` (`pkg/apis/core/validation/validation.go`):
//! port numbers and protocols (port names are not kept by taintlab).

use super::{FieldError, err};
use crate::api::ContainerPort;
use crate::api::field_value::{self, ValueStyle};

/// `supportedPortProtocols`, sorted as `sets.List` sorts them.
const SUPPORTED_PROTOCOLS: [&str; 3] = ["SCTP", "TCP", "UDP"];

/// Models `validation.IsValidPortNum` with `InclusiveRangeError(1, 65535)`.
fn port_number_error(port: i32) -> Option<&'static str> {
    (!(1..=65535).contains(&port)).then_some("must be between 1 and 65535, inclusive")
}

/// Validates a container's `ports` at `path` (`spec.containers[0].ports`).
pub(super) fn validate_ports(
    ports: &[ContainerPort],
    path: &str,
    style: ValueStyle,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, port) in ports.iter().enumerate() {
        // Paths are built only for an error: most ports have none.
        let at = |field: &str| format!("{path}[{i}].{field}");
        if port.container_port == 0 {
            errs.push(err(&at("containerPort"), "Required value"));
        } else if let Some(msg) = port_number_error(port.container_port) {
            errs.push(err(
                &at("containerPort"),
                format!("Invalid value: {}: {msg}", port.container_port),
            ));
        }
        if let Some(host) = port.host_port.filter(|h| *h != 0)
            && let Some(msg) = port_number_error(host)
        {
            errs.push(err(
                &at("hostPort"),
                format!("Invalid value: {host}: {msg}"),
            ));
        }
        // An empty protocol is defaulted to TCP before validation.
        if let Some(protocol) = port.protocol.as_deref().filter(|p| !p.is_empty())
            && !SUPPORTED_PROTOCOLS.contains(&protocol)
        {
            let supported: Vec<String> = SUPPORTED_PROTOCOLS
                .iter()
                .map(|p| format!("{p:?}"))
                .collect();
            errs.push(err(
                &at("protocol"),
                format!(
                    "Unsupported value: {}: supported values: {}",
                    field_value::string(protocol, style),
                    supported.join(", ")
                ),
            ));
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_as_upstream() {
        let port = |container_port, host_port, protocol: Option<&str>| ContainerPort {
            container_port,
            host_port,
            protocol: protocol.map(str::to_string),
        };
        let p = "spec.containers[0].ports";
        for (ports, want) in [
            (
                vec![port(80, None, None), port(65535, Some(1), Some("UDP"))],
                vec![],
            ),
            (vec![port(80, Some(0), Some(""))], vec![]),
            (
                vec![port(-1, None, None)],
                vec![format!(
                    "{p}[0].containerPort: Invalid value: -1: must be between 1 and 65535, inclusive"
                )],
            ),
            (
                vec![port(80, None, None), port(0, None, None)],
                vec![format!("{p}[1].containerPort: Required value")],
            ),
            (
                vec![port(65536, Some(-80), Some("HTTP"))],
                vec![
                    format!(
                        "{p}[0].containerPort: Invalid value: 65536: must be between 1 and 65535, inclusive"
                    ),
                    format!(
                        "{p}[0].hostPort: Invalid value: -80: must be between 1 and 65535, inclusive"
                    ),
                    format!(
                        "{p}[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""
                    ),
                ],
            ),
        ] {
            let got: Vec<String> = validate_ports(&ports, p, ValueStyle::Json)
                .iter()
                .map(ToString::to_string)
                .collect();
            assert_eq!(got, want, "{ports:?}");
        }
    }
}
