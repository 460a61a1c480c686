/// Durations as scenario files and the clock API write them: `250ms`, `2s`, `1.5m`, `2h`, `1d`,
/// or combined (`1h30m`).
public enum DurationText {
    public static func parse(_ text: String) -> Duration? {
        var total: Double = 0
        var rest = Substring(text.trimmingSpaces())
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let numberPart = rest.prefix { $0.isNumber || $0 == "." }
            guard !numberPart.isEmpty, let value = Double(numberPart) else { return nil }
            rest = rest.dropFirst(numberPart.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            let scale: Double
            switch unit {
            case "ms": scale = 0.001
            case "s", "": scale = 1
            case "m": scale = 60
            case "h": scale = 3600
            case "d": scale = 86_400
            default: return nil
            }
            total += value * scale
        }
        return .milliseconds(Int64((total * 1000).rounded()))
    }

    public static func format(_ duration: Duration) -> String {
        let ms = duration.milliseconds
        if ms % 1000 != 0 { return "\(ms)ms" }
        return "\(ms / 1000)s"
    }
}

extension String {
    public func trimmingSpaces() -> String {
        // Most values (header values, namespaces) have nothing to trim.
        if let first = utf8.first, let last = utf8.last, Self.isPlainASCII(first), Self.isPlainASCII(last) { return self }
        let scalars = unicodeScalars
        if let first = scalars.first, let last = scalars.last, !first.isSpace, !last.isSpace {
            return self
        }
        guard let first = scalars.firstIndex(where: { !$0.isSpace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isSpace })!
        return String(scalars[first...last])
    }

    /// A printable ASCII byte other than a space: never trimmed.
    private static func isPlainASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
}

extension Unicode.Scalar {
    /// Unicode's White_Space property. None of its code points is above U+3000, so most text
    /// outside ASCII (CJK above all) is settled without looking the property up.
    public var isSpace: Bool { value <= 0x3000 && properties.isWhitespace }
}
