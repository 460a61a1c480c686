import MockCore
import Testing

@testable import Scenarios

/// SourceParser on libyaml's event API: located trees, scalar typing and syntax errors.
@Suite struct SourceTreeTests {
    func parse(_ text: String) throws -> SourceNode {
        guard let node = try SourceParser.parse(text) else { throw SyntaxError(line: 0, message: "no document") }
        return node
    }

    func syntaxError(_ text: String) -> SyntaxError? {
        do {
            _ = try SourceParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func keysAndListItemsHaveTheirLines() throws {
        let root = try parse(
            """
            # a comment
            name: x
            faults:
              - match: {api: a}

              - respond:
                  status: 500
            """)
        #expect(root.line == 2)
        #expect(root.entries?.map(\.key) == ["name", "faults"])
        #expect(root.entries?.map(\.line) == [2, 3])
        let faults = try #require(root.entries?[1].node.items)
        #expect(faults.map(\.line) == [4, 6])
        #expect(root.line(at: ["faults", "1", "respond", "status"]) == 7)
        #expect(root.line(at: ["faults", "[0]", "match"]) == 4)
    }

    @Test func plainScalarsAreTypedQuotedOnesStayStrings() throws {
        let root = try parse(
            """
            a: 1
            b: "1"
            c: -2.5
            d: '2.5'
            e: true
            f: yes
            g: ~
            h:
            i: "null"
            j: 1e3
            k: |
              text
            l: 0x1F
            """)
        #expect(
            root.json
                == [
                    "a": 1, "b": "1", "c": -2.5, "d": "2.5", "e": true, "f": "yes", "g": nil, "h": nil, "i": "null",
                    "j": 1000.0, "k": "text\n", "l": "0x1F",
                ])
    }

    @Test func keysAreTheirTextEvenWhenTheyLookLikeNumbers() throws {
        let root = try parse("1: a\n\"2\": b\ntrue: c\n")
        #expect(root.entries?.map(\.key) == ["1", "2", "true"])
    }

    @Test func aliasesStandForTheirAnchoredNode() throws {
        let root = try parse(
            """
            base: &m {api: a, method: get}
            copy: *m
            list: [&n 3, *n]
            """)
        #expect(root.json == ["base": ["api": "a", "method": "get"], "copy": ["api": "a", "method": "get"], "list": [3, 3]])
        #expect(syntaxError("a: *nowhere\n")?.line == 1)
    }

    @Test func aSyntaxErrorHasItsLine() {
        let error = syntaxError("name: x\nlist:\n  - a\n  b: c\n")
        #expect(error?.line == 4)
        #expect(error?.message.isEmpty == false)
        #expect(syntaxError("a: [1, 2\nb: 3\n") != nil)
    }

    @Test func duplicatedKeysAreAnError() {
        let error = syntaxError("name: a\nother: 1\nname: b\nother: 2\n")
        #expect(error?.line == 3)
        #expect(error?.message == "duplicated keys: name, other")
        #expect(syntaxError("outer:\n  inner: {x: 1, x: 2}\n")?.line == 2)
    }

    @Test func jsonWithTabsParses() throws {
        let text = "{\n\t\"name\": \"t\",\n\t\"list\": [\n\t\t1,\n\t\t\"two\"\n\t]\n}"
        let root = try parse(SourceParser.untabbedJSON(text))
        #expect(root.json == ["name": "t", "list": [1, "two"]])
        #expect(root.entries?.map(\.line) == [2, 3])
        #expect(root.line(at: ["list", "1"]) == 5)
    }

    @Test func flowStyleNestsAndKeepsLines() throws {
        let root = try parse("a: {b: [1, {c: d}], e: 'f'}\ng: [x,\n  y]\n")
        #expect(root.json == ["a": ["b": [1, ["c": "d"]], "e": "f"], "g": ["x", "y"]])
        #expect(root.line(at: ["g", "1"]) == 3)
    }

    @Test func emptyTextHasNoDocumentAndOnlyTheFirstOfSeveralIsRefused() throws {
        #expect(try SourceParser.parse("") == nil)
        #expect(try SourceParser.parse("# only a comment\n\n") == nil)
        #expect(try SourceParser.parse("---\n")?.json == JSON.null)
        #expect(try SourceParser.parse("- 1\n- 2\n")?.json == [1, 2])
        #expect(syntaxError("a: 1\n---\nb: 2\n")?.line == 2)
    }

    @Test func unicodeAndEscapesSurvive() throws {
        let root = try parse("title: \"中文 \\u00e9 \\t\"\nplain: 工单\n")
        #expect(root.json == ["title": "中文 é \t", "plain": "工单"])
    }
}
