import Testing

@testable import BlueKingITSM

/// create_ticket validates against a `CatalogueView` copied out of the lock and trusts it only
/// while the catalogue version is unchanged: every catalogue change must bump the version.
@Suite struct CatalogueViewTests {
    @Test func everyCatalogueChangeBumpsTheVersion() throws {
        var data = PartitionData(catalog: Catalogue())
        var seen = [data.catalogueView.version]
        data.transformWorkflows { $0 }
        seen.append(data.catalogueVersion)
        let catalog = try #require(data.catalogs.first)
        data.addCatalog(Catalog(id: 999, key: "k", name: "n", level: 1, parentId: catalog.id))
        seen.append(data.catalogueVersion)
        let service = try #require(data.services[Builtins.builtinServiceId])
        let workflow = try #require(data.workflows[service.workflowId])
        data.put(service, workflow: workflow)
        seen.append(data.catalogueVersion)
        #expect(Set(seen).count == seen.count, "versions \(seen)")
        #expect(data.catalogueView.version == data.catalogueVersion)
        #expect(data.catalogueView.catalogs.contains { $0.id == 999 })
    }

    /// A ticket sn read or created touches no catalogue version.
    @Test func ticketsLeaveTheVersionAlone() {
        var data = PartitionData(catalog: Catalogue())
        let before = data.catalogueVersion
        _ = data.nextSN(serviceType: "request", day: 20_261_124)
        #expect(data.catalogueVersion == before)
    }
}
