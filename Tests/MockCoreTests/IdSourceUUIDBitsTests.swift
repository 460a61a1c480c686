import Testing

@testable import MockCore

@Suite struct IdSourceUUIDBitsTests {
    /// The bits spell exactly the uuid the same draws give as text, and leave the stream where
    /// `uuid` would.
    @Test func bitsSpellTheTextUUID() {
        let text = IdSource(seed: 42), bits = IdSource(seed: 42)
        for _ in 0..<500 {
            let expected = text.uuid("ns")
            let (high, low) = bits.uuidBits("ns")
            let hex = String(high, radix: 16).leftPadded(16) + String(low, radix: 16).leftPadded(16)
            var spelled = ""
            for (index, digit) in hex.enumerated() {
                if [8, 12, 16, 20].contains(index) { spelled += "-" }
                spelled.append(digit)
            }
            #expect(spelled == expected)
        }
        #expect(text.next("ns") == bits.next("ns"))
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
