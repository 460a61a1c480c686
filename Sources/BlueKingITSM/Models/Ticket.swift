import MockCore

/// A ticket as the store keeps it: compact values, no JSON (rendered only when answering).
enum TicketStatus: UInt8, Sendable {
    case running, suspended, finished, terminated, revoked

    var text: String {
        switch self {
        case .running: "RUNNING"
        case .suspended: "SUSPENDED"
        case .finished: "FINISHED"
        case .terminated: "TERMINATED"
        case .revoked: "REVOKED"
        }
    }

    /// `TICKET_END_STATUS` (§11.1).
    var isOver: Bool { self == .finished || self == .terminated || self == .revoked }

    init?(text: String) {
        switch text {
        case "RUNNING": self = .running
        case "SUSPENDED": self = .suspended
        case "FINISHED": self = .finished
        case "TERMINATED": self = .terminated
        case "REVOKED": self = .revoked
        default: return nil
        }
    }
}

/// Node statuses (§11.2).
enum NodeStatus: UInt8, Sendable {
    case wait, running, queueing, receiving, distributing, terminated, finished, failed, suspend

    var text: String {
        switch self {
        case .wait: "WAIT"
        case .running: "RUNNING"
        case .queueing: "QUEUEING"
        case .receiving: "RECEIVING"
        case .distributing: "DISTRIBUTING"
        case .terminated: "TERMINATED"
        case .finished: "FINISHED"
        case .failed: "FAILED"
        case .suspend: "SUSPEND"
        }
    }

    /// `CAN_OPERATE_STATUS`.
    var canOperate: Bool {
        switch self {  // a switch, not an array literal built on every check
        case .running, .receiving, .distributing, .queueing, .suspend: true
        case .wait, .terminated, .finished, .failed: false
        }
    }
    /// `STOPPED_STATUS`.
    var isStopped: Bool {
        switch self {
        case .finished, .terminated, .failed: true
        case .wait, .running, .queueing, .receiving, .distributing, .suspend: false
        }
    }
}

/// Node action types (§11.2).
enum NodeAction: UInt8, Sendable, CaseIterable {
    case transition, claim, distribute, automatic

    var text: String {
        switch self {
        case .transition: "TRANSITION"
        case .claim: "CLAIM"
        case .distribute: "DISTRIBUTE"
        case .automatic: "AUTOMATIC"
        }
    }
}

/// A field value, by workflow field id (keys live in the workflow, not in every ticket).
struct FieldValue: Sendable, Equatable {
    var fieldId: Int32
    var value: String
}

/// One approver's decision on an approval/sign node (upstream's SignTask).
struct SignTask: Sendable, Equatable {
    var processor: String
    var result: Bool
    var remark: String
}

struct Node: Sendable, Equatable {
    var stateId: Int32
    var status: NodeStatus
    var action: NodeAction
    /// "true"/"false" once an approval node has finished. (Declared among the one-byte members,
    /// so they share one word.)
    var approveResult: Bool?
    /// Comma-joined usernames, as get_ticket_status shows them.
    var processors: String
    var processorsType: String
    var signs: [SignTask] = []
    var values: [FieldValue] = []
    var updatedAt: Int64

    var processorList: [String] { processors.split(separator: ",").map(String.init) }
    func hasSigned(_ user: String) -> Bool { signs.contains { $0.processor == user } }
}

/// A log line kept as a kind plus its few variable parts (§9.2); the text is built on read.
struct LogEntry: Sendable, Equatable {
    enum Kind: UInt8, Sendable {
        case started, submitted, approved, rejected, processed, suspended, resumed, withdrawn, closed, ended, claimed, delivered,
            distributed, terminatedNode
    }
    var kind: Kind
    var `operator`: String
    var stateId: Int32
    var at: Int64
    var detail: String = ""
}

struct Comment: Sendable, Equatable {
    var stars: Int
    var comments: String
    var `operator`: String
    var at: Int64
}

