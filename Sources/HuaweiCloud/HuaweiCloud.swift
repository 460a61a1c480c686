import MockCore

/// The Huawei Cloud parts COC and OSM share (huawei-auth.md): the IAM/STS calls a region-based
/// SDK client makes first, the credentials (seed key `huawei`: accounts `{domain_id, ak, sk}` and
/// tokens), and the `gateway` that COC and OSM wrap their routes with.
public struct HuaweiCloud: VendorEmulator {
    public let name = "huawei"
    /// Authentication, APIG errors and response headers for every Huawei service route.
    public let gateway: HuaweiGateway
    let context: EmulatorContext
    let credentials: CredentialStore

    public init(context: EmulatorContext) {
        let credentials = CredentialStore()
        self.context = context
        self.credentials = credentials
        gateway = HuaweiGateway(context: context, credentials: credentials)
        context.onReset { namespace in if namespace == nil { credentials.clearIssued() } }
    }

    public func register(into router: inout Router) {
        IAMRoutes(gateway: gateway, credentials: credentials, clock: context.clock, ids: context.ids)
            .register(into: &router)
    }

    public func tickets(namespace: String) -> [JSON] { [] }
    public func ticket(id: String, namespace: String) -> JSON? { nil }
    public func perform(action: JSON, ticketId: String, namespace: String) throws(ActionError) -> JSON {
        throw ActionError(.unknownTicket, "huawei holds no tickets; use huawei_coc or huawei_osm")
    }

    public var errorCatalog: [String: @Sendable (Request) -> Response] { gateway.errorCatalog }
    public func payloadTooLarge(_ request: Request) -> Response { gateway.payloadTooLarge(request) }

    public var seedKey: String? { "huawei" }
    public func validateSeed(_ section: JSON) -> [FieldError] { CredentialSeed.validate(section) }
    public func applySeeds(_ sections: [JSON]) {
        credentials.replace(CredentialSeed.apply(sections, to: .builtIn))
    }
}
