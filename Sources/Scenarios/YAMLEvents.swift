import CYaml

/// One libyaml parser event, copied out of C memory (the C event is freed as soon as it is read).
enum YAMLEvent {
    case streamStart, streamEnd
    case documentStart(line: Int)
    case documentEnd
    case mappingStart(anchor: String?, line: Int)
    case mappingEnd
    case sequenceStart(anchor: String?, line: Int)
    case sequenceEnd
    case scalar(text: String, plain: Bool, anchor: String?, line: Int)
    case alias(anchor: String, line: Int)
}

/// libyaml's event parser over one text. The parser and the input live at fixed heap addresses
/// (libyaml keeps pointers to both) and are freed by `close()`.
struct YAMLEvents: ~Copyable {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>

    init(_ text: String) throws(SyntaxError) {
        let bytes = Array(text.utf8)
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            throw SyntaxError(line: 1, message: "out of memory")
        }
        let input = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
        self.parser = parser
        self.input = input
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The next event, or the parser's problem with its line.
    func next() throws(SyntaxError) -> YAMLEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else {
            let problem = parser.pointee.problem.map { String(cString: $0) } ?? "invalid YAML"
            throw SyntaxError(line: Int(parser.pointee.problem_mark.line) + 1, message: problem)
        }
        defer { yaml_event_delete(&event) }
        let line = Int(event.start_mark.line) + 1
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_DOCUMENT_START_EVENT: return .documentStart(line: line)
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_MAPPING_START_EVENT: return .mappingStart(anchor: Self.text(event.data.mapping_start.anchor), line: line)
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        case YAML_SEQUENCE_START_EVENT: return .sequenceStart(anchor: Self.text(event.data.sequence_start.anchor), line: line)
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
            return .scalar(
                text: text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE, anchor: Self.text(scalar.anchor), line: line)
        case YAML_ALIAS_EVENT: return .alias(anchor: Self.text(event.data.alias.anchor) ?? "", line: line)
        default: return .streamEnd  // YAML_STREAM_END_EVENT (and YAML_NO_EVENT, which a parser never returns)
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

/// Builds the located tree from the events of one document. Aliases stand for their anchored node
/// (as Yams' composer did); a mapping with a repeated key is an error.
struct SourceComposer: ~Copyable {
    let events: YAMLEvents
    var anchors: [String: SourceNode] = [:]

    /// The first document's root; nil when the stream has none. A second document is an error.
    mutating func document() throws(SyntaxError) -> SourceNode? {
        _ = try events.next()  // stream start
        guard case .documentStart = try events.next() else { return nil }
        let root = try node(events.next())
        _ = try events.next()  // document end
        if case .documentStart(let line) = try events.next() {
            throw SyntaxError(line: line, message: "expected a single document in the stream, but found another document")
        }
        return root
    }

    mutating func node(_ event: YAMLEvent) throws(SyntaxError) -> SourceNode {
        switch event {
        case .scalar(let text, let plain, let anchor, let line):
            return register(anchor, SourceNode(value: .scalar(SourceParser.typed(text, plain: plain)), line: line))
        case .sequenceStart(let anchor, let line):
            var items: [SourceNode] = []
            while true {
                let next = try events.next()
                if case .sequenceEnd = next { break }
                items.append(try node(next))
            }
            return register(anchor, SourceNode(value: .list(items), line: line))
        case .mappingStart(let anchor, let line):
            var entries: [SourceNode.Entry] = []
            while true {
                let next = try events.next()
                if case .mappingEnd = next { break }
                let key = try node(next)
                let keyText = if case .scalar(let text, _, _, _) = next { text } else { Self.keyText(key) }
                entries.append(SourceNode.Entry(key: keyText, line: key.line, node: try node(events.next())))
            }
            try Self.checkDuplicates(entries)
            return register(anchor, SourceNode(value: .map(entries), line: line))
        case .alias(let anchor, let line):
            guard let node = anchors[anchor] else { throw SyntaxError(line: line, message: "found undefined alias '\(anchor)'") }
            return node
        default:
            throw SyntaxError(line: 1, message: "unexpected YAML event \(event)")  // libyaml's grammar never gets here
        }
    }

    private mutating func register(_ anchor: String?, _ node: SourceNode) -> SourceNode {
        if let anchor { anchors[anchor] = node }
        return node
    }

    /// A key that is not a scalar in the text (an alias, a flow list) is named by its JSON.
    private static func keyText(_ key: SourceNode) -> String {
        if case .scalar(.string(let text)) = key.value { return text }
        return key.json.jsonString
    }

    /// Repeated keys name every repeated key and stand at the first repetition's line.
    private static func checkDuplicates(_ entries: [SourceNode.Entry]) throws(SyntaxError) {
        var seen: Set<String> = []
        var repeated: [SourceNode.Entry] = []
        for entry in entries where !seen.insert(entry.key).inserted { repeated.append(entry) }
        guard let first = repeated.first else { return }
        let keys = Set(repeated.map(\.key)).sorted()
        throw SyntaxError(line: first.line, message: "duplicated keys: \(keys.joined(separator: ", "))")
    }
}
