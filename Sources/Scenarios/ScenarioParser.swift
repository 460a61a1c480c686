import MockCore

/// Turns a scenario document into a `Scenario`, collecting every problem with its line and field.
/// Unknown keys are errors; unknown API, event, action and error names name the nearest valid ones.
struct ScenarioParser {
    let catalog: ScenarioCatalog
    let file: String
    var issues: [ScenarioIssue] = []

    static let topKeys = ["name", "description", "seed", "clock", "lifecycle", "faults", "expect"]
    static let matcherKeys = ["api", "method", "path", "query", "headers", "body"]

    /// Parses and checks `text`; `defaultName` names a scenario without `name:`.
    static func parse(
        _ text: String, file: String, defaultName: String, catalog: ScenarioCatalog
    ) -> Result<Scenario, ScenarioRejected> {
        var parser = ScenarioParser(catalog: catalog, file: file)
        let root: SourceNode?
        do {
            root = try SourceParser.parse(SourceParser.untabbedJSON(text))
        } catch {
            return .failure(
                ScenarioRejected(issues: [ScenarioIssue(file: file, line: error.line, field: "syntax", message: error.message)]))
        }
        let scenario = parser.scenario(root, text: text, defaultName: defaultName)
        if let scenario, parser.issues.isEmpty { return .success(scenario) }
        return .failure(
            ScenarioRejected(
                issues: parser.issues.enumerated().sorted { a, b in
                    (a.element.line, a.offset) < (b.element.line, b.offset)
                }.map(\.element)))
    }

    mutating func fail(_ line: Int, _ field: String, _ message: String) {
        issues.append(ScenarioIssue(file: file, line: line, field: field, message: message))
    }

    /// The entries of a mapping, by key; unknown keys are reported with the nearest allowed ones.
    mutating func map(_ node: SourceNode, _ field: String, allowed: [String]) -> [String: SourceNode.Entry]? {
        guard let entries = node.entries else {
            fail(node.line, field, "must be a mapping (keys: \(allowed.joined(separator: ", "))), not \(node.json.typeName)")
            return nil
        }
        var found: [String: SourceNode.Entry] = [:]
        for entry in entries {
            if let first = found[entry.key] {
                fail(entry.line, join(field, entry.key), "is given twice (first on line \(first.line))")
            } else if allowed.contains(entry.key) {
                found[entry.key] = entry
            } else if field.isEmpty, ScenarioCatalog.knownSeedKeys.contains(entry.key) {
                fail(
                    entry.line, entry.key,
                    "no registered vendor seeds '\(entry.key)' in this build (check --allow-unregistered skips it)")
            } else {
                fail(entry.line, join(field, entry.key), Suggest.message("key", entry.key, in: allowed))
            }
        }
        return found
    }

    /// "no vendor registers it" when the name's known prefix has no names at all, else nearest names.
    func missingVendor(_ name: String, among names: [String]) -> String? {
        let prefix = ScenarioCatalog.prefix(of: name)
        guard ScenarioCatalog.knownPrefixes.contains(prefix), !names.contains(where: { ScenarioCatalog.prefix(of: $0) == prefix })
        else { return nil }
        return "no registered vendor provides '\(prefix).*' names in this build (check --allow-unregistered skips them)"
    }

    func unknownName(_ what: String, _ name: String, in names: [String]) -> String {
        if let missing = missingVendor(name, among: names) { return "unknown \(what) '\(name)': \(missing)" }
        return Suggest.message(what, name, in: names)
    }

    func join(_ field: String, _ key: String) -> String { field.isEmpty ? key : field + "." + key }

