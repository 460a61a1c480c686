import MockCore

/// The fault, matcher and scalar parts of the parser.
extension ScenarioParser {
    mutating func fault(_ node: SourceNode, _ field: String, index: Int) -> FaultRule? {
        guard let keys = map(node, field, allowed: ["name", "match", "when", "respond", "fault"]) else { return nil }
        var rule = FaultRule(
            name: keys["name"].flatMap { string($0.node, join(field, "name")) } ?? "fault-\(index + 1)",
            match: RequestMatcher(), when: WhenCondition(), respond: nil, connection: nil)
        if let entry = keys["match"] {
            if let matchKeys = map(entry.node, join(field, "match"), allowed: Self.matcherKeys) {
                rule.match = matcher(matchKeys, join(field, "match"))
            }
        } else {
            fail(node.line, join(field, "match"), "is required (which requests the fault applies to)")
        }
        if let entry = keys["when"] { rule.when = when(entry.node, join(field, "when")) }
        if let entry = keys["respond"] { rule.respond = respond(entry.node, join(field, "respond")) }
        if let entry = keys["fault"] { rule.connection = connectionFault(entry.node, join(field, "fault")) }
        if keys["respond"] == nil, keys["fault"] == nil {
            fail(node.line, field, "needs `respond` or `fault` (what goes wrong)")
        }
        return rule
    }

    mutating func matcher(_ keys: [String: SourceNode.Entry], _ field: String) -> RequestMatcher {
        var matcher = RequestMatcher()
        if let entry = keys["api"] {
            for (offset, item) in stringList(entry.node, join(field, "api")).enumerated() {
                if checkAPI(item, line: entry.line, field: join(field, "api")) { matcher.apis.append(item) }
                _ = offset
            }
        }
        if let entry = keys["method"] { matcher.methods = stringList(entry.node, join(field, "method")).map { $0.uppercased() } }
        if let entry = keys["path"], let path = string(entry.node, join(field, "path")) {
            if path.hasPrefix("/") || path.hasPrefix("*") {
                matcher.path = path
            } else {
                fail(entry.line, join(field, "path"), "must start with '/' (or '*'), not '\(path)'")
            }
        }
        if let entry = keys["query"] { matcher.query = pairs(entry.node, join(field, "query")) }
        if let entry = keys["headers"] { matcher.headers = pairs(entry.node, join(field, "headers")) }
        if let entry = keys["body"] { matcher.body = filter(entry.node, join(field, "body")) }
        return matcher
    }

    mutating func checkAPI(_ name: String, line: Int, field: String) -> Bool {
        let apis = catalog.apiNames
        if name.contains("*") {
            if apis.contains(where: { Glob.matches(name, $0) }) { return true }
            let prefix = ScenarioCatalog.prefix(of: name)
            if catalog.relaxUnregistered, prefix.contains("*") || catalog.unverifiable(name, among: apis) { return true }
            if let missing = missingVendor(name, among: apis) {
                fail(line, field, "'\(name)' matches no API: \(missing)")
            } else {
                fail(line, field, "'\(name)' matches no API; nearest: \(Suggest.nearest(name, in: apis).joined(separator: ", "))")
            }
            return false
        }
        if apis.contains(name) || catalog.unverifiable(name, among: apis) { return true }
        fail(line, field, unknownName("API", name, in: apis))
        return false
    }

    mutating func when(_ node: SourceNode, _ field: String) -> WhenCondition {
        var condition = WhenCondition()
        let allowed = ["calls", "every", "after_calls", "probability", "window", "times"]
        guard let keys = map(node, field, allowed: allowed) else { return condition }
        if let entry = keys["calls"] {
            let items = entry.node.items ?? [entry.node]
            condition.calls = items.compactMap { int($0, join(field, "calls"), min: 1) }
        }
        if let entry = keys["every"] { condition.every = int(entry.node, join(field, "every"), min: 1) }
        if let entry = keys["after_calls"] { condition.afterCalls = int(entry.node, join(field, "after_calls"), min: 0) }
        if let entry = keys["times"] { condition.times = int(entry.node, join(field, "times"), min: 1) }
        if let entry = keys["probability"] {
            if let p = entry.node.scalar?.numberValue, (0...1).contains(p) {
                condition.probability = p
            } else {
                fail(entry.line, join(field, "probability"), "must be a number from 0 to 1")
            }
        }
        if let entry = keys["window"], let bounds = map(entry.node, join(field, "window"), allowed: ["from", "until"]) {
            var window = TimeWindow()
            if let from = bounds["from"] { window.from = bound(from.node, join(field, "window.from")) }
            if let until = bounds["until"] { window.until = bound(until.node, join(field, "window.until")) }
            condition.window = window
        }
        return condition
    }

