import PolicyEngine
import SigV4

/// The journal's binary form of an account and of what it holds (`BinaryWriter` layout, fields in declaration
/// order). A policy is kept as its text, kind and name, and compiled again when read back.
///
/// A field added to one of these types must be added here too, or it is lost on restart:
/// `JournalFieldCoverageTests` lists every field it expects and fails when a type gains one.
extension AccountState {
    func write(to out: inout BinaryWriter) {
        out.string(id)
        out.list(Array(roles.values)) { $1.write(to: &$0) }
        out.list(Array(users.values)) { $1.write(to: &$0) }
        out.list(Array(policies.values)) { $1.write(to: &$0) }
    }

    init?(reading reader: inout BinaryReader, policies compiler: PolicyRecompiler) {
        guard let id = reader.string(),
            let roles = reader.list({ Role(reading: &$0, policies: compiler) }),
            let users = reader.list({ User(reading: &$0, policies: compiler) }),
            let policies = reader.list({ ManagedPolicy(reading: &$0, policies: compiler) })
        else { return nil }
        self.init(id: id)
        self.roles = Dictionary(roles.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { $1 })
        self.users = Dictionary(users.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { $1 })
        self.policies = Dictionary(policies.map { ($0.arn, $0) }, uniquingKeysWith: { $1 })
    }
}

extension Role {
    func write(to out: inout BinaryWriter) {
        for text in [name, path, id, arn, account] { out.string(text) }
        out.int64(createDate.secondsSince1970)
        trustPolicy.write(to: &out)
        out.optional(description)
        out.int64(Int64(maxSessionDuration))
        out.optional(permissionsBoundaryARN)
        out.list(tags) { $1.write(to: &$0) }
        out.list(inlinePolicies) { $1.write(to: &$0) }
        out.strings(attachedPolicyARNs)
        out.bool(lastUsed != nil)
        if let lastUsed {
            out.int64(lastUsed.date.secondsSince1970)
            out.string(lastUsed.region)
        }
        out.list(pendingUses) { out, use in
            out.int64(use.date.secondsSince1970)
            out.string(use.region)
        }
    }

    init?(reading reader: inout BinaryReader, policies compiler: PolicyRecompiler) {
        guard let name = reader.string(), let path = reader.string(), let id = reader.string(),
            let arn = reader.string(), let account = reader.string(), let created = reader.date(),
            let trust = StoredPolicy(reading: &reader, policies: compiler), let description = reader.optional(),
            // IAM's range, which CreateRole and UpdateRole enforce: STS adds it to the time unchecked.
            let maxSessionDuration = reader.int64(), (3_600...43_200).contains(maxSessionDuration),
            let boundary = reader.optional(), let tags = reader.list({ Tag(reading: &$0) }),
            let inline = reader.list({ InlinePolicy(reading: &$0, policies: compiler) }),
            let attached = reader.strings(), let used = reader.bool()
        else { return nil }
        var lastUsed: (date: AmzDate, region: String)?
        if used {
            guard let date = reader.date(), let region = reader.string() else { return nil }
            lastUsed = (date, region)
        }
        guard
            let pending = reader.list({ reader -> (date: AmzDate, region: String)? in
                guard let date = reader.date(), let region = reader.string() else { return nil }
                return (date, region)
            }), pending.count <= Role.maxPendingUses
        else { return nil }
        self.init(
            name: name, path: path, id: id, arn: arn, account: account,
            createDate: created, trustPolicy: trust, description: description,
            maxSessionDuration: Int(maxSessionDuration), permissionsBoundaryARN: boundary, tags: tags,
            inlinePolicies: inline,
            attachedPolicyARNs: attached, lastUsed: lastUsed)
        pendingUses = pending
    }
}

extension User {
    func write(to out: inout BinaryWriter) {
        for text in [name, path, id, arn, account] { out.string(text) }
        out.int64(createDate.secondsSince1970)
        out.optional(permissionsBoundaryARN)
        out.list(tags) { $1.write(to: &$0) }
        out.list(inlinePolicies) { $1.write(to: &$0) }
        out.strings(attachedPolicyARNs)
        out.strings(accessKeyIDs)
    }

