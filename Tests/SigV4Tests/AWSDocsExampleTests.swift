import TestSupport
import Foundation
import RoleplayCrypto
import SigV4
import Testing

/// A worked example from the AWS documentation (vectors/sigv4/aws-docs-examples.json, copied as data from
/// the project's shared extra-vectors.json). Each example states some stages; every stated one is checked.
struct DocsExample: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let source: String
    let accessKeyID: String?
    let secretAccessKey: String?
    let region: String?
    let service: String?
    let amzDate: String?
    /// `METHOD https://host/path?query`, then `Name: value` headers, then an empty line and the body.
    let request: String?
    let canonicalRequest: String?
    let canonicalRequestSHA256: String?
    let stringToSign: String?
    let stringToSignLastLine: String?
    let signingKeyHex: String?
    let signature: String?
    let authorization: String?
    // Presigned URL example.
    let expires: Int?
    let url: String?
    // Signing-key derivation example.
    let date: String?
    let kDate: String?
    let kRegion: String?
    let kService: String?
    let kSigning: String?

    enum CodingKeys: String, CodingKey {
        case name, source, region, service, request, signature, authorization, expires, url, date
        case kDate, kRegion, kService, kSigning
        case accessKeyID = "access_key_id"
        case secretAccessKey = "secret_access_key"
        case amzDate = "amz_date"
        case canonicalRequest = "canonical_request"
        case canonicalRequestSHA256 = "canonical_request_sha256"
        case stringToSign = "string_to_sign"
        case stringToSignLastLine = "string_to_sign_last_line"
        case signingKeyHex = "signing_key_hex"
    }

    static let file = "vectors/sigv4/aws-docs-examples.json"
    static func all() throws -> [DocsExample] { try VectorFile<DocsExample>.load(file).cases }

    var testDescription: String { "\(name) — \(source)" }

    var credentials: Credentials { Credentials(accessKeyID: accessKeyID ?? "", secretAccessKey: secretAccessKey ?? "") }
    var timestamp: AmzDate? { amzDate.flatMap { AmzDate(amzFormat: $0) } }

    /// The documentation's request as a `SigV4Request`: the absolute URL becomes the request target.
    func parsedRequest() throws -> SigV4Request {
        let text = try #require(request)
        let lineEnd = text.firstIndex(of: "\n") ?? text.endIndex
        let requestLine = text[..<lineEnd].split(separator: " ", maxSplits: 1)
        let url = try #require(requestLine.last)
        let afterScheme = try #require(url.range(of: "://")).upperBound
        let target = url[afterScheme...].drop { $0 != "/" }
        return try RawHTTPRequest.parse("\(requestLine[0]) \(target) HTTP/1.1\(text[lineEnd...])")
    }
}

@Suite("AWS documentation worked examples")
struct AWSDocsExampleTests {
    static func examples(_ include: (DocsExample) -> Bool) throws -> [DocsExample] {
        try DocsExample.all().filter(include)
    }

