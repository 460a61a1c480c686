import Testing
@testable import MockCore

@Suite struct JSONTests {
    @Test func parsesEveryKindAndKeepsKeyOrder() throws {
        let value = try JSONParser.parse(#"{"z":1,"a":[true,false,null],"m":-2.5e1,"s":"x\"y\u00e9\ud83d\ude00"}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m", "s"])
        #expect(value["z"] == .int(1))
        #expect(value["a"] == [true, false, nil])
        #expect(value["m"] == .double(-25))
        #expect(value["s"] == .string("x\"yé😀"))
    }

    /// Members are found by key (a repeated key was parsed into its last value); a key of another
    /// length never matches, even a canonically equivalent spelling (U+212A KELVIN SIGN for "K").
    @Test func looksUpMembersByKey() throws {
        var object = try #require(try JSONParser.parse(Array(#"{"K":1,"Kx":2,"\u212Ax":3,"K":4,"é":5}"#.utf8)).objectValue)
        #expect(object["K"] == 4)
        #expect(object["Kx"] == 2)
        #expect(object["\u{212A}x"] == 3)
        #expect(object["é"] == 5)
        #expect(object["k"] == nil && object[""] == nil)
        object["Kx"] = 20
        object["new"] = "n"
        object["K"] = nil
        #expect(object.keys == ["Kx", "\u{212A}x", "é", "new"])
        #expect(object["Kx"] == 20 && object["K"] == nil && object["\u{212A}x"] == 3)
    }

    @Test func integersAndDecimalsStayDistinct() throws {
        #expect(try JSONParser.parse("17") == .int(17))
        #expect(try JSONParser.parse("17.0") == .double(17))
        #expect(try JSONParser.parse("-0") == .int(0))
        #expect(try JSONParser.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\":}", "{'a':1}", "01", "1.", "\"\\x\"", "tru", "[1] x", "\"a\u{1}\"", "\"\\ud800\""])
    func rejectsBrokenJSON(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func rejectsNestingDeeperThanTheLimit() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }

    @Test func writesCompactUTF8InOrder() {
        let value: JSON = ["b": 1, "a": "é\n\"", "c": [1.5, nil, false], "d": 2.0]
        #expect(value.jsonString == #"{"b":1,"a":"é\n\"","c":[1.5,null,false],"d":2.0}"#)
    }

    @Test func escapesNonASCIIWhenAsked() {
        let bytes = JSONWriter.bytes(.string("审批😀"), escapeNonASCII: true)
        #expect(String(decoding: bytes, as: UTF8.self) == #""\u5ba1\u6279\ud83d\ude00""#)
    }

    @Test func roundTripsThroughTheWriter() throws {
        let text = #"{"k":[{"x":null,"y":"\u0001"}],"n":-3}"#
        #expect(try JSONParser.parse(JSONParser.parse(text).jsonBytes) == JSONParser.parse(text))
    }

    @Test func roundTripsMixedScriptsAndEscapes() throws {
        let value: JSON = [
            "d": "ECS实例 i-0a1b2c3d 在 2026-11-23 09:40 重启后无法启动，控制台显示“正在启动”超过30分钟。",
            "e": "tab\there \"quoted\" back\\slash \u{1}", "m": ["instance_id": "i-0a1b2c3d"], "a": [],
        ]
        #expect(try JSONParser.parse(value.jsonBytes) == value)
    }

    @Test func repeatedKeysKeepTheLastValue() throws {
        #expect(try JSONParser.parse(#"{"a":1,"a":2}"#) == ["a": 2])
        // Keys repeat per object, not across nesting; escaped and plain spellings are one key.
        let nested = try JSONParser.parse(#"{"k":1,"o":{"k":2,"k":3,"o":{"k":4}},"\u006b":5,"z":6}"#)
        #expect(nested == ["k": 5, "o": ["k": 3, "o": ["k": 4]], "z": 6])
        #expect(nested.objectValue?.keys == ["k", "o", "z"])
    }

    @Test func objectSubscriptSetsAndRemoves() {
        var object: JSONObject = ["a": 1]
        object["b"] = "x"
        object["a"] = nil
        #expect(object.keys == ["b"])
    }
}
