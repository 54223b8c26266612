/// One request to authorize: who, which action, on which resource, with which context.
///
/// Everything the evaluator compares repeatedly is prepared here once (the lowercased action,
/// the resource ARN split into fields), so evaluating many statements, or the same request
/// against many policies, does no string work per statement. The fields live in one immutable
/// shared box, so passing a request around costs a single retain.
public struct AuthorizationRequest: Sendable {
    /// The request's immutable fields, shared by every copy.
    final class Storage: Sendable {
        let caller: Caller
        let action: String
        let resource: String
        let resourceAccount: String
        let context: RequestContext
        let actionLowercased: String
        let resourceARN: ARN?

        init(caller: Caller, action: String, resource: String, resourceAccount: String?, context: RequestContext) {
            self.caller = caller
            self.action = action
            self.resource = resource
            self.context = context
            actionLowercased = action.lowercased()
            resourceARN = ARN(resource)
            let owner = resourceAccount ?? resourceARN.map { String($0.account) } ?? ""
            self.resourceAccount = owner.isEmpty ? caller.account : owner
        }
    }

    let storage: Storage

    /// - Parameters:
    ///   - resourceAccount: the owner of the resource; defaults to the account field of the
    ///     resource ARN. An ARN without an account (a Bedrock foundation model, an S3 bucket)
    ///     counts as the caller's own account, since no other account can grant access to it.
    public init(
        caller: Caller, action: String, resource: String, resourceAccount: String? = nil,
        context: RequestContext = .init()
    ) {
        storage = Storage(
            caller: caller, action: action, resource: resource, resourceAccount: resourceAccount,
            context: context)
    }

    public var caller: Caller { storage.caller }
    /// The action as requested (`sts:AssumeRole`).
    public var action: String { storage.action }
    /// The resource ARN, or `*` for actions without a resource.
    public var resource: String { storage.resource }
    /// The account that owns the resource; decides same-account vs cross-account rules.
    public var resourceAccount: String { storage.resourceAccount }
    public var context: RequestContext { storage.context }

    /// Whether caller and resource belong to the same account.
    public var isSameAccount: Bool { storage.caller.account == storage.resourceAccount }
}
