import Crypto
import MockCore
import Testing

@testable import HuaweiCloud

@Suite struct ValidationTests {
    // huawei-auth.md §2.5: the hash line and signature follow from the literal CanonicalRequest.
    @Test(arguments: Vectors.all)
    func vectorsHoldIndependently(vector: Vectors.Vector) {
        let hashLine = Vectors.sha256(vector.canonical)
        if let expected = vector.hashLine { #expect(hashLine == expected) }
        #expect(Vectors.hmac("SDK-HMAC-SHA256\n\(vector.date)\n\(hashLine)", key: Vectors.sk) == vector.signature)
    }

    // huawei-auth.md §2.2: the verifier rebuilds the same CanonicalRequest from the received request.
    @Test(arguments: Vectors.all)
    func verifierRebuildsTheCanonicalRequest(vector: Vectors.Vector) throws {
        let request = vector.request
        let authorization = try #require(AuthorizationHeader(request.headers["Authorization"]!))
        #expect(Signer.canonicalRequest(request, signedHeaders: authorization.signedHeaders) == vector.canonical)
        #expect(Signer.verify(request, authorization: authorization, secretKey: Vectors.sk, now: nil))
        #expect(!Signer.verify(request, authorization: authorization, secretKey: Vectors.sk + "x", now: nil))
    }

    // huawei-auth.md §2.2 step 4: the exact body bytes are hashed; any change breaks the signature.
    @Test func tamperedBodyFails() throws {
        var request = Vectors.v1.request
        request.body[request.body.count - 2] = UInt8(ascii: " ")
        let authorization = try #require(AuthorizationHeader(request.headers["Authorization"]!))
        #expect(!Signer.verify(request, authorization: authorization, secretKey: Vectors.sk, now: nil))
    }

    // huawei-auth.md §2.2 step 3: X-Sdk-Date within 15 minutes of the server clock.
    @Test func dateSkewWindow() throws {
        let request = Vectors.v1.request
        let authorization = try #require(AuthorizationHeader(request.headers["Authorization"]!))
        let signedAt = try #require(Signer.parseSdkDate("20261123T115138Z"))
        #expect(signedAt == Timestamp(iso8601: "2026-11-23T11:51:38Z"))
        for (offset, ok) in [(-14, true), (14, true), (16, false), (-16, false)] {
            let now = signedAt + .seconds(offset * 60)
            #expect(Signer.verify(request, authorization: authorization, secretKey: Vectors.sk, now: now) == ok)
        }
        var undated = request
        undated.headers.remove("X-Sdk-Date")
        #expect(!Signer.verify(undated, authorization: authorization, secretKey: Vectors.sk, now: nil))
        #expect(Signer.parseSdkDate("2026-11-23T11:51:38Z") == nil)
        #expect(Signer.parseSdkDate("20261323T115138Z") == nil)
    }

    // huawei-auth.md §2.2 step 1: lenient about spaces; other algorithms are refused.
    @Test func authorizationParsing() {
        let tight = AuthorizationHeader("SDK-HMAC-SHA256 Access=AK,SignedHeaders=host;x-sdk-date,Signature=ab12")
        #expect(tight?.accessKey == "AK")
        #expect(tight?.signedHeaders == "host;x-sdk-date")
        #expect(AuthorizationHeader("SDK-HMAC-SM3 Access=AK, SignedHeaders=host, Signature=ab") == nil)
        #expect(AuthorizationHeader("SDK-HMAC-SHA256 Access=AK, SignedHeaders=host") == nil)
        #expect(AuthorizationHeader("SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=XYZ") == nil)
        #expect(AuthorizationHeader("Bearer abc") == nil)
    }

    // huawei-auth.md §2.2 step 1: the byte parser's edges: blanks and empty parts, repeated and
    // unknown fields, `=` inside a value, a part without `=`.
    @Test func authorizationParsingEdges() {
        let loose = AuthorizationHeader(" \tSDK-HMAC-SHA256  Access=AK , SignedHeaders=h,,Signature=ab,  \t")
        #expect(loose == AuthorizationHeader("SDK-HMAC-SHA256 Access=AK,SignedHeaders=h,Signature=ab"))
        #expect(loose?.accessKey == "AK")
        #expect(loose?.signature == "ab")
        let repeated = AuthorizationHeader("SDK-HMAC-SHA256 Access=A1, Access=A=2, SignedHeaders=h, Signature=ab, Extra=x")
        #expect(repeated?.accessKey == "A=2")
        #expect(AuthorizationHeader("SDK-HMAC-SHA256 Access=AK, SignedHeaders=h, Signature=ab, junk") == nil)
        #expect(AuthorizationHeader("SDK-HMAC-SHA256 Access=AK, SignedHeaders=h, Signature=ab, , ") == nil)
        #expect(AuthorizationHeader("SDK-HMAC-SHA256 Access=, SignedHeaders=h, Signature=ab") == nil)
        #expect(AuthorizationHeader("SDK-HMAC-SHA256") == nil)
        #expect(AuthorizationHeader("") == nil)
        // A name is matched exactly (no space before `=`, no other case); the value runs to the comma.
        #expect(AuthorizationHeader("SDK-HMAC-SHA256 Access =AK, SignedHeaders=h, Signature=ab") == nil)
        #expect(AuthorizationHeader("SDK-HMAC-SHA256 access=AK, SignedHeaders=h, Signature=ab") == nil)
        #expect(AuthorizationHeader("SDK-HMAC-SHA256 Access=AK, SignedHeaders=h;x=y, Signature=ab")?.signedHeaders == "h;x=y")
        #expect(AuthorizationHeader("SDK-HMAC-SHA256 Access=ÄK, SignedHeaders=h, Signature=ab")?.accessKey == "ÄK")
        #expect(AuthorizationHeader("SDK-HMAC-SHA256 Access=AK, SignedHeaders=h, Signature=ab2g") == nil)
        #expect(AuthorizationHeader("SDK-HMAC-SHA256 Access=AK, SignedHeaders=h, Signature=é") == nil)
        #expect(AuthorizationHeader("SDK-HMAC-SHA256\tAccess=AK, SignedHeaders=h, Signature=ab") == nil)
        #expect(
            AuthorizationHeader("SDK-HMAC-SHA256 Access=AK, SignedHeaders=h, Signature=0123456789abcdef")?.signature
                == "0123456789abcdef")
    }

