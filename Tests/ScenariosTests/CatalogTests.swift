import MockCore
import Testing

@testable import Scenarios

@Suite struct CatalogTests {
    @Test func globs() {
        #expect(Glob.matches("huawei_osm.*", "huawei_osm.create_cases"))
        #expect(Glob.matches("*.show_*", "huawei_coc.show_ticket_info"))
        #expect(!Glob.matches("huawei_osm.*", "huawei_coc.create_ticket"))
        #expect(Glob.matches("a*b*c", "aXXbYYc"))
        #expect(!Glob.matches("a*b*c", "aXXbYY"))
    }

    @Test func suggestionsAreByEditDistance() {
        #expect(Suggest.distance("kitten", "sitting") == 3)
        #expect(Suggest.nearest("create_tiket", in: ["get_ticket", "create_ticket", "x"], limit: 1) == ["create_ticket"])
    }

    @Test func jsonWithTabsAndDuplicateKeys() {
        let catalog = Harness().engine.catalog
        let tabbed = ScenarioParser.parse("{\n\t\"name\": \"t\"\n}", file: "t.json", defaultName: "x", catalog: catalog)
        #expect((try? tabbed.get())?.name == "t")
        guard
            case .failure(let rejected) = ScenarioParser.parse(
                "name: a\nbk_itsm: {}\n", file: "s", defaultName: "x", catalog: catalog)
        else {
            Issue.record("accepted")
            return
        }
        #expect(
            rejected.issues.map(\.description) == [
                "s:2: bk_itsm: no registered vendor seeds 'bk_itsm' in this build (check --allow-unregistered skips it)"
            ])
    }
}
