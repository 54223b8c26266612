// libcrypto for RoleplayCrypto, and nothing else imports it.
//
// OPENSSL_SUPPRESS_DEPRECATED: RoleplayCrypto uses the low-level SHA256_Init/Update/Final API on purpose.
// Its SHA256_CTX is a plain C struct, so a Swift value can hold (and copy) a hash state without a heap
// allocation, a provider fetch or a lock; HMAC with a cached key then costs two state copies. The EVP
// API would need a heap context per thread. The functions are still part of OpenSSL 3 and use the same
// assembly (SHA-NI where present) as EVP.
#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H

#define OPENSSL_SUPPRESS_DEPRECATED 1

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

/// EVP_PKEY_KEYPAIR and EVP_PKEY_PUBLIC_KEY are macros built from other macros, which Swift cannot import.
static inline int cossl_selection_keypair(void) { return EVP_PKEY_KEYPAIR; }
static inline int cossl_selection_public_key(void) { return EVP_PKEY_PUBLIC_KEY; }

/// OSSL_PARAM keeps pointers to its key names (and OSSL_PARAM_BLD to its values until to_param), so keys
/// must be C string literals with static storage, which a Swift string argument is not.
static inline const char *cossl_param_group(void) { return OSSL_PKEY_PARAM_GROUP_NAME; }
static inline const char *cossl_param_public_key(void) { return OSSL_PKEY_PARAM_PUB_KEY; }
static inline const char *cossl_param_private_key(void) { return OSSL_PKEY_PARAM_PRIV_KEY; }
static inline const char *cossl_curve_p256(void) { return SN_X9_62_prime256v1; }

#endif
