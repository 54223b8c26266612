import PolicyEngine
import Testing

/// IAM stores bare account principals of a trust policy as root ARNs (aws-wire-facts §5.5); nothing else changes.
@Suite("Trust policy normalization")
struct TrustPolicyNormalizationTests {
    @Test("a bare account principal becomes the account's root ARN, in a string or a list, under Principal or NotPrincipal")
    func rewritesAccounts() {
        let text = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "808540602285"},
             "Action": "sts:AssumeRole"}, {"Effect": "Deny", "NotPrincipal": {"AWS": ["111111111111",
             "arn:aws:iam::222222222222:role/r"]}, "Action": "sts:AssumeRole"}]}
            """
        #expect(
            TrustPolicyNormalization.normalized(text)
                == #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::808540602285:root"},"Action":"sts:AssumeRole"},{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111111111111:root","arn:aws:iam::222222222222:role/r"]},"Action":"sts:AssumeRole"}]}"#
        )
    }

    @Test(
        "documents without a bare account principal are kept byte for byte",
        arguments: [
            "{ \"Version\": \"2012-10-17\",\n  \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::808540602285:root\"}, \"Action\": \"sts:AssumeRole\"} }",
            #"{"Statement":[{"Effect":"Allow","Principal":{"Service":"123456789012"},"Action":"sts:AssumeRole"}]}"#,
            #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}"#,
            "not json",
        ])
    func keepsOthers(text: String) {
        #expect(TrustPolicyNormalization.normalized(text) == text)
    }
}
