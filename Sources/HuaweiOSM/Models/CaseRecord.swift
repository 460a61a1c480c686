/// One case as the store keeps it: compact, with lookup entries as catalog indices and the
/// account as an index into the partition's domain table. JSON is built only when answering.
struct CaseRecord: Sendable, Equatable {
    /// `CaseId` key: yyyymmdd × 10⁹ + daily counter.
    var key: Int64
    /// Milliseconds since the epoch.
    var createdAt: Int64
    var domain: UInt32
    var status: CaseStatus
    var subType: UInt16
    var productCategory: UInt16
    var businessType: UInt16
    var severity: UInt16
    var description: String
    var regionId: String
    var remindMobile: String
    var remindMail: String
    var remindTime: String
    var areaCode: String
    var projectId: String
    var accessoryIds: [String]

    var id: String { CaseId.format(key) }
}

/// A message on a case after its first one (the description).
struct CaseMessage: Sendable, Equatable {
    enum Author: UInt8, Sendable { case customer = 0, huawei = 1 }
    var id: String
    var author: Author
    var content: String
    var createdAt: Int64
    var replier: String
    var replierName: String
    var accessoryIds: [String]
}

/// Operate-log types (mock codes: the real values are not recorded).
enum OperateType: Int, Sendable {
    case create = 0, accept = 1, reply = 2, press = 3, cancel = 4, close = 5, message = 6, score = 7
    case propose = 8, statusChange = 9, contactChange = 10, withdraw = 11, complete = 12

    var description: String {
        switch self {
        case .create: "create case"
        case .accept: "accept case"
        case .reply: "reply"
        case .press: "press case"
        case .cancel: "cancel case"
        case .close: "close case"
        case .message: "add message"
        case .score: "score case"
        case .propose: "propose resolution"
        case .statusChange: "change status"
        case .contactChange: "update contact info"
        case .withdraw: "withdraw message"
        case .complete: "complete case"
        }
    }
}

struct OperateLog: Sendable, Equatable {
    var id: String
    var type: OperateType
    var byHuawei: Bool
    var operatorId: String
    var operatorName: String
    var description: String
    var at: Int64
}

/// Everything a case gains after creation, kept beside the record (most cases never need it).
struct CaseExtras: Sendable {
    var messages: [CaseMessage] = []
    var logs: [OperateLog] = []
    var judgement = ""
    var satisfaction: [(id: Int, value: Int)] = []
    var lastPressedAt: Int64?
    var labelIds: [Int] = []
    var relatedKeys: [Int64] = []
    var rootCause = ""
    var resolution = ""
    var confirmedAt: Int64?
    var resolvedAt: Int64?
}

/// A case's `extends_map` (create, then `extends-param` merges) and `extension_map`, kept apart from
/// `CaseExtras` because many cases are created with one and never touched again.
struct CaseParameters: Sendable {
    var extendsMap: JSONObjectBytes?
    var extensionMap: JSONObjectBytes?
}

/// A JSON object kept as its compact bytes.
struct JSONObjectBytes: Sendable, Equatable {
    var bytes: [UInt8]
}

/// `CS` + yyyyMMdd + a daily counter of at least six digits (huawei-osm.md §9 [mock]).
enum CaseId {
    static let counterScale: Int64 = 1_000_000_000

    static func key(date: Int64, counter: Int64) -> Int64 { date * counterScale + counter }

    /// `CS` + the date + the counter zero-padded to 6 digits, spelled into one buffer (every
    /// answer about a case carries its id).
    static func format(_ key: Int64) -> String {
        let date = key / counterScale, counter = key % counterScale
        guard date >= 0, counter >= 0 else {  // no real key is negative; spelled as it always was
            let digits = String(counter)
            return "CS" + String(date) + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        }
        let dateDigits = digitCount(date), counterDigits = max(6, digitCount(counter))
        let length = 2 + dateDigits + counterDigits
        return String(unsafeUninitializedCapacity: length) { buffer in
            buffer[0] = UInt8(ascii: "C")
            buffer[1] = UInt8(ascii: "S")
            var rest = counter
            for index in stride(from: length - 1, through: 2 + dateDigits, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            rest = date
            for index in stride(from: 1 + dateDigits, through: 2, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            return length
        }
    }

    private static func digitCount(_ value: Int64) -> Int {
        var count = 1, rest = value / 10
        while rest > 0 { count += 1; rest /= 10 }
        return count
    }

    /// The key of a well-formed id (exactly as `format` writes it), else nil. Read from the
    /// contiguous UTF-8 bytes in place: every case look-up parses its id.
    static func parse(_ text: String) -> Int64? {
        text.utf8.withContiguousStorageIfAvailable(parse) ?? parse(Array(text.utf8))
    }

    private static func parse<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Int64? where Bytes.Index == Int {
        guard bytes.count >= 16, bytes.count <= 18 else { return nil }
        let start = bytes.startIndex
        guard bytes[start] == UInt8(ascii: "C"), bytes[start + 1] == UInt8(ascii: "S") else { return nil }
        // Exactly as `format` writes it: six digits, or more without a leading zero.
        if bytes.count > 16, bytes[start + 10] == UInt8(ascii: "0") { return nil }
        var date: Int64 = 0, counter: Int64 = 0
        for offset in 2..<10 {
            let digit = bytes[start + offset] &- 0x30
            guard digit < 10 else { return nil }
            date = date * 10 + Int64(digit)
        }
        for offset in 10..<bytes.count {
            let digit = bytes[start + offset] &- 0x30
            guard digit < 10 else { return nil }
            counter = counter * 10 + Int64(digit)
        }
        return key(date: date, counter: counter)
    }
}
