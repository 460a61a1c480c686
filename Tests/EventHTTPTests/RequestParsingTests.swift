import Testing

@testable import EventHTTP

/// The request head parser and body reader, without sockets (RFC 9112 §2–§7).
struct RequestParsingTests {
    func parse(_ text: String, from: Int = 0, max: Int = 1 << 16) throws(Rejection) -> RequestHeadParser.Outcome {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(Rejection) in
            try RequestHeadParser.parse(buffer, from: from, maxHeaderBytes: max)
        }
    }

    func head(_ text: String) throws -> (RequestHead, Int) {
        guard case .head(let head, let length) = try parse(text) else { throw Rejection(status: 0, message: "incomplete") }
        return (head, length)
    }

    func rejection(_ text: String, max: Int = 1 << 16) -> Rejection? {
        do {
            _ = try parse(text, max: max)
            return nil
        } catch { return error }
    }

    @Test func aCompleteHeadGivesMethodTargetHeadersAndItsLength() throws {
        let text = "POST /a/b?x=1 HTTP/1.1\r\nHost: h\r\nX-Two:  spaced value \t\r\nContent-Length: 5\r\n\r\nhello"
        let (head, length) = try head(text)
        #expect(head.method == "POST")
        #expect(head.target == "/a/b?x=1")
        #expect(head.minorVersion == 1)
        #expect(head.headers["x-two"] == "spaced value")
        #expect(head.body == .length(5))
        #expect(head.keepAlive)
        #expect(length == text.utf8.count - 5)
    }

    @Test func anUnfinishedHeadAsksForMoreAndRemembersHowFarItLooked() throws {
        guard case .incomplete(let scanned) = try parse("GET / HTTP/1.1\r\nHost: h\r\n") else {
            Issue.record("expected incomplete")
            return
        }
        #expect(scanned == 25)
        let (head, _) = try head("GET / HTTP/1.1\nHost: h\n\n")
        #expect(head.headers["Host"] == "h")
    }

    @Test func connectionPersistenceFollowsTheVersionAndTheConnectionField() throws {
        #expect(try head("GET / HTTP/1.0\r\n\r\n").0.keepAlive == false)
        #expect(try head("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").0.keepAlive == true)
        #expect(try head("GET / HTTP/1.1\r\nConnection: TE, close\r\n\r\n").0.keepAlive == false)
        #expect(try head("PUT / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n").0.expectsContinue)
        let smuggled = try head("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n").0
        #expect(smuggled.body == .chunked)
        #expect(smuggled.keepAlive == false)
    }

    @Test func tokenCharactersAreExactlyRFC9110s() {
        let tchar = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        for byte in UInt8.min...UInt8.max {
            #expect(byte.isTokenCharacter == tchar.contains(byte), "byte \(byte)")
        }
    }

    @Test func targetsMayBeUTF8ButNotOtherBytes() throws {
        #expect(try head("GET /工单?q=é HTTP/1.1\r\n\r\n").0.target == "/工单?q=é")
        #expect(try head("GET /~!$&'()*+,;=:@ HTTP/1.0\r\n\r\n").0.target == "/~!$&'()*+,;=:@")
        let latin1 = Array("GET /caf".utf8) + [0xE9] + Array(" HTTP/1.1\r\n\r\n".utf8)
        let outcome = Result { () throws(Rejection) in
            try latin1.withUnsafeBufferPointer { (buffer) throws(Rejection) in
                try RequestHeadParser.parse(buffer, from: 0, maxHeaderBytes: 1 << 16)
            }
        }
        guard case .failure(let refusal) = outcome else {
            Issue.record("accepted a Latin-1 target")
            return
        }
        #expect(refusal.message == "The request target is not UTF-8.")
        #expect(rejection("GET /a\u{7F} HTTP/1.1\r\n\r\n")?.status == 400)
        #expect(rejection("GET / HTTP/1.\r\n\r\n")?.status == 505)
        #expect(rejection("GET / HTTP/1 1\r\n\r\n")?.status == 400)
        #expect(rejection("GET / HTTP/1.2\r\n\r\n")?.status == 505)
        #expect(rejection("GET / HTTP/11.0\r\n\r\n")?.status == 505)
        #expect(rejection("GET / HTTQ/1.1\r\n\r\n")?.status == 400)
    }

    @Test func framingFieldsAreFoundWhateverTheirCaseAndNotByLengthAlone() throws {
        let head = try head("POST / HTTP/1.1\r\nCONTENT-LENGTH: 4\r\nContent-Lengtx: 9\r\nexpect: 100-Continue\r\n\r\n").0
        #expect(head.body == .length(4))
        #expect(head.expectsContinue)
        #expect(try self.head("GET / HTTP/1.1\r\nConnectiom: close\r\n\r\n").0.keepAlive)
    }

    @Test func malformedHeadsAreRejectedWithTheirStatus() {
        #expect(rejection("NONSENSE\r\n\r\n")?.status == 400)
        #expect(rejection("GET /a b HTTP/1.1\r\n\r\n")?.status == 400)
        #expect(rejection("GET / HTTP/2.0\r\n\r\n")?.status == 505)
        #expect(rejection("GET / HTTP/1.1\r\nNo colon here\r\n\r\n")?.status == 400)
        #expect(rejection("GET / HTTP/1.1\r\nBad Name: v\r\n\r\n")?.status == 400)
        #expect(rejection("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n")?.status == 400)
        #expect(rejection("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n")?.status == 400)
        #expect(rejection("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n")?.status == 501)
        #expect(rejection("GET / HTTP/1.1\r\nX: \(String(repeating: "a", count: 100))\r\n", max: 64)?.status == 431)
        #expect(rejection("GET / HTTP/1.1\r\nX: \(String(repeating: "a", count: 100))\r\n\r\n", max: 64)?.status == 431)
    }

    func read(_ framing: BodyFraming, _ pieces: [String], limit: Int = 100) throws(Rejection) -> (BodyReader, taken: Int) {
        var reader = BodyReader(framing: framing, limit: limit)
        var taken = 0
        for piece in pieces {
            let bytes = Array(piece.utf8)
            taken += try bytes.withUnsafeBufferPointer { (buffer) throws(Rejection) in try reader.consume(buffer) }
        }
        return (reader, taken)
    }

    @Test func aChunkedBodyIsDecodedWhicheverWayItsBytesArrive() throws {
        let wire = "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer: x\r\n\r\nNEXT"
        let whole = try read(.chunked, [wire])
        #expect(whole.0.isComplete)
        #expect(String(decoding: whole.0.body, as: UTF8.self) == "Wikipedia")
        #expect(whole.taken == wire.utf8.count - 4)
        let byteByByte = try read(.chunked, wire.map(String.init))
        #expect(String(decoding: byteByByte.0.body, as: UTF8.self) == "Wikipedia")
    }

    @Test func aBodyOverTheLimitIsConsumedButNotKept() throws {
        let fixed = try read(.length(150), [String(repeating: "a", count: 150), "GET"])
        #expect(fixed.0.isComplete && fixed.0.tooLarge && fixed.0.body.isEmpty)
        #expect(fixed.taken == 150)
        let chunked = try read(.chunked, ["64\r\n\(String(repeating: "b", count: 100))\r\n1\r\nc\r\n0\r\n\r\n"])
        #expect(chunked.0.isComplete && chunked.0.tooLarge && chunked.0.body.isEmpty)
    }

    @Test func aBrokenChunkSizeIsRejected() {
        #expect(throws: Rejection.self) { try read(.chunked, ["zz\r\n"]) }
        #expect(throws: Rejection.self) { try read(.chunked, ["3\r\nabcX"]) }
        #expect(throws: Rejection.self) { try read(.chunked, ["\r\n"]) }
    }
}
