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

@Suite struct RouterCaptureTests {
    @Test func catchAllsJoinSegmentsWithSingleSlashes() {
        let match = RouterTests.router().match(method: "GET", path: "//api//bk-itsm/prod//v2/itsm/get_ticket_status")
        #expect(match?.parameters == ["prefix": "api/bk-itsm/prod", "name": "get_ticket_status"])
    }

    @Test func aTrailingCatchAllMayBeEmpty() {
        let match = RouterTests.router().match(method: "GET", path: "/v1/")
        #expect(match?.route.api == "t.not_found")
        #expect(match?.parameters == ["rest": ""])
    }

    @Test func aFailedBranchLeavesNoParameters() {
        // `{type}` captures `x` before the branch fails; the catch-all then answers alone.
        let match = RouterTests.router().match(method: "PUT", path: "/v1/x/tickets")
        #expect(match?.route.api == "t.not_found")
        #expect(match?.parameters == ["rest": "x/tickets"])
    }

    @Test func laterRegistrationsReplaceTheSameMethod() {
        var router = Router()
        router.add("get", "/a", api: "first") { _ in .text("1") }
        router.add("GET", "/a", api: "second") { _ in .text("2") }
        #expect(router.match(method: "GET", path: "/a")?.route.api == "second")
        #expect(router.match(method: "GET", path: "/a")?.route.vendor == "second")
    }

    @Test func routesKnowTheirVendor() {
        var route = Route(api: "bk_itsm.create_ticket", apiIndex: 3) { _ in .text("") }
        #expect(route.vendor == "bk_itsm")
        route.api = "admin.health"
        #expect(route.vendor == "admin")
        #expect(route.apiIndex == nil)  // a renamed route is no longer where its router listed it
    }

    @Test func routesKnowWhereTheirRouterListsTheirAPI() {
        let router = RouterTests.router()
        for (method, path) in [("GET", "/v1/x/tickets/1"), ("POST", "/v1/change/tickets"), ("GET", "/v1/nothing")] {
            let route = router.match(method: method, path: path)?.route
            #expect(route.flatMap { $0.apiIndex.map { router.apiNames[$0] } } == route?.api)
        }
    }
}

@Suite struct PathParametersTests {
    @Test func aLaterValueOfTheSameNameWins() {
        let captured = PathParameters([("a", "1"), ("b", "2"), ("a", "3")])
        #expect(captured["a"] == "3")
        #expect(captured["b"] == "2")
        #expect(captured.count == 2)
        #expect(captured == ["b": "2", "a": "3"])
    }

    @Test func settingAndRemoving() {
        var parameters: PathParameters = [:]
        #expect(parameters.isEmpty && parameters["x"] == nil)
        parameters["x"] = "1"
        parameters["x"] = "2"
        parameters["y"] = ""
        #expect(parameters == ["x": "2", "y": ""])
        parameters["x"] = nil
        parameters["absent"] = nil
        #expect(parameters == ["y": ""])
        #expect(parameters != ["y": "", "x": "2"])
        #expect(parameters != ["z": ""])
    }

    @Test func namesAreExactAndMayBeAnyText() {
        let parameters: PathParameters = ["名前": "値", "Id": "1"]
        #expect(parameters["名前"] == "値")
        #expect(parameters["id"] == nil)
    }
}