/// Declared so the small members share words: every stored byte costs on each create (a newly
/// touched page is the dearest part of storing a ticket).
struct Ticket: Sendable {
    var id: Int
    var sn: SerialNumber
    var serviceId: Int32
    var workflowId: Int32
    var catalogId: Int32
    private(set) var opening = OpeningLog.none
    var status: TicketStatus
    var preStatus: TicketStatus?
    /// Whether the creator was the first to update the ticket (`updatedBy`).
    private var creatorUpdatedFirst = false
    var title: String
    /// Fixed at creation: `updatedBy` and the opening log lines are spelled from it.
    let creator: String
    var createAt: Int64
    var updateAt: Int64
    /// `Int64.min` while the ticket runs (`endAt`): an optional would take a word of its own.
    private var endedAt = Int64.min
    /// `updatedBy` after the creator, when the creator came first (nearly always: the submission).
    private var laterUpdaters: [String] = []
    var fields: [FieldValue]
    var nodes: [Node] = []
    /// `logs` after the opening lines.
    private var laterLogs: [LogEntry] = []
    private(set) var stateProcessors: [StateProcessor]
    private var rareBox: Shared<RareParts>?

    init(
        id: Int, sn: SerialNumber, serviceId: Int32, workflowId: Int32, catalogId: Int32, title: String, creator: String,
        status: TicketStatus, createAt: Int64, updateAt: Int64, updatedBy: [String], fields: [FieldValue],
        callback: CallbackTarget? = nil, stateProcessors: [StateProcessor] = [],
        projectKey: String = RareParts.defaultProjectKey
    ) {
        self.id = id
        self.sn = sn
        self.serviceId = serviceId
        self.workflowId = workflowId
        self.catalogId = catalogId
        self.status = status
        self.title = title
        self.creator = creator
        self.createAt = createAt
        self.updateAt = updateAt
        self.fields = fields
        self.stateProcessors = stateProcessors
        if callback != nil || projectKey != RareParts.defaultProjectKey {
            rareBox = Shared(RareParts(callback: callback, projectKey: projectKey))
        }
        for user in updatedBy { noteUpdater(user) }
    }

    func nodeIndex(_ stateId: Int) -> Int? { nodes.lastIndex { Int($0.stateId) == stateId } }
    func value(_ fieldId: Int) -> String? { fields.first { Int($0.fieldId) == fieldId }?.value }

    /// The `meta.state_processors` override for a state, if the create gave one.
    func processorsOverride(_ stateId: Int) -> String? {
        stateProcessors.first { Int($0.stateId) == stateId }?.users
    }

    var endAt: Int64? {
        get { endedAt == .min ? nil : endedAt }
        set { endedAt = newValue ?? .min }
    }

    // MARK: updated_by

    /// Insertion-ordered, unique (§13).
    var updatedBy: [String] { creatorUpdatedFirst ? [creator] + laterUpdaters : laterUpdaters }

    func wasUpdated(by user: String) -> Bool {
        (creatorUpdatedFirst && user == creator) || laterUpdaters.contains(user)
    }

    mutating func touch(_ user: String, at time: Int64) {
        updateAt = time
        noteUpdater(user)
    }

    private mutating func noteUpdater(_ user: String) {
        guard !user.isEmpty, !wasUpdated(by: user) else { return }
        if user == creator && laterUpdaters.isEmpty {
            creatorUpdatedFirst = true
        } else {
            laterUpdaters.append(user)
        }
    }

    // MARK: logs

    /// The log (§9.2): the opening lines, then every later one in order.
    var logs: [LogEntry] {
        let started = LogEntry(kind: .started, operator: "", stateId: 0, at: createAt)
        switch opening {
        case .none: return laterLogs
        case .started: return [started] + laterLogs
        case .submitted(let stateId):
            return [started, LogEntry(kind: .submitted, operator: creator, stateId: stateId, at: createAt)] + laterLogs
        }
    }

    /// Opens the log (`start`): the started line, and the creator's submission of `submission`.
    mutating func openLog(submission: Int32?) {
        opening = submission.map { .submitted(stateId: $0) } ?? .started
    }

