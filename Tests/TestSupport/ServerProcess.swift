import MockCore

#if canImport(Glibc)
    import Glibc
#endif

/// The real `ticketmock` executable, started on an ephemeral port for HTTP-level tests.
public final class ServerProcess: @unchecked Sendable {
    public let pid: pid_t
    public let port: Int
    public let logPath: String
    private var exited: Int32?

    public enum Failure: Error, CustomStringConvertible {
        case binaryNotFound(String)
        case spawn(Int32)
        case notReady(String)
        public var description: String {
            switch self {
            case .binaryNotFound(let path): "ticketmock binary not found at \(path); run `swift build` first"
            case .spawn(let code): "posix_spawn failed: \(code)"
            case .notReady(let log): "server did not report its port; log:\n\(log)"
            }
        }
    }

    /// The built executable beside the test bundle, or `$TICKETMOCK_BINARY`.
    public static var binaryPath: String {
        if let override = getenv("TICKETMOCK_BINARY") { return String(cString: override) }
        let runner = CommandLine.arguments[0]
        let directory = runner.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        var candidate = directory + "/ticketmock"
        // Inside an .xctest bundle directory on some platforms: walk up until the binary is found.
        var parts = directory.split(separator: "/", omittingEmptySubsequences: false)
        while access(candidate, X_OK) != 0, parts.count > 1 {
            parts.removeLast()
            candidate = parts.joined(separator: "/") + "/ticketmock"
        }
        return candidate
    }

    /// Starts `ticketmock serve --port 0 <arguments>` and waits until it prints its URL.
    public static func start(_ arguments: [String] = [], environment: [String: String] = [:]) throws -> ServerProcess {
        let binary = binaryPath
        guard access(binary, X_OK) == 0 else { throw Failure.binaryNotFound(binary) }
        var template = Array("/tmp/ticketmock-test-XXXXXX".utf8CString)
        let logFD = mkstemp(&template)
        let logPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, logFD, 1)
        posix_spawn_file_actions_adddup2(&actions, logFD, 2)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let argv = [binary, "serve", "--host", "127.0.0.1", "--port", "0"] + arguments
        var env = ProcessEnvironment.current.filter { !$0.key.hasPrefix("TICKETMOCK_") || $0.key == "TICKETMOCK_BINARY" }
        for (key, value) in environment { env[key] = value }
        let envStrings = env.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let status = withCStrings(argv) { cArgv in
            withCStrings(envStrings) { cEnv in posix_spawn(&pid, binary, &actions, nil, cArgv, cEnv) }
        }
        close(logFD)
        guard status == 0 else { throw Failure.spawn(status) }
        for _ in 0..<400 {
            let log = readFile(logPath)
            if let port = parsePort(log) { return ServerProcess(pid: pid, port: port, logPath: logPath) }
            var statusCode: Int32 = 0
            if waitpid(pid, &statusCode, WNOHANG) == pid { throw Failure.notReady(log) }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        throw Failure.notReady(readFile(logPath))
    }

    private init(pid: pid_t, port: Int, logPath: String) {
        self.pid = pid
        self.port = port
        self.logPath = logPath
    }

    deinit {
        if exited == nil { kill(pid, SIGKILL); var s: Int32 = 0; waitpid(pid, &s, 0) }
        unlink(logPath)
    }

    public var client: TestClient { .live(port: port) }
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public var log: String { Self.readFile(logPath) }

    /// Sends `signal` and waits (up to `timeout`); returns the exit code, or nil if it did not exit.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, timeout: Duration = .seconds(5)) -> Int32? {
        if let exited { return exited }
        kill(pid, signal)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
                exited = code
                return code
            }
            usleep(5_000)
        }
        return nil
    }

    static func parsePort(_ log: String) -> Int? {
        guard let range = log.firstRange(of: "listening on http://") else { return nil }
        let rest = log[range.upperBound...]
        let authority = rest.prefix { !$0.isWhitespace }
        guard let colon = authority.lastIndex(of: ":") else { return nil }
        return Int(authority[authority.index(after: colon)...])
    }

    static func readFile(_ path: String) -> String {
        guard let file = fopen(path, "r") else { return "" }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

enum ProcessEnvironment {
    static var current: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}

func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

extension ServerProcess {
    /// Runs the ticketmock binary to completion (e.g. `healthcheck`, `check`) and returns its exit
    /// code and combined output.
    public static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(20))
        throws -> (code: Int32, output: String)
    {
        let binary = binaryPath
        guard access(binary, X_OK) == 0 else { throw Failure.binaryNotFound(binary) }
        var template = Array("/tmp/ticketmock-run-XXXXXX".utf8CString)
        let logFD = mkstemp(&template)
        let logPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { unlink(logPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, logFD, 1)
        posix_spawn_file_actions_adddup2(&actions, logFD, 2)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var env = ProcessEnvironment.current.filter { !$0.key.hasPrefix("TICKETMOCK_") }
        for (key, value) in environment { env[key] = value }
        var pid: pid_t = 0
        let status = withCStrings([binary] + arguments) { argv in
            withCStrings(env.map { "\($0.key)=\($0.value)" }) { envp in posix_spawn(&pid, binary, &actions, nil, argv, envp) }
        }
        close(logFD)
        guard status == 0 else { throw Failure.spawn(status) }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            var code: Int32 = 0
            if waitpid(pid, &code, WNOHANG) == pid {
                let exit = (code & 0x7F) == 0 ? (code >> 8) & 0xFF : 128 + (code & 0x7F)
                return (exit, readFile(logPath))
            }
            usleep(5_000)
        }
        kill(pid, SIGKILL)
        var ignored: Int32 = 0
        waitpid(pid, &ignored, 0)
        return (137, readFile(logPath))
    }
}