    // huawei-auth.md §2.1 step 5: segments re-encoded with upper-case hex, `~` kept, trailing slash added.
    @Test func canonicalURIAndQuery() {
        #expect(Signer.canonicalURI("/v1/change/tickets") == "/v1/change/tickets/")
        #expect(Signer.canonicalURI("/a/") == "/a/")
        #expect(Signer.canonicalURI("/a%2fb/c~d/e f") == "/a%2Fb/c~d/e%20f/")
        #expect(Signer.canonicalURI("/a/x:y@z!*'()+,;") == "/a/x%3Ay%40z%21%2A%27%28%29%2B%2C%3B/")
        #expect(Signer.canonicalQuery("b=2&a=1&B=0&a=0") == "B=0&a=0&a=1&b=2")
        #expect(Signer.canonicalQuery("q=a+b&r=a%20b") == "q=a%2Bb&r=a%20b")
        #expect(Signer.canonicalQuery("pageNo=1", lowercaseKeys: true) == "pageno=1")
        #expect(Signer.canonicalQuery("") == "")
    }

    // huawei-auth.md §2.2 step 6: a Go SDK signs lower-cased query keys.
    @Test func goSDKLowerCasedQueryKeys() throws {
        var request = Request(
            method: "GET", uri: "/osm/cases?pageNo=1&searchKey=x",
            headers: ["Host": Vectors.host, "X-Sdk-Date": "20261123T115138Z"])
        let canonical =
            "GET\n/osm/cases/\npageno=1&searchkey=x\nhost:\(Vectors.host)\nx-sdk-date:20261123T115138Z\n\nhost;x-sdk-date\n"
            + Signer.emptyBodyHash
        let signature = Vectors.hmac("SDK-HMAC-SHA256\n20261123T115138Z\n\(Vectors.sha256(canonical))", key: Vectors.sk)
        request.headers.add(
            "Authorization", "SDK-HMAC-SHA256 Access=\(Vectors.ak), SignedHeaders=host;x-sdk-date, Signature=\(signature)")
        let authorization = try #require(AuthorizationHeader(request.headers["Authorization"]!))
        #expect(Signer.verify(request, authorization: authorization, secretKey: Vectors.sk, now: nil))
    }

    // The test signer agrees with the module (so route tests can sign fresh requests).
    @Test func testSignerAgrees() throws {
        let request = Vectors.sign(
            Request(
                method: "POST", uri: "/v1/change/tickets",
                headers: ["Host": "h:1", "Content-Type": "application/json", "X-Sdk-Date": "20261123T115138Z"], body: [1, 2]))
        let authorization = try #require(AuthorizationHeader(request.headers["Authorization"]!))
        #expect(Signer.verify(request, authorization: authorization, secretKey: Vectors.sk, now: nil))
    }

    @Test func seedValidation() {
        #expect(CredentialSeed.validate(["accounts": [["domain_id": "d1", "ak": "AK1", "sk": "SK1"]]]).isEmpty)
        let errors = CredentialSeed.validate(["accounts": [["domain_id": "d1", "ak": 3]], "token_mode": "some", "x": 1])
        #expect(
            Set(errors.map { $0.path.joined(separator: ".") })
                == ["accounts.[0].ak", "accounts.[0].sk", "token_mode", "x"])
        #expect(
            CredentialSeed.validate(["tokens": [["token": "t", "expires_at": "soon"]]]).map(\.path)
                == [["tokens", "[0]", "expires_at"]])
        #expect(!CredentialSeed.validate([1]).isEmpty)
    }
}
