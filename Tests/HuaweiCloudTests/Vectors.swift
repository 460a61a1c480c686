import Crypto
import MockCore

/// The byte-exact vectors of huawei-auth.md §2.5, and an independent signer for the tests: it
/// builds the canonical text by hand and hashes with swift-crypto, sharing no code with the module.
enum Vectors {
    static let ak = "TESTAK0123456789ABCD"
    static let sk = "testsk0123456789abcdefghijklmnopqrstuvwx"
    static let host = "127.0.0.1:18080"
    static let sdkAgent = "huaweicloud-usdk-python/3.0; " + iamAgent
    static let iamAgent =
        "os/Linux##1_SMP_PREEMPT_DYNAMIC_@0#x86_64 python/3.11.7 impl/CPython; app/bdaea00f-22b6-45e2-9aa5-5e2a6d08107e"

    /// huawei-coc.md §9: the change body (604 bytes) and the issue body (406 bytes).
    static let changeBody =
        #"{"title": "mock change", "change_notes": "notes", "change_type": "change_type_conventional", "level": "change_level_040", "change_scheme": "change_scheme_guides", "change_guides": "guide-doc-id", "change_scene_id": "GOCMLL06", "current_cloud_service_id": "app-123", "location_id": "cn-north-4", "is_start_process": true, "sub_tickets": [{"app_name": "ECS", "region": "cn-north-4", "target_type": "change_scope"}, {"target_type": "child_ticket", "target_value": "cn-north-4", "expected_start_time": 1750737600000, "expected_end_time": 1750741200000, "executors": "user-id-1", "cooperators": "user-id-2"}]}"#
    static let issueBody =
        #"{"title": "mock issue", "description": "desc", "enterprise_project": "0", "level": "issues_level_4000", "ticket_type": "issues_type_1000", "regions": "cn-north-4", "source": "issues_mgmt_associated_type_1000", "source_id": "IM202506240000000001", "fount_time": 1750737600000, "virtual_schedule_type": "issues_mgmt_virtual_schedule_type_2000", "issue_contact_person": "user-id-1", "is_start_process": false}"#

    struct Vector {
        var method: String
        var uri: String
        var headers: Headers
        var body: String
        var canonical: String
        var date: String
        var hashLine: String?
        var signature: String
        var signedHeaders: String
        var request: Request {
            var all = headers
            all.add(
                "Authorization", "SDK-HMAC-SHA256 Access=\(Vectors.ak), SignedHeaders=\(signedHeaders), Signature=\(signature)")
            return Request(method: method, uri: uri, headers: all, body: Array(body.utf8))
        }
    }

    static let v1 = Vector(
        method: "POST", uri: "/v1/change/tickets",
        headers: [
            "User-Agent": sdkAgent, "Content-Type": "application/json;charset=utf-8",
            "X-Sdk-Date": "20261123T115138Z", "Host": host,
        ],
        body: changeBody,
        canonical: """
            POST
            /v1/change/tickets/

            content-type:application/json;charset=utf-8
            host:127.0.0.1:18080
            user-agent:\(sdkAgent)
            x-sdk-date:20261123T115138Z

            content-type;host;user-agent;x-sdk-date
            177cd0ccc8a8710060760601d47c58d14fa7ddcc1dc6e22ae6c0142c6faac47c
            """,
        date: "20261123T115138Z", hashLine: "7ac78e3749e31945dc6d6719fd6d4503a01cd41202a4a42527259364a95655f5",
        signature: "dd89fa49286067de19629d41ef7c4839f6aa10886eb616f9784c73d79020b4b6",
        signedHeaders: "content-type;host;user-agent;x-sdk-date")

    static let v2 = Vector(
        method: "GET", uri: "/v2/servicerequest/cases?limit=10&offset=0&search_key=a%20b&search_key=c&status=1",
        headers: [
            "User-Agent": sdkAgent, "Content-Type": "application/json", "X-Domain-Id": "domain0123",
            "X-Sdk-Date": "20261123T115138Z", "Host": host,
        ],
        body: "",
        canonical: """
            GET
            /v2/servicerequest/cases/
            limit=10&offset=0&search_key=a%20b&search_key=c&status=1
            content-type:application/json
            host:127.0.0.1:18080
            user-agent:\(sdkAgent)
            x-domain-id:domain0123
            x-sdk-date:20261123T115138Z

            content-type;host;user-agent;x-domain-id;x-sdk-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """,
        date: "20261123T115138Z", hashLine: "74f2ec94ec405b8fec413f244e8c63926d10bb8dd932c561e8a88ed4f2d8e79d",
        signature: "771c75f7a04e3baec252c3c99074277b3d65e5aea8f83ed936f0e8e48ccc6abf",
        signedHeaders: "content-type;host;user-agent;x-domain-id;x-sdk-date")

