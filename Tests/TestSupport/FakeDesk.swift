import MockCore
import Synchronization

/// A tiny vendor for scenario-engine tests (the real vendors live in their own modules):
/// `fake_desk` tickets with a status, approvals and messages, its events, actions, errors and seeds.
public final class FakeDesk: VendorEmulator, @unchecked Sendable {
    public final class Partition: PartitionState {
        let tickets = Mutex<[(id: String, ticket: JSON)]>([])
    }

    public let context: EmulatorContext
    public let seeds = Mutex<[JSON]>([])
    public init(context: EmulatorContext) { self.context = context }

    public var name: String { "fake_desk" }
    public var eventNames: [String] { ["fake_desk.ticket_created", "fake_desk.status_reached"] }
    public var actionNames: [String] { ["approve", "status", "message"] }
    public var seedKey: String? { "fake_desk" }
    public var errorCatalog: [String: @Sendable (Request) -> Response] {
        [
            "fake_desk.E100": { _ in .json(["result": false, "code": 100, "message": "busy"]) },
            "apig.throttled": { _ in .json(["error_code": "APIGW.0308", "error_msg": "throttled"], status: 429) },
        ]
    }

    func partition(_ namespace: String) -> Partition {
        context.store.partition(vendor: name, namespace: namespace) { Partition() }
    }

    public func register(into router: inout Router) {
        router.add("POST", "/fake/tickets", api: "fake_desk.create_ticket") { [self] request in
            let body = (try? request.jsonBody()) ?? [:]
            let id = context.ids.uuid(request.namespace)
            let ticket: JSON = [
                "id": .string(id), "title": body["title"] ?? "untitled", "status": "OPEN",
                "created_at": .string(context.clock.now().civil().iso8601()),
            ]
            partition(request.namespace).tickets.withLock { $0.append((id, ticket)) }
            context.events.emit(
                DomainEvent(name: "fake_desk.ticket_created", namespace: request.namespace, ticketId: id, ticket: ticket))
            return .json(["result": true, "data": ticket])
        }
        router.add("GET", "/fake/tickets/{id}/status", api: "fake_desk.get_status") { [self] request in
            guard let ticket = self.ticket(id: request.parameters["id"] ?? "", namespace: request.namespace) else {
                return .json(["result": false, "code": 404], status: 404)
            }
            return .json(["result": true, "status": ticket["status"] ?? .null])
        }
    }

    public func tickets(namespace: String) -> [JSON] { partition(namespace).tickets.withLock { $0.map(\.ticket) } }
    public func ticket(id: String, namespace: String) -> JSON? {
        partition(namespace).tickets.withLock { list in list.first { $0.id == id }?.ticket }
    }

    public func perform(action: JSON, ticketId: String, namespace: String) throws(ActionError) -> JSON {
        let name = action["action"]?.stringValue ?? ""
        guard actionNames.contains(name) else { throw ActionError(.unknownAction, "unknown action \(name)") }
        let updated: JSON? = partition(namespace).tickets.withLock { list in
            guard let index = list.firstIndex(where: { $0.id == ticketId }) else { return nil }
            switch name {
            case "approve": list[index].ticket["status"] = action["result"] == false ? "REJECTED" : "APPROVED"
            case "status": list[index].ticket["status"] = action["value"] ?? .null
            default:
                var messages = list[index].ticket["messages"]?.arrayValue ?? []
                messages.append(action["value"] ?? action["content"] ?? .null)
                list[index].ticket["messages"] = .array(messages)
            }
            list[index].ticket["approved_by"] = action["by"] ?? list[index].ticket["approved_by"] ?? .null
            list[index].ticket["updated_at"] = .string(context.clock.now().civil().iso8601())
            return list[index].ticket
        }
        guard let updated else { throw ActionError(.unknownTicket, "no ticket \(ticketId)") }
        if name != "message" {
            context.events.emit(
                DomainEvent(
                    name: "fake_desk.status_reached", namespace: namespace, ticketId: ticketId, ticket: updated,
                    details: ["status": updated["status"] ?? .null]))
        }
        return updated
    }

    public func validateSeed(_ section: JSON) -> [FieldError] {
        guard let apps = section["apps"]?.arrayValue else { return [FieldError(path: ["apps"], message: "must be a list")] }
        return apps.enumerated().compactMap { index, app in
            app["code"]?.stringValue == nil ? FieldError(path: ["apps", "\(index)", "code"], message: "is required") : nil
        }
    }

    public func applySeeds(_ sections: [JSON]) { seeds.withLock { $0 = sections } }
}
