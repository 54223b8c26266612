import AWSWire

/// One decoded Bedrock Runtime call: which model it names, what it asks, and its default answer.
struct Invocation {
    /// The four operations, which differ in body shape (native or Converse) and in framing (whole or streamed).
    enum Kind: String, CaseIterable, Sendable {
        case invokeModel = "InvokeModel"
        case invokeModelWithResponseStream = "InvokeModelWithResponseStream"
        case converse = "Converse"
        case converseStream = "ConverseStream"

        /// The IAM action (spec §7.1): the streaming operations need their own.
        var action: String { streams ? "bedrock:InvokeModelWithResponseStream" : "bedrock:InvokeModel" }

        var streams: Bool { self == .invokeModelWithResponseStream || self == .converseStream }

        /// True for the operations that take the model's native body.
        var native: Bool { self == .invokeModel || self == .invokeModelWithResponseStream }
    }

    /// The largest body InvokeModel accepts (the `body` blob's modeled maximum).
    static let maxBodyBytes = 25_000_000
    /// JSON nesting deeper than this is refused before it is parsed further.
    static let maxDepth = 64

    let kind: Kind
    let target: ModelTarget
    /// The checked request, or why Bedrock refuses it (thrown after authorization).
    let request: Result<Checked, AWSError>
    /// The delay between streamed frames (`--stream-chunk-delay`) and the fault-injected cut, if any.
    let pacing: (delay: Duration, cutAfter: Int?)

    /// What a valid request resolved to.
    struct Checked {
        let model: FoundationModel
        let family: ModelFamily?
        let prompt: Prompt
        let standard: OperationOutput
    }

    init(_ kind: Kind, _ rest: RestRequest, _ environment: RequestEnvironment) throws(AWSError) {
        let identifier = rest.pathParameters["modelId"] ?? ""
        guard identifier.utf8.count <= ModelTarget.maxIdentifierLength else {
            throw .validationException(
                "1 validation error detected: Value at 'modelId' failed to satisfy constraint: Member must have length less than or equal to \(ModelTarget.maxIdentifierLength)"
            )
        }
        guard rest.body.count <= Self.maxBodyBytes else {
            throw .validationException(
                "1 validation error detected: Value at 'body' failed to satisfy constraint: Member must have length less than or equal to \(Self.maxBodyBytes)"
            )
        }
        self.kind = kind
        target = ModelTarget(identifier, region: environment.region, account: environment.identity.account)
        pacing = (environment.streamChunkDelay, environment.cutStreamAfterChunks)
        if let refusal = target.refusal {
            request = .failure(refusal)
            return
        }
        let target = target
        let pacing = pacing
        request = Result { () throws(AWSError) -> Checked in
            guard let model = target.model else { throw ModelTarget.invalidIdentifier }
            return try Self.check(kind, model: model, body: rest.body, environment, pacing: pacing)
        }
    }

    private static func check(
        _ kind: Kind, model: FoundationModel, body: [UInt8], _ environment: RequestEnvironment,
        pacing: (delay: Duration, cutAfter: Int?)
    ) throws(AWSError) -> Checked {
        if kind.streams, !model.responseStreamingSupported {
            throw .validationException("The model is unsupported for streaming.")
        }
        let family = ModelFamily(model)
        if !kind.native, family == nil {
            throw .validationException(
                "This action doesn't support the model that you provided. Try again with a supported text or chat model."
            )
        }
        let document: JSONValue
        do {
            document = try JSONReader(
                limits: .init(maxBytes: maxBodyBytes, maxDepth: maxDepth, maxStringBytes: maxBodyBytes)
            )
            .decode(body)
        } catch {
            throw kind.native
                ? .validationException(
                    "Malformed input request: Unexpected JSON content, please reformat your input and try again.")
                : ConverseRequest.serialization
        }
        let prompt: Prompt
        if kind.native {
            guard let family else {
                throw .validationException(
                    "The provided model doesn't support this request body; the emulator answers text models only.")
            }
            prompt = try family.prompt(from: document)
        } else {
            prompt = try ConverseRequest.prompt(from: document)
        }
        let reply = ReplyWriter.reply(to: prompt, modelID: model.modelID)
        let standard = Self.render(kind, reply, model: model, family: family, environment, pacing: pacing)
        return Checked(model: model, family: family, prompt: prompt, standard: standard)
    }

