/// The most the server's resident set may grow during a soak: a fixed slack plus a budget per CloudTrail event
/// it holds.
///
/// Event history is the one thing the emulator is meant to accumulate (every call is an event, kept until
/// `--cloudtrail-max-events`), so growth is judged against the events retained, not against time. Everything
/// else a call allocates (the request, its signature check, the response, a stream's frames, a connection's
/// buffers) must be given back. A leak of a few hundred bytes per call therefore breaks the bound, because a call
/// leaves at most about one event behind (two for a cross-account AssumeRole).
///
/// The figures: docs/cloudtrail.md measures 390–450 B of resident memory per event in the store, about 1 KB for an
/// AssumeRole record (a unique session token). The load phase's mix is 20% AssumeRole (two records each), so the
/// mean is near 600 B; `bytesPerEvent` allows 1,024 B. The slack covers what is not per event: the allocator
/// keeping freed pages, thread stacks, 264 connections' buffers, the event store's index arrays growing by doubling
/// (so up to twice their size is resident at once). The defaults and the measured figures are in
/// docs/reliability.md "Soak".
struct RSSBound: Sendable, Hashable {
    var bytesPerEvent = 1_024
    var slackBytes = 64 << 20

    /// The growth allowed with `events` retained, in bytes.
    func allowedGrowth(events: Int) -> Int { slackBytes + bytesPerEvent * events }

    /// Whether growth from `startKiB` to `endKiB` is within the bound.
    func holds(startKiB: Int, endKiB: Int, events: Int) -> Bool {
        (endKiB - startKiB) * 1024 <= allowedGrowth(events: events)
    }
}
