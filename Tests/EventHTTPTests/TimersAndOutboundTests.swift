import EventHTTP
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

@Suite(.serialized) struct TimersAndOutboundTests {
    @Test func scheduledWorkRunsAfterItsDelay() throws {
        try withServer({ _ in .text("") }) { server in
            let fired = Box<ContinuousClock.Instant?>(nil)
            let start = ContinuousClock.now
            server.schedule(after: .milliseconds(100)) { fired.value = ContinuousClock.now }
            while fired.value == nil, ContinuousClock.now - start < .seconds(2) { usleep(2_000) }
            let at = try #require(fired.value)
            #expect(at - start >= .milliseconds(95))
        }
    }

    @Test func repeatingWorkRepeats() throws {
        try withServer({ _ in .text("") }) { server in
            let count = Box(0)
            server.repeating(every: .milliseconds(20)) { count.value += 1 }
            usleep(250_000)
            #expect(count.value >= 5)
        }
    }

    @Test func outboundPostReachesAServerAndReturnsItsAnswer() throws {
        let received = Box<(String, String, String)?>(nil)
        let receiver: Handler = { request in
            received.value = (request.method, request.uri, request.bodyText)
            return Response(status: 201, body: Array(#"{"code":0}"#.utf8))
        }
        try withServer(receiver) { target in
            try withServer({ _ in .text("") }) { sender in
                let result = Box<OutboundResult?>(nil)
                sender.outbound.send(
                    method: "POST", url: "http://127.0.0.1:\(target.port)/hook?x=1", headers: ["X-A": "b"],
                    body: Array(#"{"sn":"REQ1"}"#.utf8), timeout: .seconds(2)
                ) { result.value = $0 }
                try waitFor { result.value != nil }
                #expect(result.value?.status == 201)
                #expect(result.value?.body == Array(#"{"code":0}"#.utf8))
                #expect(received.value?.0 == "POST")
                #expect(received.value?.1 == "/hook?x=1")
                #expect(received.value?.2 == #"{"sn":"REQ1"}"#)
            }
        }
    }

    @Test func outboundReportsRefusedConnectionsAndTimeouts() throws {
        let hang: Handler = { _ in Response(fault: .hang) }
        try withServer(hang) { hanging in
            try withServer({ _ in .text("") }) { sender in
                let refused = Box<OutboundResult?>(nil)
                sender.outbound.send(method: "POST", url: "http://127.0.0.1:1/x", headers: [:], body: [], timeout: .seconds(2)) {
                    refused.value = $0
                }
                let timedOut = Box<OutboundResult?>(nil)
                let start = ContinuousClock.now
                sender.outbound.send(
                    method: "POST", url: "http://127.0.0.1:\(hanging.port)/x", headers: [:], body: [], timeout: .seconds(1)
                ) { timedOut.value = $0 }
                try waitFor { refused.value != nil && timedOut.value != nil }
                #expect(refused.value?.status == nil)
                #expect(refused.value?.error != nil)
                #expect(timedOut.value?.status == nil)
                #expect(ContinuousClock.now - start >= .milliseconds(900))
            }
        }
    }

    @Test func malformedURLsFailAtOnce() throws {
        try withServer({ _ in .text("") }) { server in
            let result = Box<OutboundResult?>(nil)
            server.outbound.send(method: "POST", url: "https://example.invalid/", headers: [:], body: [], timeout: .seconds(1)) {
                result.value = $0
            }
            #expect(result.value?.error?.contains("unsupported") == true)
        }
    }

    @Test func stopFinishesRequestsInFlight() throws {
        let handler: Handler = { _ in
            var response = Response.text("late")
            response.delay = .milliseconds(400)
            return response
        }
        let server = try HTTPServer(configuration: ServerConfiguration(port: 0, threads: 2), handler: handler)
        server.start()
        let connection = try KeepAliveConnection(port: server.port)
        connection.write("GET /x HTTP/1.1\r\nHost: x\r\n\r\n")
        try waitFor { server.inFlight == 1 }
        let start = ContinuousClock.now
        server.stop()
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(try connection.readAnswer().bodyText == "late")
    }
}

func waitFor(timeout: Duration = .seconds(5), _ condition: () -> Bool) throws {
    let start = ContinuousClock.now
    while !condition() {
        if ContinuousClock.now - start > timeout { throw BlockingHTTPClient.Failure.timeout }
        usleep(2_000)
    }
}
