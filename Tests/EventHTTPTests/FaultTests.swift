import EventHTTP
import Testing

@Suite(.serialized) struct FaultTests {
    static func server(_ fault: ConnectionFault, _ body: (BlockingHTTPClient) throws -> Void) throws {
        let handler: Handler = { request in
            var response = Response(
                status: 200, headers: ["Content-Type": "application/json"],
                body: Array(#"{"result":true,"code":0,"message":"success","data":[]}"#.utf8))
            if request.uri == "/fault" { response.fault = fault }
            return response
        }
        try withServer(handler) { server in
            try body(BlockingHTTPClient(port: server.port, timeout: .seconds(2)))
            #expect(try BlockingHTTPClient(port: server.port).send("GET", "/ok").status == 200)
        }
    }

    @Test func resetIsATCPReset() throws {
        try Self.server(.reset) { client in
            #expect(throws: BlockingHTTPClient.Failure.reset) {
                try client.roundTrip(Array("GET /fault HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            }
        }
    }

    @Test func emptyResponseClosesWithNothing() throws {
        try Self.server(.emptyResponse) { client in
            let bytes = try client.roundTrip(Array("GET /fault HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            #expect(bytes == [])
        }
    }

    @Test func garbageIsNotHTTP() throws {
        try Self.server(.garbage) { client in
            let bytes = try client.roundTrip(Array("GET /fault HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            #expect(!bytes.isEmpty)
            #expect(throws: BlockingHTTPClient.Failure.self) { try BlockingHTTPClient.parse(bytes) }
        }
    }

    @Test func truncatedSendsHalfTheAnnouncedBody() throws {
        try Self.server(.truncated) { client in
            let bytes = try client.roundTrip(Array("GET /fault HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 200 OK"))
            #expect(text.contains("Content-Length: 54"))
            #expect(text.hasSuffix("\r\n\r\n" + #"{"result":true,"code":0,"me"#))
        }
    }

    @Test func dribbleTakesItsDurationAndDeliversTheWholeBody() throws {
        try Self.server(.dribble(chunks: 5, duration: .milliseconds(500))) { client in
            let start = ContinuousClock.now
            let answer = try client.send("GET", "/fault")
            let elapsed = ContinuousClock.now - start
            #expect(answer.bodyText == #"{"result":true,"code":0,"message":"success","data":[]}"#)
            #expect(elapsed >= .milliseconds(480))
            #expect(elapsed < .milliseconds(1500))
        }
    }

    @Test func hangNeverAnswers() throws {
        let handler: Handler = { _ in Response(status: 200, fault: .hang) }
        try withServer(handler) { server in
            let client = BlockingHTTPClient(port: server.port, timeout: .milliseconds(300))
            #expect(throws: BlockingHTTPClient.Failure.timeout) { try client.send("GET", "/x") }
            #expect(server.inFlight == 0)
        }
    }
}
