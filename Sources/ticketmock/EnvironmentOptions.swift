import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

/// Every `serve` flag can also come from `TICKETMOCK_<FLAG>` (as container users expect); a flag
/// on the command line wins.
enum EnvironmentOptions {
    static func raw(_ flag: String) -> String? {
        let name = "TICKETMOCK_" + flag.uppercased().replacing("-", with: "_")
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    static func string(_ flag: String, _ given: String?, default fallback: String) -> String {
        given ?? raw(flag) ?? fallback
    }

    static func optionalString(_ flag: String, _ given: String?) -> String? { given ?? raw(flag) }

    static func value<T: ExpressibleByArgument>(_ flag: String, _ given: T?, default fallback: T) throws -> T {
        if let given { return given }
        guard let text = raw(flag) else { return fallback }
        guard let parsed = T(argument: text) else {
            throw ValidationError(
                "TICKETMOCK_\(flag.uppercased().replacing("-", with: "_"))=\(text) is not a valid value for --\(flag)")
        }
        return parsed
    }

    static func flag(_ flag: String, _ given: Bool) throws -> Bool {
        if given { return true }
        guard let text = raw(flag)?.lowercased() else { return false }
        switch text {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ValidationError("TICKETMOCK_\(flag.uppercased().replacing("-", with: "_"))=\(text) is not a boolean")
        }
    }

    /// Repeatable flags read a comma-separated list from the environment.
    static func list(_ flag: String, _ given: [String]) -> [String] {
        if !given.isEmpty { return given }
        return raw(flag)?.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty } ?? []
    }
}

import MockCore

extension AuthMode: ExpressibleByArgument {}
