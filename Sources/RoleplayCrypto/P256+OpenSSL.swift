import COpenSSL

extension P256PrivateKey {
    /// d·G as an uncompressed point, through the (non-deprecated) EC_GROUP/EC_POINT API.
    static func publicPoint(of scalar: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1) else {
            throw .openSSL("EC_GROUP_new_by_curve_name: \(OpenSSLErrors.drain())")
        }
        defer { EC_GROUP_free(group) }
        guard let d = BN_bin2bn(scalar, Int32(scalar.count), nil) else { throw .openSSL("BN_bin2bn") }
        defer { BN_clear_free(d) }
        guard BN_is_zero(d) == 0, BN_cmp(d, EC_GROUP_get0_order(group)) < 0 else {
            throw .invalidKey("the scalar must be in [1, n)")
        }
        guard let point = EC_POINT_new(group) else { throw .openSSL("EC_POINT_new") }
        defer { EC_POINT_free(point) }
        guard EC_POINT_mul(group, point, d, nil, nil, nil) == 1 else {
            throw .openSSL("EC_POINT_mul: \(OpenSSLErrors.drain())")
        }
        var out = [UInt8](repeating: 0, count: 65)
        let n = EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, &out, 65, nil)
        guard n == 65 else { throw .openSSL("EC_POINT_point2oct: \(OpenSSLErrors.drain())") }
        return out
    }

    static func makeKeyPair(scalar: [UInt8], publicPoint: [UInt8]) throws(CryptoError) -> OpaquePointer {
        guard let d = BN_bin2bn(scalar, Int32(scalar.count), nil) else { throw .openSSL("BN_bin2bn") }
        defer { BN_clear_free(d) }
        return try fromData(selection: cossl_selection_keypair(), point: publicPoint, privateScalar: d)
    }

    /// Builds an `EVP_PKEY` of type EC on P-256 from OSSL_PARAMs (OpenSSL 3's provider-neutral import).
    static func fromData(selection: Int32, point: [UInt8], privateScalar: OpaquePointer?) throws(CryptoError)
        -> OpaquePointer
    {
        guard let builder = OSSL_PARAM_BLD_new() else { throw .openSSL("OSSL_PARAM_BLD_new") }
        defer { OSSL_PARAM_BLD_free(builder) }
        // The builder references the point's bytes until OSSL_PARAM_BLD_to_param copies them, so both calls
        // happen inside the one closure that lends the pointer.
        let built: UnsafeMutablePointer<OSSL_PARAM>? = point.withUnsafeBytes { raw in
            var ok = OSSL_PARAM_BLD_push_utf8_string(builder, cossl_param_group(), cossl_curve_p256(), 0) == 1
            ok = ok && OSSL_PARAM_BLD_push_octet_string(builder, cossl_param_public_key(), raw.baseAddress, 65) == 1
            if let privateScalar { ok = ok && OSSL_PARAM_BLD_push_BN(builder, cossl_param_private_key(), privateScalar) == 1 }
            return ok ? OSSL_PARAM_BLD_to_param(builder) : nil
        }
        guard let params = built else { throw .openSSL("OSSL_PARAM_BLD: \(OpenSSLErrors.drain())") }
        defer { OSSL_PARAM_free(params) }
        guard let ctx = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else { throw .openSSL("EVP_PKEY_CTX_new_from_name") }
        defer { EVP_PKEY_CTX_free(ctx) }
        var key: OpaquePointer? = nil
        guard EVP_PKEY_fromdata_init(ctx) == 1, EVP_PKEY_fromdata(ctx, &key, selection, params) == 1, let key else {
            throw .invalidKey("EVP_PKEY_fromdata: \(OpenSSLErrors.drain())")
        }
        return key
    }

    static func free(_ key: OpaquePointer) { EVP_PKEY_free(key) }

    func sign(_ message: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let md = EVP_MD_CTX_new() else { throw .openSSL("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(md) }
        guard EVP_DigestSignInit_ex(md, nil, "SHA256", nil, nil, handle, nil) == 1 else {
            throw .openSSL("EVP_DigestSignInit_ex: \(OpenSSLErrors.drain())")
        }
        var length = 80  // a DER P-256 signature is at most 72 bytes
        var out = [UInt8](repeating: 0, count: length)
        let ok = message.withUnsafeBufferPointer { m in EVP_DigestSign(md, &out, &length, m.baseAddress, m.count) }
        guard ok == 1 else { throw .openSSL("EVP_DigestSign: \(OpenSSLErrors.drain())") }
        return Array(out.prefix(length))
    }
}

extension P256PublicKey {
    static func makePublicKey(point: [UInt8]) throws(CryptoError) -> OpaquePointer {
        try P256PrivateKey.fromData(selection: cossl_selection_public_key(), point: point, privateScalar: nil)
    }

    func verify(_ signature: [UInt8], _ message: [UInt8]) -> Bool {
        guard let md = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(md) }
        guard EVP_DigestVerifyInit_ex(md, nil, "SHA256", nil, nil, handle, nil) == 1 else {
            _ = OpenSSLErrors.drain()
            return false
        }
        let result = signature.withUnsafeBufferPointer { s in
            message.withUnsafeBufferPointer { m in EVP_DigestVerify(md, s.baseAddress, s.count, m.baseAddress, m.count) }
        }
        if result != 1 { _ = OpenSSLErrors.drain() }  // a bad signature leaves DER errors queued
        return result == 1
    }
}
