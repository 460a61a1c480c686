import MockCore

extension ScenarioEngine {
    /// Prometheus text: requests by API and status, faults fired, tickets by vendor and namespace.
    public func metricsText() -> String {
        var lines: [String] = []
        lines.append("# HELP ticketmock_requests_total Requests answered, by API name and status.")
        lines.append("# TYPE ticketmock_requests_total counter")
        for (api, statuses) in journal.requestCounts.sorted(by: { $0.key < $1.key }) {
            for (status, count) in statuses.sorted(by: { $0.key < $1.key }) {
                lines.append("ticketmock_requests_total{api=\"\(escape(api))\",status=\"\(status)\"} \(count)")
            }
        }
        lines.append("# HELP ticketmock_faults_fired_total Scenario faults fired, by scenario and fault name.")
        lines.append("# TYPE ticketmock_faults_fired_total counter")
        for (key, count) in faults.firedCounts.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            lines.append(
                "ticketmock_faults_fired_total{scenario=\"\(escape(parts[0]))\",fault=\"\(escape(parts.count > 1 ? parts[1] : ""))\"} \(count)"
            )
        }
        lines.append("# HELP ticketmock_tickets Tickets held, by vendor and namespace.")
        lines.append("# TYPE ticketmock_tickets gauge")
        for namespace in context.store.namespaces {
            for vendor in vendors {
                lines.append(
                    "ticketmock_tickets{vendor=\"\(escape(vendor.name))\",namespace=\"\(escape(namespace))\"} \(vendor.ticketCount(namespace: namespace))"
                )
            }
        }
        lines.append("# HELP ticketmock_scenarios_loaded Scenarios loaded.")
        lines.append("# TYPE ticketmock_scenarios_loaded gauge")
        lines.append("ticketmock_scenarios_loaded \(scenarios.count)")
        lines.append("# HELP ticketmock_lifecycle_pending Lifecycle steps waiting for their time.")
        lines.append("# TYPE ticketmock_lifecycle_pending gauge")
        lines.append("ticketmock_lifecycle_pending \(lifecycle.pendingCount)")
        return lines.joined(separator: "\n") + "\n"
    }

    private func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }
}