    @Test("the data file says where it was copied from and holds the five examples")
    func provenance() throws {
        let file = try VectorFile<DocsExample>.load(DocsExample.file)
        #expect(file.source.contains("extra-vectors.json"))
        #expect(
            file.cases.map(\.name) == [
                "iam-listusers-get-2015", "iam-listusers-post-2011", "derive-signing-key-2012", "s3-get-object-2013",
                "s3-presigned-get-2013",
            ])
    }

    @Test("our signer reproduces every stage the example states", arguments: try examples { $0.request != nil })
    func headerSigning(_ e: DocsExample) throws {
        let signer = Signer(
            credentials: e.credentials, region: try #require(e.region), service: try #require(e.service))
        let signed = try signer.sign(try e.parsedRequest(), at: try #require(e.timestamp))
        if let expected = e.canonicalRequest { #expect(signed.canonicalRequest == expected) }
        if let expected = e.canonicalRequestSHA256 { #expect(SHA256.hash(signed.canonical.bytes).hex == expected) }
        if let expected = e.stringToSign { #expect(signed.stringToSign == expected) }
        if let expected = e.stringToSignLastLine {
            #expect(signed.stringToSign.split(separator: "\n").last.map(String.init) == expected)
        }
        if let expected = e.signingKeyHex {
            // HMACKey does not expose its bytes: the derived key must MAC exactly like a key made from them.
            let derived = SigningKey.derive(secretAccessKey: try #require(e.secretAccessKey), scope: signed.scope)
            let stated = HMACKey(bytes(hex: expected))
            for message in [signed.stringToSignValue.bytes, [], Array("x".utf8)] {
                #expect(derived.authenticationCode(for: message) == stated.authenticationCode(for: message))
            }
        }
        #expect(signed.signature == e.signature)
        if let expected = e.authorization { #expect(signed.authorizationHeader == expected) }
    }

    @Test(
        "our verifier accepts the documented Authorization header at its time",
        arguments: try examples { $0.request != nil })
    func verifierAcceptsDocumentedSignature(_ e: DocsExample) throws {
        let timestamp = try #require(e.timestamp)
        let signature = try #require(e.signature)
        // The S3 example's JSON states no header; the S3 API Reference prints it like this, without spaces.
        let authorization =
            e.authorization
            ?? "AWS4-HMAC-SHA256 Credential=\(e.credentials.accessKeyID)/\(timestamp.dateStamp)/us-east-1/s3/aws4_request,"
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=\(signature)"
        let request = try e.parsedRequest().setting("Authorization", authorization)
        let secret = try #require(e.secretAccessKey)
        let verdict = Verifier { _ in secret }.verify(request, now: timestamp)
        guard case .valid(let parameters) = verdict else {
            Issue.record("rejected: \(verdict)")
            return
        }
        #expect(parameters.accessKeyID == e.accessKeyID)
        #expect(parameters.scope.service == e.service)
        #expect(parameters.signature == signature)
    }

    @Test("the S3 presigned URL: same signature and query parameters, and our verifier accepts it until it expires")
    func s3PresignedURL() throws {
        let e = try #require(try DocsExample.all().first { $0.url != nil })
        let url = try #require(e.url)
        let afterScheme = try #require(url.range(of: "://")).upperBound
        let host = url[afterScheme...].prefix { $0 != "/" }
        let target = url[afterScheme...].drop { $0 != "/" }
        let documented = SigV4Request(
            method: "GET", target: String(target), headers: [HTTPHeader("Host", String(host))])
        let unsigned = SigV4Request(method: "GET", path: documented.path, headers: documented.headers)

        var options = SigningOptions.forService("s3")
        options.payload = .unsigned
        let timestamp = try #require(e.timestamp)
        let expires = try #require(e.expires)
        let signer = Signer(credentials: e.credentials, region: "us-east-1", service: "s3", options: options)
        let presigned = try signer.presign(unsigned, at: timestamp, expires: expires)
        #expect(presigned.signature == e.signature)
        #expect(presigned.canonical.payloadHash == "UNSIGNED-PAYLOAD")
        #expect(decodedQuery(presigned.request.query) == decodedQuery(documented.query))
        #expect(presigned.request.path == "/test.txt")

        let secret = try #require(e.secretAccessKey)
        let verifier = Verifier(options: options) { _ in secret }
        #expect(verifier.verify(documented, now: timestamp) == .valid(try SignatureParameters.parse(documented)))
        guard case .valid = verifier.verify(documented, now: timestamp.adding(seconds: Int64(expires))) else {
            Issue.record("the URL must still be valid at its last second")
            return
        }
        guard
            case .invalid(.signatureRejected) = verifier.verify(
                documented, now: timestamp.adding(seconds: Int64(expires) + 1))
        else {
            Issue.record("the URL must be expired one second after X-Amz-Date + X-Amz-Expires")
            return
        }
    }

    @Test("the signing-key derivation chain gives kDate, kRegion, kService and kSigning")
    func signingKeyChain() throws {
        let e = try #require(try DocsExample.all().first { $0.kSigning != nil })
        let secret = try #require(e.secretAccessKey)
        let kDate = HMACKey(Array("AWS4\(secret)".utf8)).authenticationCode(for: try #require(e.date).utf8)
        let kRegion = HMACKey(kDate).authenticationCode(for: try #require(e.region).utf8)
        let kService = HMACKey(kRegion).authenticationCode(for: try #require(e.service).utf8)
        let kSigning = HMACKey(kService).authenticationCode(for: "aws4_request".utf8)
        #expect(kDate.hex == e.kDate)
        #expect(kRegion.hex == e.kRegion)
        #expect(kService.hex == e.kService)
        #expect(kSigning.hex == e.kSigning)

        let scope = CredentialScope(
            date: try #require(e.date), region: try #require(e.region), service: try #require(e.service))
        let stated = HMACKey(bytes(hex: try #require(e.kSigning)))
        let derived = SigningKey.derive(secretAccessKey: secret, scope: scope)
        let cached = SigningKeyCache().hmacKey(secretAccessKey: secret, scope: scope)
        for message in ["", "AWS4-HMAC-SHA256\n20120215T000000Z\n20120215/us-east-1/iam/aws4_request\n", "x"] {
            #expect(derived.authenticationCode(for: message.utf8) == stated.authenticationCode(for: message.utf8))
            #expect(cached.authenticationCode(for: message.utf8) == stated.authenticationCode(for: message.utf8))
        }
    }
}