    mutating func bound(_ node: SourceNode, _ field: String) -> TimeWindow.Bound? {
        if let text = node.scalar?.stringValue, let time = Timestamp(iso8601: text) { return .absolute(time) }
        return duration(node, field).map { .relative($0) }
    }

    mutating func respond(_ node: SourceNode, _ field: String) -> FaultResponse? {
        guard let keys = map(node, field, allowed: ["error", "status", "headers", "body", "delay"]) else { return nil }
        if node.entries?.isEmpty == true { fail(node.line, field, "needs at least one of error, status, headers, body, delay") }
        var response = FaultResponse()
        if let entry = keys["error"], let name = string(entry.node, join(field, "error")) {
            if catalog.errorNames.contains(name) || catalog.unverifiable(name, among: catalog.errorNames) {
                response.error = name
            } else {
                fail(entry.line, join(field, "error"), unknownName("error", name, in: catalog.errorNames))
            }
            if keys["status"] != nil || keys["body"] != nil {
                fail(entry.line, field, "`error` answers the vendor's own status and body; leave out `status` and `body`")
            }
        }
        if let entry = keys["status"] { response.status = int(entry.node, join(field, "status"), min: 100, max: 599) }
        if let entry = keys["headers"] {
            response.headers = pairs(entry.node, join(field, "headers")).map { ($0.name, $0.value.scalarText ?? "") }
        }
        if let entry = keys["body"] { response.body = entry.node.json }
        if let entry = keys["delay"] { response.delay = delay(entry.node, join(field, "delay")) }
        return response
    }

    mutating func delay(_ node: SourceNode, _ field: String) -> DelaySpec? {
        if node.scalar != nil { return duration(node, field).map(DelaySpec.fixed) }
        guard let keys = map(node, field, allowed: ["fixed", "uniform", "lognormal"]) else { return nil }
        guard keys.count == 1, let (kind, entry) = keys.first else {
            fail(node.line, field, "needs exactly one of fixed, uniform, lognormal")
            return nil
        }
        let inner = join(field, kind)
        switch kind {
        case "fixed":
            return duration(entry.node, inner).map(DelaySpec.fixed)
        case "uniform":
            guard let bounds = map(entry.node, inner, allowed: ["min", "max"]) else { return nil }
            guard let minEntry = bounds["min"], let maxEntry = bounds["max"],
                let low = duration(minEntry.node, join(inner, "min")), let high = duration(maxEntry.node, join(inner, "max"))
            else {
                fail(entry.line, inner, "needs min and max durations")
                return nil
            }
            guard low <= high else {
                fail(entry.line, inner, "min must not be above max")
                return nil
            }
            return .uniform(min: low, max: high)
        default:
            guard let parts = map(entry.node, inner, allowed: ["median", "sigma", "cap"]) else { return nil }
            guard let medianEntry = parts["median"] else {
                fail(entry.line, join(inner, "median"), "is required (a duration)")
                return nil
            }
            guard let median = duration(medianEntry.node, join(inner, "median")) else { return nil }
            var sigma = 0.5
            if let sigmaEntry = parts["sigma"] {
                guard let value = sigmaEntry.node.scalar?.numberValue, value >= 0, value <= 5 else {
                    fail(sigmaEntry.line, join(inner, "sigma"), "must be a number from 0 to 5")
                    return nil
                }
                sigma = value
            }
            var cap = Duration.seconds(30)
            if let capEntry = parts["cap"], let value = duration(capEntry.node, join(inner, "cap")) { cap = value }
            return .lognormal(median: median, sigma: sigma, cap: cap)
        }
    }

