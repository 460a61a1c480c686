import MockCore

/// Services, workflows and catalogs as data (bk-itsm.md §15, §16): a service is a workflow of
/// states, fields and transitions, so scenario files can add more without code.
enum StateType: String, Sendable, CaseIterable {
    case start = "START", normal = "NORMAL", approval = "APPROVAL", sign = "SIGN", end = "END"
    var isApproval: Bool { self == .approval || self == .sign }
}

struct Choice: Sendable, Equatable {
    var key: String
    var name: String
}

struct FieldDef: Sendable {
    var id: Int
    var key: String
    var type: String
    var name: String
    var desc: String = ""
    /// `REQUIRE` or `OPTION`.
    var validateType: String
    var choices: [Choice] = []
    var meta: JSON = [:]
    var defaultValue: String = ""
    /// Hidden when the field with this id has this value (`show_conditions`, §15.1).
    var hiddenWhen: (fieldId: Int, value: String)?
    var stateId: Int
    var workflowId: Int

    var isRequired: Bool { validateType == "REQUIRE" }
    var isApproveResult: Bool { meta["code"]?.stringValue == "APPROVE_RESULT" }
    var hasChoices: Bool {
        guard !choices.isEmpty else { return false }
        switch type {  // a switch, not an array literal built on every check
        case "RADIO", "SELECT", "CHECKBOX", "MULTISELECT": return true
        default: return false
        }
    }
}

struct StateDef: Sendable {
    var id: Int
    var name: String
    var type: StateType
    /// OPEN, PERSON, VARIABLE, STARTER …
    var processorsType: String = "OPEN"
    var processors: String = ""
    /// And-sign when true (§11.5).
    var isMulti: Bool = false
    var canDeliver: Bool = false
    var isTerminable: Bool = false
    /// PROCESS, CLAIM_THEN_PROCESS, DISTRIBUTE_THEN_PROCESS, DISTRIBUTE_THEN_CLAIM (§11.2).
    var distributeType: String = "PROCESS"
    var terminateWhenRejected: Bool = false
    var fieldIds: [Int] = []
}

struct TransitionDef: Sendable {
    var id: Int
    var from: Int
    var to: Int
    var name: String = "默认"
    /// Taken only when the source node's approval result is this (`by_field`, §15.2).
    var whenResult: String?
}

/// A workflow is read by every create and answer on both loop threads: shared, a copy of it
/// retains one box.
typealias Workflow = Shared<WorkflowDefinition>

struct WorkflowDefinition: Sendable {
    var id: Int
    var name: String
    var flowType: String = "other"
    var desc: String = ""
    var isRevocable: Bool = true
    var versionNumber: String = "20201109144419"
    var owners: String = ",admin,"
    var states: [StateDef]
    var transitions: [TransitionDef]
    var fields: [FieldDef]
    /// Each state's field dicts as get_ticket_status shows them, rendered once (filled by the presenter).
    var renderedFields: [Int: PrerenderedJSON] = [:]

    func state(_ id: Int) -> StateDef? { statePosition(id).map { states[$0] } }

    /// Where the state is in `states`: read in place, a state definition (strings and a list) is
    /// not copied.
    func statePosition(_ id: Int) -> Int? { states.firstIndex { $0.id == id } }
    func field(_ id: Int) -> FieldDef? { fields.first { $0.id == id } }
    func fields(of stateId: Int) -> [FieldDef] { fieldPositions(of: stateId).map { fields[$0] } }

    /// Where the state's fields are in `fields`, in the state's order: read in place, a field
    /// definition (a dozen strings and arrays) is not copied.
    func fieldPositions(of stateId: Int) -> [Int] {
        guard let state = statePosition(stateId) else { return [] }
        return states[state].fieldIds.compactMap { id in fields.firstIndex { $0.id == id } }
    }

    var startState: StateDef? { states.first { $0.type == .start } }

    /// The submission state: the one the START state leads to (§15).
    var submissionState: StateDef? { submissionPosition.map { states[$0] } }

    /// Where the submission state is in `states`.
    var submissionPosition: Int? {
        guard let start = states.firstIndex(where: { $0.type == .start }),
            let next = transitions.firstIndex(where: { $0.from == states[start].id })
        else { return nil }
        return statePosition(transitions[next].to)
    }

    /// The state to enter after `from` finished with `result` (nil result for non-approval nodes).
    func next(after from: Int, result: String?) -> StateDef? {
        // Searched in place: no list of the outgoing transitions is made per step.
        let chosen =
            transitions.firstIndex { $0.from == from && $0.whenResult != nil && $0.whenResult == result }
            ?? transitions.firstIndex { $0.from == from && $0.whenResult == nil }
        return chosen.flatMap { state(transitions[$0].to) }
    }
}

extension Shared where Value == WorkflowDefinition {
    func state(_ id: Int) -> StateDef? { value.state(id) }
    func statePosition(_ id: Int) -> Int? { value.statePosition(id) }
    func field(_ id: Int) -> FieldDef? { value.field(id) }
    func fields(of stateId: Int) -> [FieldDef] { value.fields(of: stateId) }
    func fieldPositions(of stateId: Int) -> [Int] { value.fieldPositions(of: stateId) }
    var startState: StateDef? { value.startState }
    var submissionState: StateDef? { value.submissionState }
    var submissionPosition: Int? { value.submissionPosition }
    func next(after from: Int, result: String?) -> StateDef? { value.next(after: from, result: result) }
}

/// Read by every create on both loop threads, as a workflow is: shared.
typealias Service = Shared<ServiceDefinition>

struct ServiceDefinition: Sendable {
    var id: Int
    var name: String
    /// `request`, `event`, `change`, `question`: the sn prefix (§13).
    var serviceType: String = "request"
    var desc: String = ""
    var displayType: String = "OPEN"
    var catalogId: Int
    var workflowId: Int
    var isValid: Bool = true
    var projectKey: String = "0"
}

struct Catalog: Sendable {
    var id: Int
    var key: String
    var name: String
    var level: Int
    var parentId: Int?
    var desc: String = ""
    var projectKey: String = "0"
}

/// The sn prefix of a service type (§13).
enum SNPrefix {
    static let byServiceType: [String: String] = ["request": "REQ", "event": "INC", "change": "CRQ", "question": "PBI"]
    static let all = ["REQ", "INC", "CRQ", "PBI"]
    static func prefix(_ serviceType: String) -> String { byServiceType[serviceType] ?? "REQ" }
}
