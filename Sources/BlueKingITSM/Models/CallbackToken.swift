import Crypto
import FoundationEssentials
import _CryptoExtras

/// The callback token (bk-itsm.md §12.3): `base64(IV + AES-256-CBC(APP_CODE + "_" + SECRET_KEY))`
/// with the key `sha256(APP_CODE + "_" + CALLBACK_AES_KEY)` and PKCS#7 padding.
struct CallbackToken: Sendable {
    var appCode: String = Identity.itsmAppCode
    var secret: String = Identity.itsmSecret

    var plaintext: String { appCode + "_" + secret }

    var key: SymmetricKey {
        SymmetricKey(data: Array(SHA256.hash(data: Array((appCode + "_" + Identity.callbackAESKey).utf8))))
    }

    /// A token for this IV (16 bytes; random per callback in the emulator, fixed in tests).
    func make(iv: [UInt8]) -> String {
        guard let vector = try? AES._CBC.IV(ivBytes: iv),
            let sealed = try? AES._CBC.encrypt(Array(plaintext.utf8), using: key, iv: vector)
        else { return "" }
        return Data(iv + Array(sealed)).base64EncodedString()
    }

    /// `AESVerification.verify`: bad base64, a wrong length or bad UTF-8 give false, never an error.
    func verify(_ token: String) -> Bool {
        guard let blob = Self.pythonB64Decode(token), blob.count >= 32, blob.count % 16 == 0,
            let vector = try? AES._CBC.IV(ivBytes: blob[0..<16]),
            let opened = try? AES._CBC.decrypt(blob[16...], using: key, iv: vector, noPadding: true)
        else { return false }
        // Unpadding takes the last byte as the pad length without checking it.
        let bytes = Array(opened)
        let pad = Int(bytes.last ?? 0)
        guard pad <= bytes.count else { return false }
        let text = bytes.dropLast(pad)
        guard let message = String(validating: text, as: UTF8.self) else { return false }
        return message == plaintext
    }

    /// `base64.b64decode` without validation: characters outside the alphabet are dropped, the
    /// padding must be right.
    static func pythonB64Decode(_ text: String) -> [UInt8]? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var table = [Int](repeating: -1, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = index }
        var kept: [UInt8] = []
        for byte in text.utf8 where table[Int(byte)] >= 0 || byte == UInt8(ascii: "=") { kept.append(byte) }
        guard kept.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < kept.count {
            let quad = kept[index..<index + 4]
            let pads = quad.filter { $0 == UInt8(ascii: "=") }.count
            guard pads <= 2, quad.prefix(4 - pads).allSatisfy({ table[Int($0)] >= 0 }),
                pads == 0 || index + 4 == kept.count
            else { return nil }
            var value = 0
            for byte in quad { value = value << 6 | max(0, table[Int(byte)]) }
            let bytes = [UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
            out += bytes.prefix(3 - pads)
            index += 4
        }
        return out
    }
}