    init?(reading reader: inout BinaryReader, policies compiler: PolicyRecompiler) {
        guard let name = reader.string(), let path = reader.string(), let id = reader.string(),
            let arn = reader.string(), let account = reader.string(), let created = reader.date(),
            let boundary = reader.optional(), let tags = reader.list({ Tag(reading: &$0) }),
            let inline = reader.list({ InlinePolicy(reading: &$0, policies: compiler) }),
            let attached = reader.strings(), let keys = reader.strings()
        else { return nil }
        self.init(
            name: name, path: path, id: id, arn: arn, account: account, createDate: created,
            permissionsBoundaryARN: boundary, tags: tags, inlinePolicies: inline, attachedPolicyARNs: attached,
            accessKeyIDs: keys)
    }
}

extension ManagedPolicy {
    func write(to out: inout BinaryWriter) {
        for text in [name, path, id, arn] { out.string(text) }
        out.optional(description)
        out.int64(createDate.secondsSince1970)
        out.int64(updateDate.secondsSince1970)
        out.list(versions) { out, version in
            out.string(version.id)
            version.policy.write(to: &out)
            out.int64(version.createDate.secondsSince1970)
        }
        out.string(defaultVersionID)
        out.int64(Int64(nextVersionNumber))
        out.list(tags) { $1.write(to: &$0) }
    }

    init?(reading reader: inout BinaryReader, policies compiler: PolicyRecompiler) {
        guard let name = reader.string(), let path = reader.string(), let id = reader.string(),
            let arn = reader.string(), let description = reader.optional(), let created = reader.date(),
            let updated = reader.date(),
            let versions = reader.list({ reader -> Version? in
                guard let id = reader.string(), let policy = StoredPolicy(reading: &reader, policies: compiler),
                    let created = reader.date()
                else { return nil }
                return Version(id: id, policy: policy, createDate: created)
            }),
            let defaultVersionID = reader.string(), let next = reader.int64(), (1...Int64(Int32.max)).contains(next),
            let tags = reader.list({ Tag(reading: &$0) })
        else { return nil }
        self.init(
            name: name, path: path, id: id, arn: arn, description: description,
            createDate: created, updateDate: updated,
            versions: versions, defaultVersionID: defaultVersionID, nextVersionNumber: Int(next), tags: tags)
    }
}

extension AccessKey {
    func write(to out: inout BinaryWriter) {
        for text in [id, secret, account, userName, status.rawValue] { out.string(text) }
        out.int64(createDate.secondsSince1970)
    }

    init?(reading reader: inout BinaryReader) {
        guard let id = reader.string(), let secret = reader.string(), let account = reader.string(),
            let userName = reader.string(), let status = reader.string().flatMap(Status.init(rawValue:)),
            let created = reader.date()
        else { return nil }
        self.init(
            id: id, secret: secret, account: account, userName: userName, status: status,
            createDate: created)
    }
}

extension StoredPolicy {
    func write(to out: inout BinaryWriter) {
        out.string(text)
        out.string(compiled.kind.rawValue)
        out.string(compiled.name)
    }

    init?(reading reader: inout BinaryReader, policies compiler: PolicyRecompiler) {
        guard let text = reader.string(), let kind = reader.string().flatMap(PolicyKind.init(rawValue:)),
            let name = reader.string(), let compiled = compiler.compile(text, kind: kind, name: name)
        else { return nil }
        self.init(text: text, compiled: compiled)
    }
}

extension InlinePolicy {
    func write(to out: inout BinaryWriter) {
        out.string(name)
        policy.write(to: &out)
    }

    init?(reading reader: inout BinaryReader, policies compiler: PolicyRecompiler) {
        guard let name = reader.string(), let policy = StoredPolicy(reading: &reader, policies: compiler) else {
            return nil
        }
        self.init(name: name, policy: policy)
    }
}

extension Tag {
    func write(to out: inout BinaryWriter) {
        out.string(key)
        out.string(value)
    }

    init?(reading reader: inout BinaryReader) {
        guard let key = reader.string(), let value = reader.string() else { return nil }
        self.init(key: key, value: value)
    }
}