    mutating func log(_ entry: LogEntry) { laterLogs.append(entry) }

    // MARK: rarely set parts

    private var rare: RareParts {
        get { rareBox?.value ?? RareParts() }
        set { rareBox = newValue.isEmpty ? nil : Shared(newValue) }
    }

    var callback: CallbackTarget? {
        get { rare.callback }
        set { rare.callback = newValue }
    }
    var comment: Comment? {
        get { rare.comment }
        set { rare.comment = newValue }
    }
    var followers: [String] {
        get { rare.followers }
        set { rare.followers = newValue }
    }
    var projectKey: String {
        get { rare.projectKey }
        set { rare.projectKey = newValue }
    }

    // MARK: nodes

    /// Nodes whose status is in `CAN_OPERATE_STATUS` (get_ticket_status `current_steps`).
    var currentNodes: [Node] { status.isOver ? [] : nodes.filter { $0.status.canOperate } }

    /// `Ticket.get_ticket_result` (§11.6).
    var approveResult: Bool {
        status == .finished && nodes.allSatisfy { $0.approveResult ?? true }
    }

    /// `current_processors`: everyone on a node that can be operated.
    var currentProcessors: [String] { currentNodes.flatMap(\.processorList) }
}

struct CallbackTarget: Sendable {
    var url: String
    var headers: [HeaderPair]
}

struct HeaderPair: Sendable, Equatable {
    var name: String
    var value: String
}

/// `REQ20240101000001` packed into 64 bits: prefix index, yyyyMMdd, daily counter (§13).
struct SerialNumber: Sendable, Hashable {
    var packed: UInt64

    init(prefix: Int, date: Int, counter: Int) {
        packed = UInt64(prefix) << 60 | UInt64(date) << 32 | UInt64(UInt32(truncatingIfNeeded: counter))
    }

    var prefix: String { SNPrefix.all[Int(packed >> 60)] }
    var date: Int { Int((packed >> 32) & 0x0FFF_FFFF) }
    var counter: Int { Int(packed & 0xFFFF_FFFF) }

    /// The prefix, the 8-digit date, the counter zero-padded to 6 digits, spelled into one buffer.
    var text: String {
        var counterDigits = 1
        while counterDigits < 10, counter >= Self.powersOfTen[counterDigits] { counterDigits += 1 }
        let width = max(6, counterDigits), length = 3 + 8 + width
        return String(unsafeUninitializedCapacity: length) { buffer in
            for (index, byte) in prefix.utf8.enumerated() { buffer[index] = byte }
            var date = date, counter = counter
            for index in stride(from: 10, through: 3, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(date % 10)
                date /= 10
            }
            for index in stride(from: length - 1, through: 11, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(counter % 10)
                counter /= 10
            }
            return length
        }
    }

    private static let powersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]

    /// Parses exactly the texts `text` spells: a known prefix, an 8-digit date without a leading
    /// zero, the counter in 6 digits or more without a superfluous leading zero. Read from the
    /// bytes in place (every ticket read parses its sn).
    init?(text: String) {
        let parsed = text.utf8.withContiguousStorageIfAvailable(Self.parse) ?? Self.parse(Array(text.utf8))
        guard let parsed else { return nil }
        self = parsed
    }

    private static func parse<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> SerialNumber? where Bytes.Index == Int {
        let start = bytes.startIndex, count = bytes.count
        guard count >= 17, count <= 21,
            let prefix = SNPrefix.all.firstIndex(where: { $0.utf8.elementsEqual(bytes[start..<start + 3]) }),
            bytes[start + 3] != UInt8(ascii: "0"), count == 17 || bytes[start + 11] != UInt8(ascii: "0")
        else { return nil }
        var date = 0, counter = 0
        for offset in 3..<count {
            let byte = bytes[start + offset]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            if offset < 11 { date = date * 10 + Int(byte - 0x30) } else { counter = counter * 10 + Int(byte - 0x30) }
        }
        guard counter <= Int(UInt32.max) else { return nil }
        return SerialNumber(prefix: prefix, date: date, counter: counter)
    }
}
