/// A ticket's validated fields in one byte buffer. As an array of `StoredField`s, a realistic
/// change (a title, notes, a guide id, two sub-tickets) took a dozen heap blocks and about 2 KB:
/// 2 GB for the million tickets the store must hold in 1.5 GB, and a fresh page touched every
/// other create. Packed, the values sit back to back in one exact-size block.
///
/// Each entry is the rule index, a tag, and the value: nothing for a boolean (the tag says which),
/// 8 little-endian bytes for an integer, a LEB128 length and the UTF-8 bytes for a string.
///
/// A pack may carry further sections after its own entries (a change's sub-tickets), each opened
/// by a mark no rule index reaches: one block per ticket, where an array of sub-ticket packs took
/// three more. Reading the pack's own fields stops at the first mark.
struct FieldPack: Sendable, Sequence {
    private var bytes: [UInt8] = []

    fileprivate enum Tag: UInt8 { case isFalse, isTrue, int, string }
    /// Opens a section: where a rule index would be (tables have far fewer than 255 rules).
    fileprivate static let sectionMark: UInt8 = 0xFF
    static let sectionMarkSize = 2

    init() {}

    private init(bytes: ArraySlice<UInt8>) {
        self.bytes.reserveCapacity(bytes.count)
        self.bytes.append(contentsOf: bytes)
    }

    /// The sections after the pack's own fields, each as a pack of its own.
    var sections: [FieldPack] {
        var marks: [Int] = []
        var reader = Reader(bytes: bytes)
        while reader.offset < bytes.count {
            if bytes[reader.offset] == Self.sectionMark {
                marks.append(reader.offset)
                reader.offset += 2
            } else if let header = reader.header() {
                reader.skip(header.tag)
            }
        }
        return marks.indices.map { index in
            let end = index + 1 < marks.count ? marks[index + 1] : bytes.count
            return FieldPack(bytes: bytes[(marks[index] + 2)..<end])
        }
    }

    /// Packs `fields`, then each of `sections` after a mark, into one block of exactly their size.
    init(_ fields: [StoredField], sections: [[StoredField]] = []) {
        func size(_ fields: [StoredField]) -> Int { fields.reduce(0) { $0 + Self.size(of: $1.value) } }
        self.init(bound: sections.reduce(size(fields)) { $0 + Self.sectionMarkSize + size($1) }) { writer in
            for field in fields { writer.append(rule: field.rule, field.value) }
            for section in sections {
                writer.appendSectionMark()
                for field in section { writer.append(rule: field.rule, field.value) }
            }
        }
    }

