import Testing
@testable import MockCore

@Suite struct RouterTests {
    static func router() -> Router {
        var router = Router()
        router.add("GET", "/v1/{type}/tickets/{id}", api: "t.show") { _ in .text("show") }
        router.add("POST", "/v1/{type}/tickets", api: "t.create") { _ in .text("create") }
        router.add("POST", "/v1/change/tickets", api: "t.create_change") { _ in .text("change") }
        router.add("*", "/{prefix...}/v2/itsm/{name}", api: "bk.any") { _ in .text("bk") }
        router.add("*", "/v1/{rest...}", api: "t.not_found") { _ in .text("404") }
        return router
    }

    func api(_ method: String, _ path: String) -> String? {
        Self.router().match(method: method, path: path)?.route.api
    }

    @Test func literalsBeatParametersWhichBeatCatchAlls() {
        #expect(api("POST", "/v1/change/tickets") == "t.create_change")
        #expect(api("POST", "/v1/issues_mgmt/tickets") == "t.create")
        #expect(api("GET", "/v1/change/tickets/CM1") == "t.show")
        #expect(api("DELETE", "/v1/change/tickets/CM1") == "t.not_found")
    }

    @Test func capturesParameters() {
        let match = Self.router().match(method: "GET", path: "/v1/issues_mgmt/tickets/PM42")
        #expect(match?.parameters == ["type": "issues_mgmt", "id": "PM42"])
    }

    @Test func toleratesDoubledAndTrailingSlashes() {
        #expect(api("GET", "//v1/change//tickets/CM1/") == "t.show")
    }

    @Test func catchAllMatchesInTheMiddleOfAPattern() {
        let match = Self.router().match(method: "POST", path: "/api/bk-itsm/prod/v2/itsm/create_ticket/")
        #expect(match?.route.api == "bk.any")
        #expect(match?.parameters["prefix"] == "api/bk-itsm/prod")
        #expect(match?.parameters["name"] == "create_ticket")
    }

    @Test func unknownPathsDoNotMatch() {
        #expect(api("GET", "/nothing/here") == nil)
        #expect(api("GET", "/") == nil)
    }

    @Test func listsApiNamesOnce() {
        #expect(Self.router().apiNames == ["t.show", "t.create", "t.create_change", "bk.any", "t.not_found"])
    }
}
