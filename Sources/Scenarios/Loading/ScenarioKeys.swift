/// Every key the loader accepts, by the place it may appear. Each place is named after its definition in
/// `docs/scenario.schema.json` (`scenario` is the schema's root), and a test compares the two, so the schema
/// cannot drift from what the loader reads.
enum ScenarioKeys {
    static let scenario = ["name", "description", "seed", "region", "emulator", "accounts", "actors", "steps"]
    static let emulator = ["cloudTrailLag", "roleLastUsedLag", "streamChunkDelay"]

    static let rootActor = ["root"]
    static let userActor = ["user", "account", "allow"]
    static let assumeActor = ["assume"]
    static let assume = ["as", "role", "externalId", "sessionName", "durationSeconds", "policy"]
    static let keysActor = ["keys"]
    static let keys = ["accessKeyId", "secretAccessKey", "sessionToken"]
    static let profileActor = ["profile"]
    /// The key that tells an actor's form, and the keys that form allows.
    static let actorForms: [(form: String, keys: [String])] = [
        ("root", rootActor), ("user", userActor), ("assume", assumeActor), ("keys", keysActor),
        ("profile", profileActor),
    ]

    /// A step holds exactly one of these.
    static let actions = [
        "call", "connector.init", "connector.check", "clock.advance", "faults.add", "faults.clear", "bedrock.script",
        "reset",
    ]
    /// Keys only a `call` step may have.
    static let callOptions = ["as", "with", "sign", "tamper"]
    static let stepCommon = ["name", "save", "expect", "assert"]
    static let step = stepCommon + actions + callOptions

    static let connectorInit = ["systemAccount", "externalId"]
    static let sign = ["skewSeconds", "correct"]
    static let connectorCheck = ["as", "role", "externalId", "model", "cloudTrail", "retries", "cloudTrailTimeout"]
    static let expect = ["success", "error", "status"]
    static let checks = ["equals", "matches", "exists", "count"]
    static let assertion = ["path"] + checks

    /// Schema definition name → the keys allowed there.
    static let byDefinition: [String: [String]] = [
        "scenario": scenario, "emulator": emulator, "rootActor": rootActor, "userActor": userActor,
        "assumeActor": assumeActor, "assume": assume, "keysActor": keysActor, "keys": keys,
        "profileActor": profileActor, "step": step, "sign": sign, "connectorInit": connectorInit,
        "connectorCheck": connectorCheck, "expect": expect, "assertion": assertion,
    ]
}
