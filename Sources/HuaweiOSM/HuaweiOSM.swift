import HuaweiCloud
import MockCore
import Synchronization

/// Huawei Cloud OSM service-request cases (huawei-osm.md), behind the shared Huawei gateway:
/// cases with their lookups, messages, attachments, verification codes and lifecycle.
public struct HuaweiOSM: VendorEmulator {
    public let name = "huawei_osm"
    let service: OSMService
    let gateway: HuaweiGateway

    public init(context: EmulatorContext, gateway: HuaweiGateway) {
        service = OSMService(context: context, catalogs: CatalogHolder())
        self.gateway = gateway
    }

    public func register(into router: inout Router) {
        OSMRoutes(service: service, gateway: gateway).register(into: &router)
    }

    public func tickets(namespace: String) -> [JSON] {
        let part = service.partition(namespace)
        let all = part.book.withLock { book in book.cases.indices.filter { !book.removed[$0] }.map(book.snapshot(at:)) }
        return all.map { CaseViews.ticket($0, catalog: part.catalog) }
    }

    public func ticketCount(namespace: String) -> Int {
        service.partition(namespace).book.withLock { book in book.removed.count { !$0 } }
    }

    public func ticket(id: String, namespace: String) -> JSON? {
        guard let snapshot = try? service.detail(id, namespace: namespace, domain: nil) else { return nil }
        return CaseViews.ticket(snapshot, catalog: service.catalog(namespace))
    }

    public func perform(action: JSON, ticketId: String, namespace: String) throws(ActionError) -> JSON {
        let snapshot = try EngineerDesk(service: service).perform(action, caseId: ticketId, namespace: namespace)
        return CaseViews.ticket(snapshot, catalog: service.catalog(namespace))
    }

    public var actionNames: [String] { EngineerAction.names }

    public var eventNames: [String] {
        ["huawei_osm.case_created", "huawei_osm.status_reached", "huawei_osm.message_added"]
    }

    public var errorCatalog: [String: @Sendable (Request) -> Response] {
        var catalog = OSMErrorCatalog.entries
        for (name, build) in gateway.errorCatalog { catalog[name] = build }
        return catalog
    }

    public func payloadTooLarge(_ request: Request) -> Response { gateway.payloadTooLarge(request) }

    public var seedKey: String? { "huawei_osm" }
    public func validateSeed(_ section: JSON) -> [FieldError] { CatalogSeed.validate(section) }
    public func applySeeds(_ sections: [JSON]) {
        service.catalogs.replace(CatalogSeed.apply(sections, to: .builtIn))
    }
}

/// The configuration new partitions start from: the built-ins plus the scenario seeds.
final class CatalogHolder: Sendable {
    private let catalog = Mutex(Catalog.builtIn)
    var current: Catalog { catalog.withLock { $0 } }
    func replace(_ new: Catalog) { catalog.withLock { $0 = new } }
}
