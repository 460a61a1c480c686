#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A point in time, in milliseconds since the Unix epoch.
public struct Timestamp: Sendable, Hashable, Comparable {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }
    public init(seconds: Int64) { self.milliseconds = seconds * 1000 }

    public var seconds: Int64 { milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000 }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.milliseconds < b.milliseconds }

    public static func + (t: Timestamp, d: Duration) -> Timestamp {
        Timestamp(milliseconds: t.milliseconds + d.milliseconds)
    }

    public static func - (a: Timestamp, b: Timestamp) -> Duration { .milliseconds(a.milliseconds - b.milliseconds) }

    /// The system's wall clock.
    public static func systemNow() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(milliseconds: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }

    /// The calendar fields of this instant at a fixed UTC offset.
    public func civil(utcOffsetSeconds offset: Int = 0) -> CivilTime {
        CivilTime(timestamp: self, utcOffsetSeconds: offset)
    }
}

extension Duration {
    public var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

/// Year, month, day, hour, minute, second and millisecond at a fixed UTC offset (proleptic Gregorian).
public struct CivilTime: Sendable, Equatable {
    public var year: Int, month: Int, day: Int
    public var hour: Int, minute: Int, second: Int, millisecond: Int
    public var utcOffsetSeconds: Int

    public init(timestamp: Timestamp, utcOffsetSeconds offset: Int) {
        let local = timestamp.milliseconds + Int64(offset) * 1000
        let millisPerDay: Int64 = 86_400_000
        var days = local / millisPerDay
        var rest = local % millisPerDay
        if rest < 0 { rest += millisPerDay; days -= 1 }
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = Int(yoe + era * 400 + (m <= 2 ? 1 : 0))
        month = Int(m)
        day = Int(d)
        hour = Int(rest / 3_600_000)
        minute = Int(rest / 60_000 % 60)
        second = Int(rest / 1000 % 60)
        millisecond = Int(rest % 1000)
        utcOffsetSeconds = offset
    }

    /// Days since 1970-01-01 for a calendar date (Hinnant's days_from_civil).
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `2024-01-01 12:00:00`
    public var dateTimeText: String {
        format { text in
            text.date(separator: "-")
            text.time(after: " ")
        }
    }

    /// `20240101`
    public var compactDate: String { format { $0.date(separator: "") } }

    /// `20240101120000`
    public var compactDateTime: String {
        format { text in
            text.date(separator: "")
            text.time(after: "", colon: "")
        }
    }

    /// `2024-01-01T12:00:00+08:00` (or `Z` at UTC); `fractionDigits` 3 adds milliseconds.
    public func iso8601(fractionDigits: Int = 0) -> String {
        format { text in
            text.date(separator: "-")
            text.time(after: "T")
            if fractionDigits == 3 {
                text.literal(".")
                text.number(millisecond, width: 3)
            }
            if utcOffsetSeconds == 0 { return text.literal("Z") }
            let minutes = abs(utcOffsetSeconds) / 60
            text.literal(utcOffsetSeconds < 0 ? "-" : "+")
            text.number(minutes / 60, width: 2)
            text.literal(":")
            text.number(minutes % 60, width: 2)
        }
    }

    /// Builds the text as bytes: timestamps are formatted for every ticket shown.
    private func format(_ build: (inout CivilText) -> Void) -> String {
        var text = CivilText(time: self)
        build(&text)
        return String(decoding: text.bytes, as: UTF8.self)
    }
}

/// The text of a `CivilTime`, written field by field with zero padding.
private struct CivilText {
    let time: CivilTime
    var bytes: [UInt8] = []

    init(time: CivilTime) {
        self.time = time
        bytes.reserveCapacity(32)
    }

    mutating func date(separator: StaticString) {
        number(time.year, width: 4)
        literal(separator)
        number(time.month, width: 2)
        literal(separator)
        number(time.day, width: 2)
    }

    mutating func time(after separator: StaticString, colon: StaticString = ":") {
        literal(separator)
        number(time.hour, width: 2)
        literal(colon)
        number(time.minute, width: 2)
        literal(colon)
        number(time.second, width: 2)
    }

    mutating func literal(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `String(value)` with zeros on the left up to `width` (a negative value's sign comes after them).
    mutating func number(_ value: Int, width: Int) {
        guard value >= 0 else {
            let text = Array(String(value).utf8)
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, width - text.count)))
            return bytes.append(contentsOf: text)
        }
        var divisor = 1
        var count = 1
        while value / divisor >= 10 {
            divisor *= 10
            count += 1
        }
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, width - count)))
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}

extension Timestamp {
    /// Parses ISO 8601 (`2026-01-05T09:00:00+08:00`, `…Z`, optional fraction) and `2026-01-05 09:00:00`
    /// (taken as UTC). Returns nil for anything else.
    public init?(iso8601 text: String) {
        let chars = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count else { return nil }
            var value = 0
            for c in chars[range] {
                guard (48...57).contains(c) else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard chars.count >= 19, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
            chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: " "),
            chars[13] == UInt8(ascii: ":"), chars[16] == UInt8(ascii: ":"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var millis = 0
        if index < chars.count, chars[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < chars.count, (48...57).contains(chars[index]) {
                if digits < 3 { millis = millis * 10 + Int(chars[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<3 where digits < 3 { millis *= 10 }
        }
        var offset = 0
        if index < chars.count {
            if chars[index] == UInt8(ascii: "Z"), index + 1 == chars.count {
                offset = 0
            } else if chars[index] == UInt8(ascii: "+") || chars[index] == UInt8(ascii: "-"),
                let h = number(index + 1..<index + 3)
            {
                var m = 0
                if index + 6 == chars.count, chars[index + 3] == UInt8(ascii: ":"), let mm = number(index + 4..<index + 6) {
                    m = mm
                } else if index + 5 == chars.count, let mm = number(index + 3..<index + 5) {
                    m = mm
                } else if index + 3 != chars.count {
                    return nil
                }
                offset = (h * 3600 + m * 60) * (chars[index] == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return nil
            }
        }
        let days = CivilTime.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        self.init(milliseconds: seconds * 1000 + Int64(millis))
    }
}
