/// The most the server's resident set may grow during a soak: a fixed slack plus a budget per CloudTrail event
/// it holds.
///
/// Event history is the one thing the emulator is meant to accumulate (every call is an event, kept until
/// `--cloudtrail-max-events`), so growth is judged against the events retained, not against time. Everything
/// else a call allocates (the request, its signature check, the response, a stream's frames, a connection's
/// buffers) must be given back. A leak of a few hundred bytes per call therefore breaks the bound, because a call
/// leaves at most about one event behind (two for a cross-account AssumeRole).
///
/// The figures, measured on the 2-core development machine at 1,000 calls/s (docs/reliability.md "Soak"): a
/// healthy server grows by about 480 B per retained event (the slope between a 30 s and a 90 s run: 35,477 and
/// 106,274 events, 71.9 and 104.2 MiB), in line with docs/cloudtrail.md's 390–450 B per event plus about 1 KB for
/// each AssumeRole record. The rest, about 56 MiB, is paid once: 264 connections' buffers, thread stacks and malloc
/// arenas, and the event store's arrays, which grow by doubling (so up to twice their size is resident at once).
/// The bound allows 768 B per event (1.6 times the slope) and 96 MiB of slack (1.7 times the fixed part): a
/// five-minute run (about 355,000 events) stays near 220 MiB of growth against 356 MiB allowed, while a leak of
/// about 500 B per call would cross it.
struct RSSBound: Sendable, Hashable {
    var bytesPerEvent = 768
    var slackBytes = 96 << 20

    /// The growth allowed with `events` retained, in bytes.
    func allowedGrowth(events: Int) -> Int { slackBytes + bytesPerEvent * events }

    /// Whether growth from `startKiB` to `endKiB` is within the bound.
    func holds(startKiB: Int, endKiB: Int, events: Int) -> Bool {
        (endKiB - startKiB) * 1024 <= allowedGrowth(events: events)
    }
}
