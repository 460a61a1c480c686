import EventHTTP
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

@Suite(.serialized) struct HTTPServerTests {
    static let echo: Handler = { request in
        var headers = Headers()
        headers.add("Content-Type", "application/json")
        headers.add("X-Method", request.method)
        headers.add("X-Uri", request.uri)
        headers.add("X-Too-Large", request.bodyTooLarge ? "yes" : "no")
        headers.add("X-Seen-Header", request.headers["x-custom"] ?? "")
        return Response(status: 200, headers: headers, body: request.body.isEmpty ? Array("{}".utf8) : request.body)
    }

    @Test func answersGetWithTheRequestAsSeen() throws {
        try withServer(Self.echo) { server in
            let answer = try BlockingHTTPClient(port: server.port).send("GET", "//a/b%20c/?x=1", headers: ["X-Custom": "v"])
            #expect(answer.status == 200)
            #expect(answer.headers["X-Method"] == "GET")
            #expect(answer.headers["X-Uri"] == "//a/b%20c/?x=1")
            #expect(answer.headers["X-Seen-Header"] == "v")
            #expect(answer.headers["Server"] == "ticketmock")
            #expect(answer.bodyText == "{}")
        }
    }

    @Test func answersPostWithTheExactBodyBytes() throws {
        try withServer(Self.echo) { server in
            let body: [UInt8] = Array(#"{"a":"中文"}"#.utf8) + [0xFF]
            let answer = try BlockingHTTPClient(port: server.port).send("POST", "/p", body: body)
            #expect(answer.headers["X-Method"] == "POST")
            #expect(answer.body == body)
        }
    }

    @Test(arguments: ["PUT", "DELETE", "PATCH", "OPTIONS"])
    func everyMethodReachesTheHandler(_ method: String) throws {
        try withServer(Self.echo) { server in
            let answer = try BlockingHTTPClient(port: server.port).send(method, "/m")
            #expect(answer.headers["X-Method"] == method)
        }
    }

    @Test func aBodyOverTheLimitReachesTheHandlerFlaggedAndEmpty() throws {
        try withServer(maxBodyBytes: 100, Self.echo) { server in
            let client = BlockingHTTPClient(port: server.port)
            let within = try client.send("POST", "/p", body: [UInt8](repeating: 65, count: 100))
            #expect(within.headers["X-Too-Large"] == "no")
            let over = try client.send("POST", "/p", body: [UInt8](repeating: 65, count: 101))
            #expect(over.headers["X-Too-Large"] == "yes")
            #expect(over.bodyText == "{}")
        }
    }

    @Test func aBodyFarOverTheLimitIsDroppedAndTheConnectionStaysUsable() throws {
        try withServer(maxBodyBytes: 10, Self.echo) { server in
            let connection = try KeepAliveConnection(port: server.port)
            let huge = [UInt8](repeating: 65, count: 17 << 20)
            connection.write("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: \(huge.count)\r\n\r\n")
            connection.write(String(decoding: huge, as: UTF8.self))
            let answer = try connection.readAnswer()
            #expect(answer.headers["X-Too-Large"] == "yes")
            #expect(answer.bodyText == "{}")
            connection.write("GET /after HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try connection.readAnswer().headers["X-Uri"] == "/after")
        }
    }

    @Test func malformedRequestsAreAnsweredAndTheServerKeepsServing() throws {
        try withServer(Self.echo) { server in
            let client = BlockingHTTPClient(port: server.port)
            let garbage = try BlockingHTTPClient.parse(client.roundTrip(Array("NONSENSE\r\n\r\n".utf8)))
            #expect(garbage.status == 400)
            #expect(garbage.headers["Connection"] == "close")
            #expect(garbage.bodyText == "The request line is malformed.\n")
            let hugeHeader = try BlockingHTTPClient.parse(
                client.roundTrip(Array("GET / HTTP/1.1\r\nX: \(String(repeating: "a", count: 70_000))\r\n\r\n".utf8)))
            #expect(hugeHeader.status == 431)
            #expect(try client.send("GET", "/after").status == 200)
        }
    }

    @Test func fiveHundredRequestsOverFiftyKeepAliveConnectionsAllAnswered() throws {
        let handler: Handler = { request in
            Response(status: 200, headers: ["Content-Type": "text/plain"], body: Array(request.uri.utf8))
        }
        try withServer(handler) { server in
            let connections = try (0..<50).map { _ in try KeepAliveConnection(port: server.port) }
            var answered = 0
            for round in 0..<10 {
                for (index, connection) in connections.enumerated() {
                    connection.write("GET /r/\(round)/c/\(index) HTTP/1.1\r\nHost: x\r\n\r\n")
                }
                for (index, connection) in connections.enumerated() {
                    let answer = try connection.readAnswer()
                    #expect(answer.status == 200)
                    #expect(answer.bodyText == "/r/\(round)/c/\(index)")
                    answered += 1
                }
            }
            #expect(answered == 500)
        }
    }

    @Test func aDelayedAnswerComesAfterItsDelayWithoutBlockingOthers() throws {
        let handler: Handler = { request in
            var response = Response.text(request.uri)
            if request.uri == "/slow" { response.delay = .milliseconds(300) }
            return response
        }
        try withServer(threads: 1, handler) { server in
            let slow = try KeepAliveConnection(port: server.port)
            let start = monotonicNow()
            slow.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
            let fast = try BlockingHTTPClient(port: server.port).send("GET", "/fast")
            #expect(fast.bodyText == "/fast")
            #expect(monotonicNow() - start < .milliseconds(250))
            #expect(try slow.readAnswer().bodyText == "/slow")
            #expect(monotonicNow() - start >= .milliseconds(290))
        }
    }
}
