import MockCore
import Synchronization

/// The BlueKing state of one namespace: tickets, the service catalogue, apps and the callback
/// failure set. Guarded by one Mutex; callers never emit events or send callbacks inside it.
final class Partition: PartitionState {
    let data: Mutex<PartitionData>
    /// get_ticket_status answers by ticket id: pollers ask for the same tickets again and again.
    /// Checked against the ticket on every use (`StatusSource`).
    let renderedStatuses = RenderingCache<Int, StatusSource>(limit: 256)
    init(_ initial: PartitionData) { data = Mutex(initial) }
}

struct PartitionData: Sendable {
    var tickets = SegmentedArray<Ticket>()
    /// Positions in `tickets` by sn. A custom service type shares its prefix's letters but has its
    /// own counter (§13), so an sn can repeat: the newest ticket with it is the one found.
    var bySN = PositionIndex()
    /// Daily sn counters per service type (§13): the day (yyyyMMdd) and the last number used.
    var counters: [String: (day: Int, count: Int)] = [:]
    // The catalogue: changed only through the methods below, which bump `catalogueVersion`.
    private(set) var services: [Int: Service] = [:]
    private(set) var workflows: [Int: Workflow] = [:]
    private(set) var catalogs: [Catalog] = []
    /// Bumped by every catalogue change, so a create validated against a `CatalogueView` taken
    /// outside the lock knows whether that view is still current.
    private(set) var catalogueVersion = 0
    /// Registered apps for `--auth strict` (§16.3).
    var apps: [String: String] = [:]
    var options = Options()
    /// `callback_error_ticket` (§12.2): sn → epoch seconds, in insertion order.
    var callbackFailed: [(sn: String, at: Int64)] = []
    var nextServiceId = 100
    var nextWorkflowId = 100
    var nextCatalogId = 100
    var nextStateId = 1000
    var nextFieldId = 3000

    init(catalog: Catalogue) {
        for service in catalog.services { services[service.id] = service }
        for workflow in catalog.workflows { workflows[workflow.id] = workflow }
        catalogs = catalog.catalogs
        apps = catalog.apps
        options = catalog.options
        nextServiceId = max(nextServiceId, (services.keys.max() ?? 0) + 1)
        nextWorkflowId = max(nextWorkflowId, (workflows.keys.max() ?? 0) + 1)
        nextCatalogId = max(nextCatalogId, (catalogs.map(\.id).max() ?? 0) + 1)
        let stateIds = workflows.values.flatMap { $0.states.map(\.id) }
        let fieldIds = workflows.values.flatMap { $0.fields.map(\.id) }
        nextStateId = max(nextStateId, (stateIds.max() ?? 0) + 1)
        nextFieldId = max(nextFieldId, (fieldIds.max() ?? 0) + 1)
    }

    /// The catalogue as create_ticket validates against it: copied out of the lock (a few
    /// retains), so the validation runs without holding the lock.
    var catalogueView: CatalogueView {
        CatalogueView(services: services, workflows: workflows, catalogs: catalogs, version: catalogueVersion)
    }

    mutating func addCatalog(_ catalog: Catalog) {
        catalogs.append(catalog)
        catalogueVersion += 1
    }

    mutating func put(_ service: Service, workflow: Workflow) {
        services[service.id] = service
        workflows[workflow.id] = workflow
        catalogueVersion += 1
    }

    mutating func transformWorkflows(_ transform: (Workflow) -> Workflow) {
        workflows = workflows.mapValues(transform)
        catalogueVersion += 1
    }

    func ticket(sn: String) -> Int? {
        SerialNumber(text: sn).flatMap { sn in bySN.find(hash: sn.packed) { tickets[$0].sn == sn } }
    }

    func workflow(of ticket: Ticket) -> Workflow? { workflows[Int(ticket.workflowId)] }

    /// The next sn for a service type on a local day (§13).
    mutating func nextSN(serviceType: String, day: Int) -> SerialNumber {
        var counter = counters[serviceType] ?? (day, 0)
        if counter.day != day { counter = (day, 0) }
        counter.count += 1
        counters[serviceType] = counter
        let prefix = SNPrefix.all.firstIndex(of: SNPrefix.prefix(serviceType)) ?? 0
        return SerialNumber(prefix: prefix, date: day, counter: counter.count)
    }

    mutating func insert(_ ticket: Ticket) {
        let position = tickets.count
        tickets.append(ticket)
        let sn = ticket.sn, all = tickets  // shares the chunks (no copy) for the look-ups
        bySN.upsert(position, hash: sn.packed) { all[$0].sn == sn }
    }

    mutating func markCallbackFailed(_ sn: String, at seconds: Int64) {
        callbackFailed.removeAll { $0.sn == sn }
        callbackFailed.append((sn, seconds))
    }

    /// Entries older than 24 h are purged lazily (§12.2).
    mutating func purgeCallbackFailures(now seconds: Int64) {
        callbackFailed.removeAll { seconds - $0.at > 86_400 }
    }
}

/// A partition's catalogue at one version (`PartitionData.catalogueView`).
struct CatalogueView: Sendable {
    var services: [Int: Service]
    var workflows: [Int: Workflow]
    var catalogs: [Catalog]
    var version: Int
}

/// The data every partition starts from: the built-ins plus scenario seeds.
struct Catalogue: Sendable {
    var catalogs: [Catalog] = Builtins.catalogs
    var services: [Service] = Builtins.services
    var workflows: [Workflow] = Builtins.workflows
    var apps: [String: String] = [Identity.demoApp.code: Identity.demoApp.secret]
    var options = Options()
}

/// The switches of §16.5 a scenario may set (`bk_itsm: {options: {…}}`).
struct Options: Sendable {
    /// Require a user identity on ESB paths (§2.2).
    var requireUserOnESB = true
    /// Reproduce operate_node TERMINATE's `unexpected keyword argument 'source'` (§9.4).
    var operateNodeTerminateBug = false
}