    mutating func scenario(_ root: SourceNode?, text: String, defaultName: String) -> Scenario? {
        guard let root else {
            fail(1, "(document)", "the file is empty")
            return nil
        }
        var seedKeys = catalog.vendors.compactMap(\.seedKey)
        if catalog.relaxUnregistered { seedKeys += ScenarioCatalog.knownSeedKeys.filter { !seedKeys.contains($0) } }
        guard let top = map(root, "", allowed: Self.topKeys + seedKeys) else { return nil }
        var scenario = Scenario(
            name: defaultName, description: "", seed: nil, clock: nil, seeds: [], lifecycle: [], faults: [], expect: [],
            source: file, text: text)
        if let entry = top["name"], let name = string(entry.node, "name") {
            if name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) {
                fail(entry.line, "name", "must be letters, digits, '.', '_' or '-', not '\(name)'")
            } else {
                scenario.name = name
            }
        }
        if let entry = top["description"] { scenario.description = string(entry.node, "description") ?? "" }
        if let entry = top["seed"], let value = int(entry.node, "seed", min: 0) { scenario.seed = UInt64(value) }
        if let entry = top["clock"] { scenario.clock = clock(entry.node) }
        for entry in (root.entries ?? []) where seedKeys.contains(entry.key) {
            seed(entry)
            scenario.seeds.append((entry.key, entry.node.json))
        }
        if let entry = top["lifecycle"] {
            scenario.lifecycle = list(entry.node, "lifecycle").enumerated().compactMap { lifecycle($1, "lifecycle[\($0)]") }
        }
        if let entry = top["faults"] {
            scenario.faults = list(entry.node, "faults").enumerated().compactMap { fault($1, "faults[\($0)]", index: $0) }
        }
        if let entry = top["expect"] {
            scenario.expect = list(entry.node, "expect").enumerated().compactMap { expectation($1, "expect[\($0)]") }
        }
        return scenario
    }

    mutating func clock(_ node: SourceNode) -> ClockSetting? {
        guard let keys = map(node, "clock", allowed: ["start", "frozen"]) else { return nil }
        var setting = ClockSetting(start: nil, frozen: false)
        if let entry = keys["start"], let text = string(entry.node, "clock.start") {
            if let time = Timestamp(iso8601: text) {
                setting.start = time
            } else {
                fail(entry.line, "clock.start", "must be an ISO 8601 time such as 2026-01-05T09:00:00+08:00, not '\(text)'")
            }
        }
        if let entry = keys["frozen"] {
            if let value = entry.node.scalar?.boolValue {
                setting.frozen = value
            } else {
                fail(entry.line, "clock.frozen", "must be true or false")
            }
        }
        return setting
    }

    mutating func seed(_ entry: SourceNode.Entry) {
        guard let vendor = catalog.seedVendor(entry.key) else { return }  // relaxed: not registered
        for error in vendor.validateSeed(entry.node.json) {
            fail(entry.node.line(at: error.path), ([entry.key] + error.path).joined(separator: "."), error.message)
        }
    }

    mutating func lifecycle(_ node: SourceNode, _ field: String) -> LifecycleRule? {
        guard let keys = map(node, field, allowed: ["name", "on", "where", "after", "do"]) else { return nil }
        guard let onEntry = keys["on"] else {
            fail(node.line, join(field, "on"), "is required (the event that starts the rule)")
            return nil
        }
        guard let event = string(onEntry.node, join(field, "on")) else { return nil }
        var vendor = catalog.vendor(ofEvent: event)?.name
        let verifiable = vendor != nil || !catalog.unverifiable(event, among: catalog.eventNames)
        if vendor == nil {
            if verifiable {
                fail(onEntry.line, join(field, "on"), unknownName("event", event, in: catalog.eventNames))
                return nil
            }
            vendor = ScenarioCatalog.prefix(of: event)
        }
        var rule = LifecycleRule(
            name: keys["name"].flatMap { string($0.node, join(field, "name")) } ?? "\(field) \(event)", event: event,
            vendor: vendor!, filter: FieldFilter(), after: .zero, actions: [])
        if let entry = keys["where"] { rule.filter = filter(entry.node, join(field, "where")) }
        if let entry = keys["after"] { rule.after = duration(entry.node, join(field, "after")) ?? .zero }
        guard let doEntry = keys["do"] else {
            fail(node.line, join(field, "do"), "is required (the actions to perform)")
            return nil
        }
        let known = catalog.vendors.first { $0.name == rule.vendor }?.actions
        rule.actions = actions(doEntry.node, join(field, "do"), known: verifiable ? (known ?? []) : nil)
        return rule
    }

    /// `{approve: {by: x}}`, `{status: 1, message: "…"}`, `terminate`, or a list of these.
    mutating func actions(_ node: SourceNode, _ field: String, known: [String]?) -> [JSON] {
        switch node.value {
        case .list(let items):
            return items.enumerated().flatMap { actions($1, "\(field)[\($0)]", known: known) }
        case .scalar(.string(let name)):
            return checkAction(name, node.line, field, known: known) ? [["action": .string(name)]] : []
        case .map(let entries):
            var result: [JSON] = []
            for entry in entries where checkAction(entry.key, entry.line, join(field, entry.key), known: known) {
                var body: JSONObject = ["action": .string(entry.key)]
                switch entry.node.json {
                case .object(let arguments): for (key, value) in arguments where key != "action" { body[key] = value }
                case .null: break
                case let value: body["value"] = value
                }
                result.append(.object(body))
            }
            return result
        default:
            fail(node.line, field, "must be an action mapping such as {approve: {by: first_processor}}")
            return []
        }
    }

    mutating func checkAction(_ name: String, _ line: Int, _ field: String, known: [String]?) -> Bool {
        guard let known, !known.contains(name) else { return true }
        fail(line, field, Suggest.message("action", name, in: known))
        return false
    }

    mutating func expectation(_ node: SourceNode, _ field: String) -> Expectation? {
        guard let keys = map(node, field, allowed: Self.matcherKeys + ["count"]) else { return nil }
        let matcher = self.matcher(keys, field)
        var count = CountCondition.atLeast(1)
        if let entry = keys["count"] { count = countCondition(entry.node, join(field, "count")) ?? count }
        var description = node.json
        description["count"] = count.json
        return Expectation(matcher: matcher, count: count, description: description)
    }

    mutating func countCondition(_ node: SourceNode, _ field: String) -> CountCondition? {
        guard let keys = map(node, field, allowed: ["exactly", "at_least", "at_most"]) else { return nil }
        guard keys.count == 1, let (key, entry) = keys.first else {
            fail(node.line, field, "needs exactly one of exactly, at_least, at_most")
            return nil
        }
        guard let n = int(entry.node, join(field, key), min: 0) else { return nil }
        switch key {
        case "exactly": return .exactly(n)
        case "at_least": return .atLeast(n)
        default: return .atMost(n)
        }
    }
}
