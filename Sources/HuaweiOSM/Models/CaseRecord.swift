/// One case as the store keeps it: compact, with lookup entries as catalog indices and the
/// account as an index into the partition's domain table. JSON is built only when answering.
struct CaseRecord: Sendable {
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

    static func format(_ key: Int64) -> String {
        let date = key / counterScale, counter = key % counterScale
        var digits = String(counter)
        if digits.count < 6 { digits = String(repeating: "0", count: 6 - digits.count) + digits }
        return "CS" + String(date) + digits
    }

    /// The key of a well-formed id (exactly as `format` writes it), else nil.
    static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, bytes.count <= 18, bytes[0] == UInt8(ascii: "C"), bytes[1] == UInt8(ascii: "S") else {
            return nil
        }
        var date: Int64 = 0, counter: Int64 = 0
        for (offset, byte) in bytes.dropFirst(2).enumerated() {
            guard byte >= 48, byte <= 57 else { return nil }
            if offset < 8 { date = date * 10 + Int64(byte - 48) } else { counter = counter * 10 + Int64(byte - 48) }
        }
        // Exactly as `format` writes it: six digits, or more without a leading zero.
        if bytes.count > 16, bytes[10] == UInt8(ascii: "0") { return nil }
        return key(date: date, counter: counter)
    }
}