    /// The answer: a scripted rule's when one matches, else the default rendered while decoding.
    func output(scripts: inout ScriptedResponses, _ environment: RequestEnvironment) throws(AWSError) -> OperationOutput
    {
        let checked = try request.get()
        guard !scripts.isEmpty else { return checked.standard }
        var names = [target.identifier, checked.model.modelID]
        if let profile = target.profile { names.append(profile.profileID) }
        guard let rule = scripts.take(models: names, prompt: checked.prompt.lastUserText) else {
            return checked.standard
        }
        let reply: Reply
        var pacing = pacing
        if let cut = rule.cutAfterChunks { pacing.cutAfter = cut }
        switch rule.outcome {
        case .text(let text, let stopReason):
            reply = Reply(
                text: text ?? ReplyWriter.text(for: checked.prompt.lastUserText, modelID: checked.model.modelID),
                stopReason: stopReason.map(Reply.StopReason.init(converseName:)), for: checked.prompt)
        case .toolUse(let name, let input):
            reply = Reply(text: "", toolCall: .init(name: name, input: input), for: checked.prompt)
        case .error(let error, let afterChunks):
            guard kind.streams, let afterChunks else { throw error }
            let standard = ReplyWriter.reply(to: checked.prompt, modelID: checked.model.modelID)
            var messages = Array(
                Self.messages(kind, standard, model: checked.model, family: checked.family, environment).prefix(
                    afterChunks))
            messages.append(StreamException(error, kind: kind).message)
            return .response(Self.streamResponse(kind, messages, pacing: pacing))
        }
        return Self.render(kind, reply, model: checked.model, family: checked.family, environment, pacing: pacing)
    }

    /// The reply in the operation's shape.
    private static func render(
        _ kind: Kind, _ reply: Reply, model: FoundationModel, family: ModelFamily?, _ environment: RequestEnvironment,
        pacing: (delay: Duration, cutAfter: Int?)
    ) -> OperationOutput {
        switch kind {
        case .converse:
            return .json(ConverseResponse(reply: reply, toolUseID: toolUseID(reply, family: nil, environment)).body)
        case .invokeModel:
            let native = nativeResponse(reply, model: model, family: family, environment)
            return .response(
                HTTPResponse(
                    status: 200,
                    headers: [
                        HTTPField("Content-Type", "application/json"),
                        HTTPField("X-Amzn-Bedrock-Input-Token-Count", String(reply.inputTokens)),
                        HTTPField("X-Amzn-Bedrock-Output-Token-Count", String(reply.outputTokens)),
                        HTTPField("X-Amzn-Bedrock-Invocation-Latency", String(reply.latencyMilliseconds)),
                    ],
                    bytes: JSONWriter.bytes(native.body)))
        case .invokeModelWithResponseStream, .converseStream:
            return .response(
                streamResponse(kind, messages(kind, reply, model: model, family: family, environment), pacing: pacing))
        }
    }

    /// The stream's events: ConverseStream's typed events, or InvokeModelWithResponseStream's `chunk` events
    /// with each model event base64-encoded in `bytes`.
    private static func messages(
        _ kind: Kind, _ reply: Reply, model: FoundationModel, family: ModelFamily?, _ environment: RequestEnvironment
    ) -> [EventStreamMessage] {
        if kind == .converseStream {
            return ConverseResponse(reply: reply, toolUseID: toolUseID(reply, family: nil, environment)).events.map {
                .event($0.0, payload: JSONWriter.bytes($0.1))
            }
        }
        return nativeResponse(reply, model: model, family: family, environment).streamEvents.map { event in
            .event("chunk", payload: JSONWriter.bytes(["bytes": .string(Base64.encode(JSONWriter.bytes(event)))]))
        }
    }

    private static func streamResponse(
        _ kind: Kind, _ messages: [EventStreamMessage], pacing: (delay: Duration, cutAfter: Int?)
    )
        -> HTTPResponse
    {
        PacedEventStream.response(
            messages, delay: pacing.delay, cutAfter: pacing.cutAfter,
            extraHeaders: kind == .invokeModelWithResponseStream
                ? [HTTPField("X-Amzn-Bedrock-Content-Type", "application/json")] : [])
    }

    /// The reply in the model family's native shapes, with fresh IDs. A native call always has a family
    /// (checked while decoding); Anthropic's shapes stand in should one ever be missing.
    private static func nativeResponse(
        _ reply: Reply, model: FoundationModel, family: ModelFamily?, _ environment: RequestEnvironment
    ) -> NativeResponse {
        NativeResponse(
            family: family ?? .anthropic, model: model, reply: reply, messageID: messageID(family, environment),
            toolUseID: toolUseID(reply, family: family, environment))
    }

    /// `msg_bdrk_` and 24 letters and digits for Claude; a plain generation ID otherwise.
    private static func messageID(_ family: ModelFamily?, _ environment: RequestEnvironment) -> String {
        family == .anthropic ? "msg_bdrk_" + alphanumeric(24, environment) : environment.requestID
    }

    /// `toolu_bdrk_…` in Claude's native shapes, `tooluse_…` in Converse's and Nova's.
    private static func toolUseID(_ reply: Reply, family: ModelFamily?, _ environment: RequestEnvironment) -> String? {
        guard reply.toolCall != nil else { return nil }
        return family == .anthropic
            ? "toolu_bdrk_" + alphanumeric(24, environment) : "tooluse_" + alphanumeric(22, environment)
    }

    private static let symbols = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// `count` letters and digits from the request's (seedable) ID generator.
    private static func alphanumeric(_ count: Int, _ environment: RequestEnvironment) -> String {
        String(decoding: environment.ids.bytes(count).map { symbols[Int($0) % symbols.count] }, as: UTF8.self)
    }
}
