import EventHTTP
import Testing
import TestSupport

/// The HTTP/1.1 connection handling over real sockets (RFC 9112 §9, RFC 9110 §10.1.1).
@Suite(.serialized) struct TransportTests {
    static let echo: Handler = { request in
        Response(
            status: 200, headers: ["Content-Type": "text/plain", "X-Uri": request.uri],
            body: request.body.isEmpty ? Array(request.uri.utf8) : request.body)
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try withServer(Self.echo) { server in
            let connection = try KeepAliveConnection(port: server.port)
            connection.write(
                "GET /1 HTTP/1.1\r\nHost: x\r\n\r\nPOST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\ntwoGET /3 HTTP/1.1\r\n\r\n"
            )
            #expect(try connection.readAnswer().bodyText == "/1")
            #expect(try connection.readAnswer().bodyText == "two")
            #expect(try connection.readAnswer().bodyText == "/3")
        }
    }

    @Test func aDelayedAnswerHoldsBackTheRequestsPipelinedBehindIt() throws {
        let handler: Handler = { request in
            var response = Response.text(request.uri)
            if request.uri == "/slow" { response.delay = .milliseconds(200) }
            return response
        }
        try withServer(handler) { server in
            let connection = try KeepAliveConnection(port: server.port)
            connection.write("GET /slow HTTP/1.1\r\n\r\nGET /fast HTTP/1.1\r\n\r\n")
            #expect(try connection.readAnswer().bodyText == "/slow")
            #expect(try connection.readAnswer().bodyText == "/fast")
        }
    }

    @Test func aChunkedRequestBodyReachesTheHandlerDecoded() throws {
        try withServer(Self.echo) { server in
            let connection = try KeepAliveConnection(port: server.port)
            connection.write("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n")
            connection.write("5\r\n\":1}\n\r\n0\r\n\r\n")
            let answer = try connection.readAnswer()
            #expect(answer.bodyText == "{\"a\":1}\n")
            #expect(answer.headers["Content-Length"] == "8")
        }
    }

    @Test func expectContinueGetsAnInterimAnswerBeforeTheBodyIsSent() throws {
        try withServer(Self.echo) { server in
            let connection = try KeepAliveConnection(port: server.port)
            connection.write("PUT /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            let interim = try connection.readAnswer()
            #expect(interim.status == 100)
            connection.write("body")
            #expect(try connection.readAnswer().bodyText == "body")
        }
    }

    @Test func connectionCloseAndHTTP10AreHonoured() throws {
        try withServer(Self.echo) { server in
            let closing = try KeepAliveConnection(port: server.port)
            closing.write("GET /a HTTP/1.1\r\nConnection: close\r\n\r\n")
            let text = String(decoding: closing.readToClose(), as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(text.contains("\r\nConnection: close\r\n"))
            #expect(text.hasSuffix("\r\n\r\n/a"))

            let old = try KeepAliveConnection(port: server.port)
            old.write("GET /b HTTP/1.0\r\n\r\n")
            #expect(String(decoding: old.readToClose(), as: UTF8.self).hasPrefix("HTTP/1.0 200 OK\r\n"))

            let oldKeepAlive = try KeepAliveConnection(port: server.port)
            oldKeepAlive.write("GET /c HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try oldKeepAlive.readAnswer().headers["Connection"] == "keep-alive")
            oldKeepAlive.write("GET /d HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try oldKeepAlive.readAnswer().bodyText == "/d")
        }
    }

    @Test func headAnswersCarryTheLengthButNoBodyAndEveryAnswerHasDateAndServer() throws {
        try withServer(Self.echo) { server in
            let connection = try KeepAliveConnection(port: server.port)
            connection.write("HEAD /five HTTP/1.1\r\n\r\nGET /next HTTP/1.1\r\nConnection: close\r\n\r\n")
            let text = String(decoding: connection.readToClose(), as: UTF8.self)
            let answers = text.split(separator: "HTTP/1.1 200 OK\r\n")
            #expect(answers.count == 2)
            #expect(answers.first?.contains("Content-Length: 5\r\n") == true)
            #expect(answers.first?.hasSuffix("\r\n\r\n") == true)
            #expect(answers.last?.hasSuffix("\r\n\r\n/next") == true)
            #expect(answers.allSatisfy { $0.contains("Server: ticketmock\r\n") && $0.contains(" GMT\r\n") })
        }
    }

    @Test func theConfiguredRejectionAnswersUnparsableRequests() throws {
        let server = try HTTPServer(
            configuration: ServerConfiguration(
                port: 0, threads: 1,
                rejection: { status, message in
                    Response(
                        status: status, headers: ["Content-Type": "application/json"], body: Array("{\"m\":\"\(message)\"}".utf8))
                }),
            handler: Self.echo)
        server.start()
        defer { server.stop() }
        let answer = try BlockingHTTPClient.parse(
            BlockingHTTPClient(port: server.port).roundTrip(Array("GET / HTTP/3.0\r\n\r\n".utf8)))
        #expect(answer.status == 505)
        #expect(answer.bodyText == #"{"m":"Only HTTP/1.0 and HTTP/1.1 are supported."}"#)
    }

    @Test func idleAndStalledConnectionsCloseAfterTheIdleTimeoutButADelayedAnswerStillComes() throws {
        let handler: Handler = { request in
            var response = Response.text(request.uri)
            response.delay = request.uri == "/slow" ? .milliseconds(600) : nil
            return response
        }
        let server = try HTTPServer(
            configuration: ServerConfiguration(port: 0, threads: 1, idleTimeout: .milliseconds(300)), handler: handler)
        server.start()
        defer { server.stop() }
        let start = ContinuousClock.now
        let idle = try KeepAliveConnection(port: server.port)
        let stalled = try KeepAliveConnection(port: server.port)
        stalled.write("GET /half HTTP/1.1\r\nHost:")
        #expect(idle.readToClose().isEmpty)
        #expect(stalled.readToClose().isEmpty)
        #expect(ContinuousClock.now - start >= .milliseconds(250))
        #expect(ContinuousClock.now - start < .seconds(3))
        let slow = try KeepAliveConnection(port: server.port)
        slow.write("GET /slow HTTP/1.1\r\n\r\n")
        #expect(try slow.readAnswer().bodyText == "/slow")
    }
}