    static let faultNames = ["reset", "connection_reset", "empty_response", "garbage", "truncated", "hang", "dribble"]

    mutating func connectionFault(_ node: SourceNode, _ field: String) -> ConnectionFault? {
        if let name = node.scalar?.stringValue {
            switch name {
            case "reset", "connection_reset": return .reset
            case "empty_response": return .emptyResponse
            case "garbage": return .garbage
            case "truncated": return .truncated
            case "hang": return .hang
            case "dribble": return .dribble(chunks: 5, duration: .seconds(5))
            default:
                fail(node.line, field, Suggest.message("connection fault", name, in: Self.faultNames))
                return nil
            }
        }
        guard let keys = map(node, field, allowed: ["dribble"]), let entry = keys["dribble"] else { return nil }
        guard let parts = map(entry.node, join(field, "dribble"), allowed: ["chunks", "duration"]) else { return nil }
        var chunks = 5
        if let chunkEntry = parts["chunks"], let value = int(chunkEntry.node, join(field, "dribble.chunks"), min: 1, max: 10_000)
        {
            chunks = value
        }
        var total = Duration.seconds(5)
        if let durationEntry = parts["duration"], let value = duration(durationEntry.node, join(field, "dribble.duration")) {
            total = value
        }
        return .dribble(chunks: chunks, duration: total)
    }

    // MARK: scalars

    mutating func filter(_ node: SourceNode, _ field: String) -> FieldFilter {
        guard let entries = node.entries else {
            fail(node.line, field, "must be a mapping of field paths to values")
            return FieldFilter()
        }
        return FieldFilter(fields: entries.map { ($0.key, $0.node.json) })
    }

    mutating func pairs(_ node: SourceNode, _ field: String) -> [(name: String, value: JSON)] {
        guard let entries = node.entries else {
            fail(node.line, field, "must be a mapping of names to values")
            return []
        }
        var result: [(name: String, value: JSON)] = []
        for entry in entries {
            let value = entry.node.json
            switch value {
            case .array, .object: fail(entry.line, join(field, entry.key), "must be a string, number, boolean or null")
            default: result.append((entry.key, value))
            }
        }
        return result
    }

    mutating func list(_ node: SourceNode, _ field: String) -> [SourceNode] {
        if case .scalar(.null) = node.value { return [] }
        guard let items = node.items else {
            fail(node.line, field, "must be a list, not \(node.json.typeName)")
            return []
        }
        return items
    }

    mutating func stringList(_ node: SourceNode, _ field: String) -> [String] {
        (node.items ?? [node]).compactMap { string($0, field) }
    }

    mutating func string(_ node: SourceNode, _ field: String) -> String? {
        guard let scalar = node.scalar, case .string(let text) = scalar else {
            fail(node.line, field, "must be a string, not \(node.json.typeName)")
            return nil
        }
        return text
    }

    mutating func int(_ node: SourceNode, _ field: String, min: Int, max: Int = Int.max) -> Int? {
        guard let value = node.scalar?.intValue, value >= min, value <= max else {
            let range = max == Int.max ? "at least \(min)" : "from \(min) to \(max)"
            fail(node.line, field, "must be an integer \(range), not \(node.json.scalarText ?? node.json.typeName)")
            return nil
        }
        return Int(value)
    }

    /// `250ms`, `2s`, `1h30m`, or a number of seconds.
    mutating func duration(_ node: SourceNode, _ field: String) -> Duration? {
        if let number = node.scalar?.numberValue, number >= 0 { return .milliseconds(Int64((number * 1000).rounded())) }
        if let text = node.scalar?.stringValue, let value = DurationText.parse(text) { return value }
        fail(
            node.line, field,
            "must be a duration such as 500ms, 2s, 1.5m or 2h, not \(node.json.scalarText ?? node.json.typeName)")
        return nil
    }
}