    /// Packs what `write` writes, at most `bound` bytes, into one block of exactly the bytes
    /// written: the create writes as it validates, without first counting what it will keep.
    init<Failure: Error>(bound: Int, _ write: (inout Writer) throws(Failure) -> Void) throws(Failure) {
        // Written on the stack, then copied once: `[UInt8](unsafeUninitializedCapacity:)` and
        // `Array(repeating:count:)` take the unspecialized allocation path (a metadata look-up
        // costing more than the copy); `reserveCapacity` does not.
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { (buffer) throws(Failure) in
            var writer = Writer(buffer: buffer)
            try write(&writer)
            bytes.reserveCapacity(writer.offset)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<writer.offset]))
        }
    }

    /// Writes entries into a pack's block.
    struct Writer {
        /// An entry's bytes besides its value's: the rule, the tag, and up to 10 bytes of length.
        static let maxEntryOverhead = 12

        fileprivate let buffer: UnsafeMutableBufferPointer<UInt8>
        fileprivate var offset = 0

        private mutating func put(_ byte: UInt8) {
            buffer[offset] = byte
            offset += 1
        }

        /// Traps rather than write past the block when a caller's bound was too small.
        private func reserve(_ count: Int) {
            precondition(buffer.count - offset >= count, "a field pack's bound was too small")
        }

        mutating func append(rule: UInt8, _ value: StoredValue) {
            switch value {
            case .bool(let flag):
                reserve(2)
                put(rule)
                put((flag ? Tag.isTrue : Tag.isFalse).rawValue)
            case .int(let number):
                reserve(10)
                put(rule)
                put(Tag.int.rawValue)
                for shift in stride(from: 0, to: 64, by: 8) { put(UInt8(truncatingIfNeeded: number >> shift)) }
            case .string(var text): text.withUTF8 { append(rule: rule, utf8: $0) }
            }
        }

        mutating func appendSectionMark() {
            reserve(FieldPack.sectionMarkSize)
            put(FieldPack.sectionMark)
            put(Tag.isFalse.rawValue)
        }

        /// A string entry with the text's UTF-8 bytes.
        mutating func append(rule: UInt8, utf8: UnsafeBufferPointer<UInt8>) {
            reserve(FieldPack.size(utf8Count: utf8.count))
            put(rule)
            put(Tag.string.rawValue)
            var length = utf8.count
            repeat {
                put(UInt8(length & 0x7F) | (length > 0x7F ? 0x80 : 0))
                length >>= 7
            } while length > 0
            guard let source = utf8.baseAddress else { return }
            (buffer.baseAddress! + offset).update(from: source, count: utf8.count)
            offset += utf8.count
        }
    }

    /// The bytes one value's entry takes.
    static func size(of value: StoredValue) -> Int {
        switch value {
        case .bool: return 2
        case .int: return 2 + 8
        case .string(let text): return size(utf8Count: text.utf8.count)
        }
    }

    /// The bytes a string entry of `utf8Count` bytes takes.
    static func size(utf8Count length: Int) -> Int {
        var lengthBytes = 1
        while length >> (7 * lengthBytes) > 0 { lengthBytes += 1 }
        return 2 + lengthBytes + length
    }

    var isEmpty: Bool { bytes.isEmpty }

    /// The value of the rule's field, without spelling any other field's string.
    func value(rule: UInt8) -> StoredValue? {
        guard let (reader, tag) = entry(rule: rule) else { return nil }
        var atValue = reader
        return atValue.value(tag)
    }

    func contains(rule: UInt8) -> Bool { entry(rule: rule) != nil }

    /// A reader at the value of the rule's entry, skipping the entries before it.
    private func entry(rule: UInt8) -> (Reader, Tag)? {
        var reader = Reader(bytes: bytes)
        while let header = reader.header() {
            if header.rule == rule { return (reader, header.tag) }
            reader.skip(header.tag)
        }
        return nil
    }

    func makeIterator() -> Iterator { Iterator(reader: Reader(bytes: bytes)) }

    struct Iterator: IteratorProtocol {
        fileprivate var reader: Reader

        mutating func next() -> StoredField? {
            guard let header = reader.header() else { return nil }
            return StoredField(rule: header.rule, value: reader.value(header.tag))
        }
    }

    fileprivate struct Reader {
        let bytes: [UInt8]
        var offset = 0

        /// The next entry's rule and tag; nil at the end or at a section's mark.
        mutating func header() -> (rule: UInt8, tag: Tag)? {
            guard offset < bytes.count, bytes[offset] != FieldPack.sectionMark else { return nil }
            defer { offset += 2 }
            return (bytes[offset], Tag(rawValue: bytes[offset + 1])!)
        }

        mutating func value(_ tag: Tag) -> StoredValue {
            switch tag {
            case .isFalse: return .bool(false)
            case .isTrue: return .bool(true)
            case .int:
                var number: UInt64 = 0
                for index in (0..<8).reversed() { number = number << 8 | UInt64(bytes[offset + index]) }
                offset += 8
                return .int(Int64(bitPattern: number))
            case .string:
                let length = self.length()
                defer { offset += length }
                return .string(String(decoding: bytes[offset..<offset + length], as: UTF8.self))
            }
        }

        mutating func skip(_ tag: Tag) {
            switch tag {
            case .isFalse, .isTrue: break
            case .int: offset += 8
            case .string: offset += length()
            }
        }

        private mutating func length() -> Int {
            var length = 0, shift = 0
            while true {
                let byte = bytes[offset]
                offset += 1
                length |= Int(byte & 0x7F) << shift
                if byte < 0x80 { return length }
                shift += 7
            }
        }
    }
}

extension FieldPack: ExpressibleByArrayLiteral {
    init(arrayLiteral fields: StoredField...) { self.init(fields) }
}
