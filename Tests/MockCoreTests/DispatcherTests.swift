import Logging
import Testing
@testable import MockCore

@Suite struct DispatcherTests {
    struct Fake: VendorEmulator {
        let name = "fake"
        func register(into router: inout Router) {
            router.add("POST", "/fake/echo", api: "fake.echo") { .init(status: 201, body: $0.body) }
        }
        func tickets(namespace: String) -> [JSON] { [] }
        func ticket(id: String, namespace: String) -> JSON? { nil }
        func perform(action: JSON, ticketId: String, namespace: String) throws(ActionError) -> JSON { .null }
        func payloadTooLarge(_ request: Request) -> Response { .text("fake too large", status: 413) }
    }

    func dispatcher(middleware: [RouteMiddleware] = []) -> Dispatcher {
        var router = Router()
        Fake().register(into: &router)
        return Dispatcher(router: router, vendors: [Fake()], middleware: middleware, logger: Logger(label: "test"))
    }

    @Test func routesAndPassesTheBody() {
        let response = dispatcher().handle(Request(method: "POST", uri: "/fake/echo", body: [1, 2]))
        #expect(response.status == 201)
        #expect(response.body == [1, 2])
    }

    @Test func unknownPathsGetAJSON404NamingMethodAndPath() throws {
        let response = dispatcher().handle(Request(method: "PATCH", uri: "/x/y"))
        #expect(response.status == 404)
        let body = try JSONParser.parse(response.body)
        #expect(body["method"] == "PATCH")
        #expect(body["path"] == "/x/y")
    }

    @Test func anOversizedBodyGetsTheVendorsAnswer() {
        let response = dispatcher().handle(Request(method: "POST", uri: "/fake/echo", bodyTooLarge: true))
        #expect(response.status == 413)
        #expect(String(decoding: response.body, as: UTF8.self) == "fake too large")
    }

    /// Notes what it saw, and marks the answer if asked.
    final class Recorder: RouteLayer {
        let seen: Synchronized<[String]>
        let marks: Bool

        init(seen: Synchronized<[String]>, marks: Bool) {
            self.seen = seen
            self.marks = marks
        }

        func respond(to request: Request, route: Route, next: RouteNext) -> Response {
            seen.value.append(marks ? "2:\(route.vendor)" : "1:\(route.api)")
            var response = next(request)
            if marks { response.headers.add("X-Seen", "yes") }
            return response
        }
    }

    @Test func middlewareSeesTheRouteAndRunsInOrder() {
        let seen = Synchronized<[String]>([])
        let layers: [RouteMiddleware] = [Recorder(seen: seen, marks: false), Recorder(seen: seen, marks: true)]
        let response = dispatcher(middleware: layers).handle(Request(method: "POST", uri: "/fake/echo"))
        #expect(seen.value == ["1:fake.echo", "2:fake"])
        #expect(response.headers["x-seen"] == "yes")
    }

    @Test func middlewareSeesAnOversizedRequestBeforeTheVendorAnswersIt() {
        let seen = Synchronized<[String]>([])
        let response = dispatcher(middleware: [Recorder(seen: seen, marks: true)]).handle(
            Request(method: "POST", uri: "/fake/echo", bodyTooLarge: true))
        #expect(seen.value == ["2:fake"])
        #expect(response.status == 413)
        #expect(response.headers["x-seen"] == "yes")
    }
}
