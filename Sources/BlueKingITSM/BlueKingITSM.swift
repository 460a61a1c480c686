import MockCore

/// The BlueKing ITSM emulator (bk-itsm.md): the ESB and gateway ticket APIs, their workflows,
/// approvals and callbacks. The module's one public entry point.
public struct BlueKingITSMEmulator: VendorEmulator {
    public let name = "bk_itsm"
    let backend: Backend

    public init(context: EmulatorContext) {
        backend = Backend(context: context)
    }

    public func register(into router: inout Router) {
        Routes(backend: backend).register(into: &router)
    }

    public func tickets(namespace: String) -> [JSON] {
        let presenter = backend.presenter
        return backend.partition(namespace).data.withLock { data in
            data.tickets.map { ticket in
                AdminView.ticket(
                    ticket, workflow: data.workflow(of: ticket), serviceName: data.services[Int(ticket.serviceId)]?.name ?? "",
                    presenter: presenter)
            }
        }
    }

    public func ticketCount(namespace: String) -> Int { backend.partition(namespace).data.withLock { $0.tickets.count } }

    public func ticket(id: String, namespace: String) -> JSON? {
        let presenter = backend.presenter
        return backend.partition(namespace).data.withLock { data in
            guard let index = Self.index(of: id, in: data) else { return nil }
            let ticket = data.tickets[index]
            return AdminView.ticket(
                ticket, workflow: data.workflow(of: ticket), serviceName: data.services[Int(ticket.serviceId)]?.name ?? "",
                presenter: presenter)
        }
    }

    /// An sn, or the integer ticket id.
    static func index(of id: String, in data: PartitionData) -> Int? {
        if let index = data.ticket(sn: id) { return index }
        if let number = Int(id), number >= 1, number <= data.tickets.count { return number - 1 }
        return nil
    }

    public func perform(action: JSON, ticketId: String, namespace: String) throws(ActionError) -> JSON {
        let sn = backend.partition(namespace).data.withLock { data in
            Self.index(of: ticketId, in: data).map { data.tickets[$0].sn.text }
        }
        guard let sn else { throw ActionError(.unknownTicket, "no bk_itsm ticket \(ticketId)") }
        return try AdminActions(backend: backend).perform(action, sn: sn, namespace: namespace)
    }

    public var actionNames: [String] { AdminActions.names }

    public var eventNames: [String] { ["bk_itsm.ticket_created", "bk_itsm.status_reached", "bk_itsm.node_entered"] }

    public var errorCatalog: [String: @Sendable (Request) -> Response] {
        var catalog: [String: @Sendable (Request) -> Response] = [:]
        let ids = backend.context.ids
        for entry in ITSMError.catalog {
            let error = entry.error
            catalog["bk_itsm." + entry.name] = { request in
                .json(error.body(requestId: Self.isESB(request) ? ids.hex(request.namespace, count: 32) : nil))
            }
        }
        for code in ITSMError.esbPrompts.keys {
            catalog["esb.\(code)"] = { request in
                .json(ITSMError.esb(code).body(requestId: ids.hex(request.namespace, count: 32)))
            }
        }
        return catalog
    }

    static func isESB(_ request: Request) -> Bool { request.path.contains("/api/c/compapi/") }

    /// An oversized body gets an ESB parameters error, HTTP 200 like every ESB error (§4.6, [mock]).
    public func payloadTooLarge(_ request: Request) -> Response {
        let requestId = Self.isESB(request) ? backend.context.ids.hex(request.namespace, count: 32) : nil
        return .json(ITSMError.esbArgument("request body is too large").body(requestId: requestId))
    }

    public var seedKey: String? { "bk_itsm" }

    public func validateSeed(_ section: JSON) -> [FieldError] {
        var reader = SeedReader(ids: IdAllocator())
        var catalogue = Catalogue()
        reader.section(section, into: &catalogue)
        return reader.errors
    }

    public func applySeeds(_ sections: [JSON]) {
        var reader = SeedReader(ids: IdAllocator())
        var catalogue = Catalogue()
        for section in sections { reader.section(section, into: &catalogue) }
        backend.replaceCatalogue(catalogue)
    }
}
