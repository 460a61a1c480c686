import Testing

@testable import EventHTTP

/// Status lines and header sections as bytes, without sockets.
struct ResponseEncoderTests {
    /// The encoded head, with the Date field's value (the clock's) replaced by `<date>`.
    func encode(_ response: Response, minorVersion: Int = 1, connection: ConnectionHeader = .implicit) -> String {
        var encoder = ResponseEncoder()
        var out: [UInt8] = [1, 2]  // what is already queued stays in front
        encoder.head(response, minorVersion: minorVersion, connection: connection, into: &out)
        #expect(out.prefix(2) == [1, 2])
        let text = String(decoding: out.dropFirst(2), as: UTF8.self)
        return text.replacing(/Date: [A-Za-z]{3}, \d\d [A-Za-z]{3} \d{4} \d\d:\d\d:\d\d GMT/, with: "Date: <date>")
    }

    @Test func fieldsInOrderThenServerDateLengthAndConnection() {
        let response = Response(
            status: 201, headers: Headers([("X-A", "1"), ("content-length", "99"), ("X-工", "值")]), body: [0, 1, 2])
        #expect(
            encode(response, minorVersion: 0, connection: .keepAlive)
                == "HTTP/1.0 201 Created\r\nX-A: 1\r\nX-工: 值\r\nServer: ticketmock\r\nDate: <date>\r\nContent-Length: 3\r\n"
                + "Connection: keep-alive\r\n\r\n")
    }

    @Test func aServerFieldOfTheAnswersOwnReplacesOurs() {
        let response = Response(
            status: 200, headers: Headers([("SERVER", "x"), ("Connection", "x"), ("Transfer-Encoding", "x")]))
        #expect(
            encode(response, connection: .close)
                == "HTTP/1.1 200 OK\r\nSERVER: x\r\nDate: <date>\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    }

    @Test func numbersOfEveryWidth() {
        for (length, text) in [(9, "9"), (10, "10"), (100, "100"), (1_000_000, "1000000")] {
            let head = encode(Response(status: 200, body: Array(repeating: 0, count: length)))
            #expect(head.contains("\r\nContent-Length: \(text)\r\n"))
        }
        #expect(encode(Response(status: 599)).hasPrefix("HTTP/1.1 599 Status 599\r\n"))
    }

    @Test func headsLargerThanTheScratchSpaceAndSmallOnesAfterThem() {
        var encoder = ResponseEncoder()
        for size in [10, 5000, 3, 70000] {
            var out: [UInt8] = []
            let value = String(repeating: "v", count: size)
            encoder.head(Response(headers: Headers([("X-Big", value)])), minorVersion: 1, connection: .implicit, into: &out)
            #expect(
                String(decoding: out, as: UTF8.self).hasPrefix("HTTP/1.1 200 OK\r\nX-Big: \(value)\r\nServer: ticketmock\r\n"))
            #expect(String(decoding: out, as: UTF8.self).hasSuffix(" GMT\r\nContent-Length: 0\r\n\r\n"))
        }
    }

    @Test func noLengthWhereNoBodyMayBe() {
        #expect(encode(Response(status: 204)) == "HTTP/1.1 204 No Content\r\nServer: ticketmock\r\nDate: <date>\r\n\r\n")
        #expect(!encode(Response(status: 304, body: [1])).contains("Content-Length"))
    }
}
