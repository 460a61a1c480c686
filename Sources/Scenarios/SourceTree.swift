import MockCore

/// A parsed scenario document that remembers where each value stood, so every error can name its
/// line. YAML and JSON both go through libyaml's event parser (JSON is YAML; YAMLEvents.swift),
/// never through Codable.
struct SourceNode: Sendable {
    enum Value: Sendable {
        case scalar(JSON)
        case list([SourceNode])
        case map([Entry])
    }

    struct Entry: Sendable {
        var key: String
        var line: Int
        var node: SourceNode
    }

    var value: Value
    var line: Int

    /// The plain JSON value, for seed sections, filters and bodies.
    var json: JSON {
        switch value {
        case .scalar(let scalar): scalar
        case .list(let items): .array(items.map(\.json))
        case .map(let entries): .object(JSONObject(entries.map { (key: $0.key, value: $0.node.json) }))
        }
    }

    var entries: [Entry]? { if case .map(let entries) = value { entries } else { nil } }
    var items: [SourceNode]? { if case .list(let items) = value { items } else { nil } }
    var scalar: JSON? { if case .scalar(let scalar) = value { scalar } else { nil } }

    /// The line of the value at a seed field path (`services`, `0`, `workflow`), as close as it goes.
    func line(at path: [String]) -> Int {
        guard let first = path.first else { return line }
        switch value {
        case .map(let entries):
            guard let entry = entries.first(where: { $0.key == first }) else { return line }
            return path.count == 1 ? entry.line : entry.node.line(at: Array(path.dropFirst()))
        case .list(let items):
            let key = first.hasPrefix("[") ? String(first.dropFirst().dropLast()) : first
            guard let index = Int(key), items.indices.contains(index) else { return line }
            return items[index].line(at: Array(path.dropFirst()))
        case .scalar: return line
        }
    }
}

/// A syntax error with its line.
struct SyntaxError: Error {
    var line: Int
    var message: String
}

enum SourceParser {
    /// The first document of `text` as a located tree; nil when it has none (empty, or comments only).
    static func parse(_ text: String) throws(SyntaxError) -> SourceNode? {
        var composer = SourceComposer(events: try YAMLEvents(text))
        return try composer.document()
    }

    /// YAML forbids tabs as indentation, JSON allows them: a JSON document (it starts with `{` or
    /// `[`) has its tabs made spaces. Valid JSON has no raw tab inside a string, so nothing else changes.
    static func untabbedJSON(_ text: String) -> String {
        guard let first = text.first(where: { !$0.isWhitespace }), first == "{" || first == "[", text.contains("\t") else {
            return text
        }
        return String(text.map { $0 == "\t" ? " " : $0 })
    }

    /// Plain scalars become null, booleans and numbers (YAML 1.2 core schema: no `yes`/`on`);
    /// quoted ones stay strings.
    static func typed(_ text: String, plain: Bool) -> JSON {
        guard plain else { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let value = Int64(text) { return .int(value) }
        if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let value = Double(text), value.isFinite,
            text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true
        {
            return .double(value)
        }
        return .string(text)
    }
}
