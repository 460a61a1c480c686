import Testing
@testable import MockCore

@Suite struct TimeTests {
    @Test func civilTimeAtAnOffset() {
        // 2024-02-29T16:30:05.123Z is 2024-03-01 00:30:05 in Asia/Shanghai (+08:00).
        let time = Timestamp(milliseconds: 1_709_224_205_123)
        #expect(time.civil().dateTimeText == "2024-02-29 16:30:05")
        let shanghai = time.civil(utcOffsetSeconds: 8 * 3600)
        #expect(shanghai.dateTimeText == "2024-03-01 00:30:05")
        #expect(shanghai.compactDate == "20240301")
        #expect(shanghai.iso8601(fractionDigits: 3) == "2024-03-01T00:30:05.123+08:00")
        #expect(time.civil().iso8601() == "2024-02-29T16:30:05Z")
    }

    @Test func beforeTheEpoch() {
        #expect(Timestamp(milliseconds: -1).civil().dateTimeText == "1969-12-31 23:59:59")
    }

    @Test(arguments: [
        ("2026-01-05T09:00:00+08:00", Int64(1_767_574_800_000)),
        ("2026-01-05T01:00:00Z", 1_767_574_800_000),
        ("2026-01-05 01:00:00", 1_767_574_800_000),
        ("2026-01-05T01:00:00.250Z", 1_767_574_800_250),
        ("2026-01-04T20:00:00-0500", 1_767_574_800_000),
    ])
    func parsesISO8601(_ text: String, _ expected: Int64) {
        #expect(Timestamp(iso8601: text)?.milliseconds == expected)
    }

    @Test(arguments: ["", "2026-13-01T00:00:00Z", "2026-01-05", "2026-01-05T09:00:00+8", "yesterday"])
    func refusesOtherText(_ text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test(arguments: [
        ("250ms", Int64(250)), ("2s", 2000), ("1.5m", 90_000), ("2h", 7_200_000), ("1h30m", 5_400_000), ("3", 3000),
    ])
    func parsesDurations(_ text: String, _ milliseconds: Int64) {
        #expect(DurationText.parse(text)?.milliseconds == milliseconds)
    }

    @Test func refusesBadDurations() {
        #expect(DurationText.parse("2 weeks") == nil)
        #expect(DurationText.parse("") == nil)
        #expect(DurationText.parse("h") == nil)
    }
}

@Suite struct MockClockTests {
    final class FakeWall: Sendable {
        let now = Synchronized(Timestamp(seconds: 1_000))
    }

    @Test func freezesAdvancesAndReturnsToRealTime() {
        let wall = FakeWall()
        let clock = MockClock(realNow: { wall.now.value })
        #expect(clock.now() == Timestamp(seconds: 1_000))
        clock.freeze()
        wall.now.value = Timestamp(seconds: 1_010)
        #expect(clock.now() == Timestamp(seconds: 1_000))
        clock.advance(by: .seconds(7200))
        #expect(clock.now() == Timestamp(seconds: 8_200))
        clock.run(from: Timestamp(seconds: 50_000))
        wall.now.value = Timestamp(seconds: 1_015)
        #expect(clock.now() == Timestamp(seconds: 50_005))
        clock.useRealTime()
        #expect(clock.now() == Timestamp(seconds: 1_015))
    }

    @Test func notifiesObserversOnEveryChange() {
        let clock = MockClock()
        let count = Synchronized(0)
        clock.onChange { count.value += 1 }
        clock.freeze()
        clock.advance(by: .seconds(1))
        clock.useRealTime()
        #expect(count.value == 3)
    }
}

@Suite struct TrimmingTests {
    @Test func isSpaceIsTheWhiteSpacePropertyForEveryScalar() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.isSpace != scalar.properties.isWhitespace { Issue.record("U+\(String(value, radix: 16))") }
        }
    }

    @Test func trimsUnicodeSpacesAndKeepsTheRest() {
        #expect(" a b ".trimmingSpaces() == "a b")
        #expect("\u{3000}标题\t".trimmingSpaces() == "标题")
        #expect("标题".trimmingSpaces() == "标题")
        #expect("x".trimmingSpaces() == "x")
        #expect(" \n ".trimmingSpaces() == "")
        #expect("".trimmingSpaces() == "")
    }
}

@Suite struct TimeTextTests {
    @Test func padsEveryFieldAndKeepsFarYears() {
        let early = Timestamp(milliseconds: -62_135_596_800_000 + 3_723_004).civil(utcOffsetSeconds: -19_800)
        #expect(early.iso8601(fractionDigits: 3) == "0000-12-31T19:32:03.004-05:30")
        #expect(early.compactDateTime == "00001231193203")
        #expect(Timestamp(milliseconds: -100_000_000_000_000).civil().iso8601() == "-1199-02-15T14:13:20Z")
        #expect(Timestamp(milliseconds: 253_402_300_799_999).civil().dateTimeText == "9999-12-31 23:59:59")
    }
}
