@testable import BlueKingITSM
import Testing

@Suite struct CallbackTokenTests {
    // bk-itsm.md §12.3: the computed test vector with IV 00…0f.
    @Test func matchesTheReferenceVector() {
        let token = CallbackToken().make(iv: Array(0..<16))
        #expect(token == "AAECAwQFBgcICQoLDA0OD5FlJYwAMyMR97CCI6Y1lb8r/JWFADhxZoN15eGFRnkIo43ADuDwc9RU27CJ3Xifmw==")
        #expect(token.count == 88)
    }

    // bk-itsm.md §9.6: a good token passes; bad base64, wrong length or another key give false.
    @Test func verifies() {
        let token = CallbackToken().make(iv: Array(repeating: 7, count: 16))
        #expect(CallbackToken().verify(token))
        #expect(!CallbackToken().verify("abc"))
        #expect(!CallbackToken().verify(""))
        #expect(!CallbackToken().verify("AAAA"))
        #expect(!CallbackToken(appCode: "other", secret: "x").verify(token))
        #expect(!CallbackToken().verify(String(token.dropLast(4))))
    }
}
