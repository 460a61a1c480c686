import Synchronization

/// One AK/SK pair and the account (domain) it belongs to (seed key `huawei.accounts`).
struct Account: Sendable, Equatable {
    var domainId: String
    var domainName: String
    var accessKey: String
    var secretKey: String
}

/// A token the gateway knows: seeded (`huawei.tokens`) or issued by `POST /v3/auth/tokens`.
struct KnownToken: Sendable, Equatable {
    var token: String
    var domainId: String
    /// Milliseconds since the epoch; nil never expires.
    var expiresAt: Int64?
}

/// How `X-Auth-Token` is judged (huawei-auth.md §3): any non-empty token, or only known ones.
enum TokenMode: String, Sendable { case any, whitelist }

/// Everything the gateway and the IAM stubs know about credentials.
struct Credentials: Sendable {
    var accounts: [Account]
    var tokens: [KnownToken]
    var tokenMode: TokenMode
    var prefix: String

    /// huawei-auth.md §8: the §2.5 test credentials in domain `mockdomainid0001`.
    static let builtIn = Credentials(
        accounts: [
            Account(
                domainId: "mockdomainid0001", domainName: "mockdomain", accessKey: "TESTAK0123456789ABCD",
                secretKey: "testsk0123456789abcdefghijklmnopqrstuvwx")
        ],
        tokens: [], tokenMode: .any, prefix: GatewayDefaults.prefix)

    var defaultAccount: Account { accounts[0] }

    func account(accessKey: String) -> Account? { accounts.last { $0.accessKey == accessKey } }
    func account(domainId: String) -> Account? { accounts.last { $0.domainId == domainId } }
}

/// One project per region (huawei-auth.md §8), with fixed 32-hex ids.
enum Regions {
    static let projects: [(region: String, id: String)] = [
        ("cn-north-4", "0a1b2c3d4e5f60718293a4b5c6d7e8f9"),
        ("cn-south-1", "1b2c3d4e5f60718293a4b5c6d7e8f90a"),
        ("ap-southeast-3", "2c3d4e5f60718293a4b5c6d7e8f90a1b"),
    ]
}

/// The credentials in force plus the tokens issued since the last reset. Shared by the gateway
/// (every COC/OSM request) and the IAM stubs.
final class CredentialStore: Sendable {
    private struct State {
        var credentials = Credentials.builtIn
        var issued: [String: KnownToken] = [:]
    }
    private let state = Mutex(State())

    var credentials: Credentials { state.withLock { $0.credentials } }

    func replace(_ credentials: Credentials) { state.withLock { $0.credentials = credentials } }

    /// Looked up under the lock, without copying every account and token out (each signed request).
    func account(accessKey: String) -> Account? { state.withLock { $0.credentials.account(accessKey: accessKey) } }

    /// The AK's account, else the default one (`--auth open`, huawei-auth.md §4).
    func domainId(accessKey: String) -> String {
        state.withLock { s in (s.credentials.account(accessKey: accessKey) ?? s.credentials.defaultAccount).domainId }
    }

    func issue(_ token: KnownToken) { state.withLock { $0.issued[token.token] = token } }

    func clearIssued() { state.withLock { $0.issued = [:] } }

    func token(_ value: String) -> KnownToken? {
        state.withLock { s in s.issued[value] ?? s.credentials.tokens.last { $0.token == value } }
    }
}
