import HuaweiCloud
import MockCore

/// Huawei Cloud COC tickets (huawei-coc.md): change and issue tickets, incidents and attachments,
/// behind the shared Huawei gateway (AK/SK signatures, APIG errors).
public struct HuaweiCOC: VendorEmulator {
    public let name = "huawei_coc"
    let service: COCService
    let gateway: HuaweiGateway

    /// `gateway` is `HuaweiCloud.gateway`, so COC shares the accounts, tokens and APIG errors.
    public init(context: EmulatorContext, gateway: HuaweiGateway) {
        service = COCService(model: COCModel(context: context))
        self.gateway = gateway
    }

    public func register(into router: inout Router) {
        let tickets = TicketRoutes(service: service, gateway: gateway)
        tickets.register(into: &router)
        IncidentRoutes(service: service, tickets: tickets).register(into: &router)
        StubRoutes(tickets: tickets).register(into: &router)
        router.add(
            "*", ["/v1/{rest...}", "/v2/changes/{rest...}", "/v2/incidents/{rest...}"], api: "huawei_coc.not_found",
            gateway.notFound)
    }

    public func tickets(namespace: String) -> [JSON] {
        let model = service.model
        return model.tickets(namespace: namespace).map(\.summary) + model.incidents(namespace: namespace).map(\.summary)
    }

    public func ticketCount(namespace: String) -> Int { service.model.count(namespace: namespace) }

    public func ticket(id: String, namespace: String) -> JSON? {
        service.model.ticket(id, namespace: namespace)?.detail ?? service.model.incident(id, namespace: namespace)?.detail
    }

    public func perform(action: JSON, ticketId: String, namespace: String) throws(ActionError) -> JSON {
        do throws(COCError) {
            return try AdminActions(service: service).perform(action, on: ticketId, namespace: namespace)
        } catch {
            switch error {
            case .unknownTicket: throw ActionError(.unknownTicket, "no COC ticket or incident \(ticketId)")
            case .invalidParameter(let detail):
                let kind: ActionError.Kind =
                    detail.contains("not allowed") ? .notAllowed : detail.contains("not supported") ? .unknownAction : .invalid
                throw ActionError(kind, detail)
            }
        }
    }

    public var actionNames: [String] { AdminActions.names }
    public var eventNames: [String] { ["huawei_coc.ticket_created", "huawei_coc.status_reached"] }

    public var errorCatalog: [String: @Sendable (Request) -> Response] {
        var catalog = gateway.errorCatalog
        for (name, error) in Envelope.catalog {
            catalog[name] = { [gateway] request in gateway.finish(Envelope.failure(error, for: request), for: request) }
        }
        return catalog
    }

    public func payloadTooLarge(_ request: Request) -> Response { gateway.payloadTooLarge(request) }
}