    static let v3 = Vector(
        method: "GET", uri: "/v3/auth/domains",
        headers: ["User-Agent": iamAgent, "X-Sdk-Date": "20261123T115208Z", "Host": host],
        body: "",
        canonical: """
            GET
            /v3/auth/domains/

            host:127.0.0.1:18080
            user-agent:\(iamAgent)
            x-sdk-date:20261123T115208Z

            host;user-agent;x-sdk-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """,
        date: "20261123T115208Z", hashLine: "ad97e0fd2ba83823e482037a4620c731f5b12c061e2c35a7a2c6a138be94b942",
        signature: "cd778e497adb013bac7db12f6bea30a63098a14edd25615fb39f59d7f913ff6a",
        signedHeaders: "host;user-agent;x-sdk-date")

    static let v4 = Vector(
        method: "POST", uri: "/v2/servicerequest/accessorys",
        headers: [
            "User-Agent": sdkAgent, "Content-Type": "multipart/form-data; boundary=67fa5517b8e64b6d8d4b487548ae6bbb",
            "X-Domain-Id": "dom1", "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD", "X-Sdk-Date": "20261123T115217Z",
            "X-Security-Token": "temp-token-xyz", "Host": host,
        ],
        body:
            "--67fa5517b8e64b6d8d4b487548ae6bbb\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello\r\n--67fa5517b8e64b6d8d4b487548ae6bbb--\r\n",
        canonical: """
            POST
            /v2/servicerequest/accessorys/

            content-type:multipart/form-data; boundary=67fa5517b8e64b6d8d4b487548ae6bbb
            host:127.0.0.1:18080
            user-agent:\(sdkAgent)
            x-domain-id:dom1
            x-sdk-content-sha256:UNSIGNED-PAYLOAD
            x-sdk-date:20261123T115217Z
            x-security-token:temp-token-xyz

            content-type;host;user-agent;x-domain-id;x-sdk-content-sha256;x-sdk-date;x-security-token
            UNSIGNED-PAYLOAD
            """,
        date: "20261123T115217Z", hashLine: "26abfbe3f8ce92a10ec486ed5a8e4538d32968479dc2b0fc8831e203a4dcd38b",
        signature: "f5155305086d03a8dd12d8af1674cfca2658614f0abcf1ccad517f2407b86343",
        signedHeaders: "content-type;host;user-agent;x-domain-id;x-sdk-content-sha256;x-sdk-date;x-security-token")

    /// huawei-auth.md §2.5 table: the COC issue create (same headers as vector 1, issue body).
    static let issue = Vector(
        method: "POST", uri: "/v1/issues_mgmt/tickets", headers: v1.headers, body: issueBody,
        canonical: v1.canonical.replacingFirst("/v1/change/tickets/", "/v1/issues_mgmt/tickets/")
            .replacingFirst(
                "177cd0ccc8a8710060760601d47c58d14fa7ddcc1dc6e22ae6c0142c6faac47c",
                "969b86d72dff2bc4761c96e4af7601f05d4ea57febe81fe938ec4a4f7beca8de"),
        date: "20261123T115138Z", hashLine: nil,
        signature: "76e1338cbd9ddf123f5d30917c490d0414576f05fc9d574cc88a40dd763d2c77",
        signedHeaders: v1.signedHeaders)

    static let all = [v1, v2, v3, v4, issue]

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    static func sha256(_ text: String) -> String { hex(SHA256.hash(data: Array(text.utf8))) }

    static func hmac(_ text: String, key: String) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: SymmetricKey(data: Array(key.utf8))))
    }

    /// Signs a request with no query the way §2.1 says: signs `host`, `x-sdk-date` and any of
    /// `content-type`, `x-domain-id`, `x-project-id` that are present.
    static func sign(_ request: Request, ak: String = ak, sk: String = sk) -> Request {
        var signed = request
        let names = ["content-type", "host", "x-domain-id", "x-project-id", "x-sdk-date"]
            .filter { request.headers[$0] != nil }
        let path = request.uri.hasSuffix("/") ? request.uri : request.uri + "/"
        let bodyHash = request.body.isEmpty ? sha256("") : hex(SHA256.hash(data: request.body))
        let canonical =
            ([request.method, path, ""] + names.map { "\($0):\(request.headers[$0]!)" }
            + ["", names.joined(separator: ";"), bodyHash]).joined(separator: "\n")
        let date = request.headers["X-Sdk-Date"] ?? ""
        let signature = hmac("SDK-HMAC-SHA256\n\(date)\n\(sha256(canonical))", key: sk)
        signed.headers.set(
            "Authorization", "SDK-HMAC-SHA256 Access=\(ak), SignedHeaders=\(names.joined(separator: ";")), Signature=\(signature)"
        )
        return signed
    }
}

extension String {
    func replacingFirst(_ target: String, _ replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }
}
