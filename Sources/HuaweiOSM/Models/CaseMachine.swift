/// Case status values (huawei-osm.md §7).
enum CaseStatus: UInt8, Sendable, CaseIterable {
    case pending = 0
    case processing = 1
    case awaitingConfirmation = 2
    case completed = 3
    case cancelled = 4
    case paused = 5
    case invalid = 12
    case awaitingFeedback = 17

    init?(code: Int64) {
        guard let byte = UInt8(exactly: code), let status = CaseStatus(rawValue: byte) else { return nil }
        self = status
    }

    var code: Int { Int(rawValue) }

    /// Cases the customer can still cancel, close or urge.
    static let open: Set<CaseStatus> = [.pending, .processing, .awaitingConfirmation, .awaitingFeedback]
    /// Cases that are over: they may be deleted (and rated when completed).
    static let finished: Set<CaseStatus> = [.completed, .cancelled, .invalid]
}

/// What happens to a case: the customer's operations from the API, and the support engineer's
/// from the admin API and scenario lifecycles.
enum CaseEvent: Sendable, Equatable {
    case cancel, close, press, delete, score, customerMessage
    case accept, reply(CaseStatus), engineerMessage, propose, complete, pause, resume, invalidate
    /// Admin override: any status, from any status.
    case setStatus(CaseStatus)

    var kind: Kind {
        switch self {
        case .cancel: .cancel
        case .close: .close
        case .press: .press
        case .delete: .delete
        case .score: .score
        case .customerMessage: .customerMessage
        case .accept: .accept
        case .reply: .reply
        case .engineerMessage: .engineerMessage
        case .propose: .propose
        case .complete: .complete
        case .pause: .pause
        case .resume: .resume
        case .invalidate: .invalidate
        case .setStatus: .setStatus
        }
    }

    enum Kind: Sendable {
        case cancel, close, press, delete, score, customerMessage, accept, reply, engineerMessage, propose, complete, pause,
            resume, invalidate, setStatus
    }
}

/// What an accepted event does.
enum CaseEffect: Sendable, Equatable {
    case moveTo(CaseStatus)
    case unchanged
    case remove
}

/// One row of the transition table: from these statuses, this event has this effect.
struct CaseTransition: Sendable {
    var from: Set<CaseStatus>
    var event: CaseEvent.Kind
    var effect: CaseEffect
}

/// The case state machine as data (huawei-osm.md §7): a pure value, no HTTP, no store.
enum CaseMachine {
    static let transitions: [CaseTransition] = [
        CaseTransition(from: CaseStatus.open, event: .cancel, effect: .moveTo(.cancelled)),
        CaseTransition(from: CaseStatus.open, event: .close, effect: .moveTo(.completed)),
        CaseTransition(from: CaseStatus.open, event: .press, effect: .unchanged),
        CaseTransition(from: CaseStatus.finished, event: .delete, effect: .remove),
        CaseTransition(from: [.completed], event: .score, effect: .unchanged),
        CaseTransition(from: [.awaitingFeedback], event: .customerMessage, effect: .moveTo(.processing)),
        CaseTransition(
            from: [.pending, .processing, .awaitingConfirmation, .paused], event: .customerMessage, effect: .unchanged),
        CaseTransition(from: [.pending], event: .accept, effect: .moveTo(.processing)),
        CaseTransition(from: CaseStatus.open.union([.paused]), event: .engineerMessage, effect: .unchanged),
        CaseTransition(
            from: [.processing, .awaitingFeedback, .awaitingConfirmation], event: .propose,
            effect: .moveTo(.awaitingConfirmation)),
        CaseTransition(from: CaseStatus.open.union([.paused]), event: .complete, effect: .moveTo(.completed)),
        CaseTransition(from: [.processing], event: .pause, effect: .moveTo(.paused)),
        CaseTransition(from: [.paused], event: .resume, effect: .moveTo(.processing)),
        CaseTransition(from: CaseStatus.open.union([.paused]), event: .invalidate, effect: .moveTo(.invalid)),
    ]

    /// The effect of `event` on a case in `status`, or `OSM.01010014` when the status does not allow it.
    static func apply(_ event: CaseEvent, to status: CaseStatus) -> Result<CaseEffect, OSMError> {
        switch event {
        case .setStatus(let target):
            return .success(target == status ? .unchanged : .moveTo(target))
        case .reply(let target):
            // The engineer answers a case being worked: it then waits on the customer (17) or their
            // confirmation (2).
            guard [.processing, .awaitingFeedback, .awaitingConfirmation].contains(status) else {
                return .failure(.operationFailed)
            }
            return .success(target == status ? .unchanged : .moveTo(target))
        default:
            guard let row = transitions.first(where: { $0.event == event.kind && $0.from.contains(status) }) else {
                return .failure(.operationFailed)
            }
            return .success(row.effect)
        }
    }
}
