import MockCore
import Yams

/// A parsed scenario document that remembers where each value stood, so every error can name its
/// line. YAML and JSON both go through Yams' node API (JSON is YAML), never through Codable.
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
    static func parse(_ text: String) throws(SyntaxError) -> SourceNode? {
        do {
            guard let root = try Yams.compose(yaml: text) else { return nil }
            return convert(root)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                throw SyntaxError(line: mark.line, message: problem)
            case .duplicatedKeysInMapping(let duplicates, let context):
                throw SyntaxError(line: context.mark.line, message: "duplicated keys: \(duplicates.joined(separator: ", "))")
            default:
                throw SyntaxError(line: 1, message: "\(error)")
            }
        } catch {
            throw SyntaxError(line: 1, message: "\(error)")
        }
    }

    /// YAML forbids tabs as indentation, JSON allows them: a JSON document (it starts with `{` or
    /// `[`) has its tabs made spaces. Valid JSON has no raw tab inside a string, so nothing else changes.
    static func untabbedJSON(_ text: String) -> String {
        guard let first = text.first(where: { !$0.isWhitespace }), first == "{" || first == "[", text.contains("\t") else {
            return text
        }
        return String(text.map { $0 == "\t" ? " " : $0 })
    }

    static func convert(_ node: Node) -> SourceNode {
        let line = node.mark?.line ?? 1
        switch node {
        case .scalar(let scalar):
            return SourceNode(value: .scalar(typed(scalar)), line: line)
        case .sequence(let sequence):
            return SourceNode(value: .list(sequence.map(convert)), line: line)
        case .mapping(let mapping):
            let entries = mapping.map { pair in
                SourceNode.Entry(
                    key: pair.key.scalar?.string ?? "\(pair.key)", line: pair.key.mark?.line ?? line, node: convert(pair.value))
            }
            return SourceNode(value: .map(entries), line: line)
        case .alias:
            return SourceNode(value: .scalar(.null), line: line)
        }
    }

    /// Plain scalars become null, booleans and numbers (YAML 1.2 core schema: no `yes`/`on`);
    /// quoted ones stay strings.
    static func typed(_ scalar: Node.Scalar) -> JSON {
        let text = scalar.string
        guard scalar.style == .plain else { return .string(text) }
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
