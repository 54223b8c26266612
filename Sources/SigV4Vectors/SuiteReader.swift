public import Foundation
import SigV4
import RoleplayCrypto

/// Reads the published suites from a directory laid out as `shared/vectors` (see its README).
public enum SuiteReader {
    /// Why a suite directory cannot be read.
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Every complete case of every set found under `root`. Incomplete upstream stubs (v4a cases with
    /// only `context.json` and `request.txt`) are skipped, as the README says.
    public static func cases(in root: URL) throws -> [SuiteCase] {
        var all: [SuiteCase] = []
        for set in [SuiteCase.Set.v4, .v4a] {
            let dir = root.appending(path: set.rawValue)
            for name in try subdirectories(of: dir) {
                let caseDir = dir.appending(path: name)
                guard exists(caseDir.appending(path: "header-canonical-request.txt")) else { continue }
                all.append(try newSuiteCase(set: set, name: name, directory: caseDir))
            }
        }
        let legacyRoot = root.appending(path: SuiteCase.Set.legacy.rawValue)
        for (name, dir) in try legacyCaseDirectories(legacyRoot) {
            all.append(try legacyCase(name: name, directory: dir))
        }
        let extras = root.appending(path: SuiteCase.Set.smithyExtras.rawValue)
        if exists(extras) {
            let contexts = try extraContexts(root.appending(path: "extra-vectors.json"))
            for name in try subdirectories(of: extras) {
                guard let context = contexts[name] else { throw ReadError(description: "no settings for smithy-rs extra \(name)") }
                all.append(try smithyCase(name: name, directory: extras.appending(path: name), context: context))
            }
        }
        return all
    }

    // MARK: aws-signing-test-suite

    static func newSuiteCase(set: SuiteCase.Set, name: String, directory: URL) throws -> SuiteCase {
        let json = try object(directory.appending(path: "context.json"))
        guard let creds = json["credentials"] as? [String: Any], let akid = creds["access_key_id"] as? String,
            let secret = creds["secret_access_key"] as? String, let region = json["region"] as? String,
            let service = json["service"] as? String, let ts = json["timestamp"] as? String,
            let timestamp = AmzDate(iso8601: ts)
        else { throw ReadError(description: "\(directory.path): incomplete context.json") }
        let context = SuiteContext(
            credentials: Credentials(accessKeyID: akid, secretAccessKey: secret, sessionToken: creds["token"] as? String),
            region: region, service: service, timestamp: timestamp, normalize: json["normalize"] as? Bool ?? true,
            signBody: json["sign_body"] as? Bool ?? false, omitSessionToken: json["omit_session_token"] as? Bool ?? false,
            expires: json["expiration_in_seconds"] as? Int ?? 3600)
        var expectations: [SuiteCase.Mode: SuiteCase.Expectation] = [:]
        var signatures: [SuiteCase.Mode: String] = [:]
        for mode in SuiteCase.Mode.allCases {
            let p = mode.rawValue
            let signature = try text(directory.appending(path: "\(p)-signature.txt"))
            expectations[mode] = SuiteCase.Expectation(
                canonicalRequest: try text(directory.appending(path: "\(p)-canonical-request.txt")),
                stringToSign: try text(directory.appending(path: "\(p)-string-to-sign.txt")),
                signature: set == .v4 ? signature : nil,
                signedRequest: try request(directory.appending(path: "\(p)-signed-request.txt")))
            signatures[mode] = signature
        }
        var publicKey: P256PublicKey? = nil
        if set == .v4a {
            let key = try object(directory.appending(path: "public-key.json"))
            guard let x = (key["X"] as? String).flatMap(Hex.decode), let y = (key["Y"] as? String).flatMap(Hex.decode)
            else { throw ReadError(description: "\(directory.path): bad public-key.json") }
            publicKey = try P256PublicKey(x: x, y: y)
        }
        return SuiteCase(
            set: set, name: name, context: context, request: try request(directory.appending(path: "request.txt")),
            expectations: expectations, publicKey: publicKey, publishedSignatures: set == .v4a ? signatures : [:])
    }

    // MARK: aws4_testsuite (botocore's copy of the older suite)

    /// The older suite's implicit settings: AKIDEXAMPLE, us-east-1, `service`, 20150830T123600Z,
    /// normalization on, header signing only, body hashed without an `x-amz-content-sha256` header.
    static let legacyContext = SuiteContext(
        credentials: Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "service", timestamp: AmzDate(amzFormat: "20150830T123600Z")!, normalize: true,
        signBody: false, omitSessionToken: false, expires: 3600)

    static func legacyCaseDirectories(_ root: URL) throws -> [(String, URL)] {
        guard exists(root) else { return [] }
        var found: [(String, URL)] = []
        for name in try subdirectories(of: root) {
            let dir = root.appending(path: name)
            if exists(dir.appending(path: "\(name).req")) {
                found.append((name, dir))
            } else {
                for inner in try subdirectories(of: dir) where exists(dir.appending(path: "\(inner)/\(inner).req")) {
                    found.append(("\(name)/\(inner)", dir.appending(path: inner)))
                }
            }
        }
        return found
    }

    static func legacyCase(name: String, directory: URL) throws -> SuiteCase {
        let stem = directory.lastPathComponent
        let file = { (ext: String) in directory.appending(path: "\(stem).\(ext)") }
        let authorization = try text(file("authz"))
        let signature = authorization.components(separatedBy: "Signature=").last ?? ""
        let canonical = try text(file("creq"))
        let unsigned = try request(file("req"))
        // The older suite has no context file: a token signed without being in the `.req` (get-vanilla-with-
        // session-token) is a credential of the case, and only its `.creq` line says what it is.
        var context = legacyContext
        if unsigned.header("X-Amz-Security-Token") == nil,
            let line = canonical.split(separator: "\n").first(where: { $0.hasPrefix("x-amz-security-token:") })
        {
            context.credentials.sessionToken = String(line.dropFirst("x-amz-security-token:".count))
        }
        let expectation = SuiteCase.Expectation(
            canonicalRequest: canonical, stringToSign: try text(file("sts")), signature: signature,
            signedRequest: try request(file("sreq")))
        return SuiteCase(
            set: .legacy, name: name, context: context, request: unsigned,
            expectations: [.header: expectation], publicKey: nil, publishedSignatures: [:])
    }

    // MARK: smithy-rs extras

    static func extraContexts(_ file: URL) throws -> [String: SuiteContext] {
        let json = try object(file)
        guard let contexts = json["smithy_rs_extras_contexts"] as? [String: Any] else {
            throw ReadError(description: "\(file.path): no smithy_rs_extras_contexts")
        }
        var out: [String: SuiteContext] = [:]
        for (name, value) in contexts {
            guard let c = value as? [String: Any], let akid = c["access_key_id"] as? String,
                let secret = c["secret_access_key"] as? String, let region = c["region"] as? String,
                let service = c["service"] as? String, let ts = (c["timestamp"] as? String).flatMap(AmzDate.init(iso8601:))
            else { continue }
            out[name] = SuiteContext(
                credentials: Credentials(accessKeyID: akid, secretAccessKey: secret), region: region, service: service,
                timestamp: ts, normalize: c["normalize"] as? Bool ?? true, signBody: c["sign_body"] as? Bool ?? false,
                omitSessionToken: false, expires: 3600)
        }
        return out
    }

    /// The extras ship a canonical request and a signed request (and, for one, a string to sign). In
    /// `double-encode-path` the canonical request was taken at another time than the signed request; the
    /// signer check then compares the canonical request with its `x-amz-date` line at the file's time.
    static func smithyCase(name: String, directory: URL, context: SuiteContext) throws -> SuiteCase {
        let sts = directory.appending(path: "header-string-to-sign.txt")
        let signed = try request(directory.appending(path: "header-signed-request.txt"))
        let signature = signed.header("Authorization")?.components(separatedBy: "Signature=").last
        let expectation = SuiteCase.Expectation(
            canonicalRequest: try text(directory.appending(path: "header-canonical-request.txt")),
            stringToSign: exists(sts) ? try withoutFinalNewline(text(sts)) : nil, signature: signature,
            signedRequest: signed)
        return SuiteCase(
            set: .smithyExtras, name: name, context: context, request: try request(directory.appending(path: "request.txt")),
            expectations: [.header: expectation], publicKey: nil, publishedSignatures: [:])
    }

    // MARK: Files

    /// smithy-rs writes its string-to-sign file with a final newline; the aws-c-auth files have none.
    static func withoutFinalNewline(_ text: String) -> String { text.hasSuffix("\n") ? String(text.dropLast()) : text }

    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    static func subdirectories(of dir: URL) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return []
        }
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { entry in
            var d: ObjCBool = false
            return FileManager.default.fileExists(atPath: dir.appending(path: entry).path, isDirectory: &d) && d.boolValue
        }.sorted()
    }

    static func text(_ url: URL) throws -> String {
        let data = try Data(contentsOf: url)
        return String(decoding: data, as: UTF8.self)
    }

    static func request(_ url: URL) throws -> SigV4Request {
        do {
            return try RawHTTPRequest.parse(Array(try Data(contentsOf: url)))
        } catch let error as RawHTTPRequest.ParseError {
            throw ReadError(description: "\(url.path): \(error)")
        }
    }

    static func object(_ url: URL) throws -> [String: Any] {
        guard let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw ReadError(description: "\(url.path): not a JSON object")
        }
        return json
    }
}
