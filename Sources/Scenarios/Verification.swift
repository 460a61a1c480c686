import MockCore

/// Count assertions over the journal: what matched, and when the count is wrong, the requests
/// that came closest and why they missed.
public struct VerificationResult: Sendable {
    public var ok: Bool
    public var count: Int
    public var condition: CountCondition
    public var matched: [JournalEntry]
    public var closest: [(entry: JournalEntry, mismatches: [String])]

    public var json: JSON {
        [
            "ok": .bool(ok), "count": JSON(count), "condition": condition.json,
            "matched": .array(matched.suffix(20).map(\.json)),
            "closest": .array(
                closest.map { item in
                    [
                        "id": JSON(item.entry.id), "api": .string(item.entry.facts.api),
                        "method": .string(item.entry.facts.method),
                        "path": .string(item.entry.facts.path), "status": JSON(item.entry.status),
                        "mismatches": JSON(item.mismatches),
                    ]
                }),
        ]
    }
}

public enum Verification {
    public static func verify(_ matcher: RequestMatcher, _ condition: CountCondition, in entries: [JournalEntry])
        -> VerificationResult
    {
        var matched: [JournalEntry] = []
        var misses: [(entry: JournalEntry, mismatches: [String])] = []
        for entry in entries {
            let reasons = matcher.mismatches(entry.facts)
            if reasons.isEmpty { matched.append(entry) } else { misses.append((entry, reasons)) }
        }
        let ok = condition.holds(matched.count)
        var closest: [(entry: JournalEntry, mismatches: [String])] = []
        if !ok {
            closest = Array(
                misses.enumerated().sorted { a, b in
                    a.element.mismatches.count != b.element.mismatches.count
                        ? a.element.mismatches.count < b.element.mismatches.count : a.offset > b.offset
                }.prefix(3).map(\.element))
        }
        return VerificationResult(ok: ok, count: matched.count, condition: condition, matched: matched, closest: closest)
    }

    /// Parses a verify body (`{api: …, count: {exactly: 1}}`) with the scenario rules.
    public static func expectation(from body: JSON, catalog: ScenarioCatalog) -> Result<Expectation, ScenarioRejected> {
        var parser = ScenarioParser(catalog: catalog, file: "<request>")
        let node = SourceParser.node(from: body)
        let expectation = parser.expectation(node, "")
        if let expectation, parser.issues.isEmpty { return .success(expectation) }
        return .failure(ScenarioRejected(issues: parser.issues))
    }
}

extension ScenarioEngine {
    /// Checks every loaded scenario's `expect` list (or one scenario's) in `namespace`.
    public func verifyExpectations(scenario name: String?, namespace: String?) -> (ok: Bool, results: [JSON])? {
        let chosen = scenarios.filter { name == nil || $0.scenario.name == name }
        if name != nil, chosen.isEmpty { return nil }
        let entries = journal.entries(namespace: namespace)
        var results: [JSON] = []
        var ok = true
        for loaded in chosen {
            for expectation in loaded.scenario.expect {
                let result = Verification.verify(expectation.matcher, expectation.count, in: entries)
                ok = ok && result.ok
                var json = result.json
                json["scenario"] = .string(loaded.scenario.name)
                json["expect"] = expectation.description
                results.append(json)
            }
        }
        return (ok, results)
    }
}

extension SourceParser {
    /// A JSON value as a located tree (every line 1), for request bodies.
    static func node(from json: JSON) -> SourceNode {
        switch json {
        case .array(let items): SourceNode(value: .list(items.map(node(from:))), line: 1)
        case .object(let object):
            SourceNode(value: .map(object.map { SourceNode.Entry(key: $0.key, line: 1, node: node(from: $0.value)) }), line: 1)
        default: SourceNode(value: .scalar(json), line: 1)
        }
    }
}
