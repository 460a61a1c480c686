// What a `Ticket` keeps in compact form: each created ticket stores these, so their bytes
// count on every create.

/// The lines `Ticket.start` opens every log with: "流程开始." and, when the workflow has a
/// submission state, the creator's submission of it, both at the ticket's `createAt`. Kept as
/// that state's id alone (no array of log entries per ticket); `Ticket.logs` spells them out.
enum OpeningLog: Sendable, Equatable {
    case none
    case started
    case submitted(stateId: Int32)
}

/// One `meta.state_processors` entry (§11.8): who processes a state when the ticket enters it.
/// A ticket keeps its few entries as an array (a Dictionary's storage costs several times more).
struct StateProcessor: Sendable, Equatable {
    var stateId: Int32
    var users: String
}

/// The parts few tickets ever set, kept behind one pointer (`Ticket.rareBox`, a MockCore
/// `Shared` box): a ticket that sets none of them keeps nothing for them.
struct RareParts: Sendable {
    var callback: CallbackTarget?
    var comment: Comment?
    var followers: [String] = []
    var projectKey = Self.defaultProjectKey

    /// `project_key` when the create names none.
    static let defaultProjectKey = "0"

    var isEmpty: Bool {
        callback == nil && comment == nil && followers.isEmpty && projectKey == Self.defaultProjectKey
    }
}
