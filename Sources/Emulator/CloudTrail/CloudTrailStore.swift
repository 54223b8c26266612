import AWSWire
import PolicyEngine
import RoleplaySync
import Synchronization

/// Event history (spec §8.1, §8.3): every recorded management event, indexed per (account, region) and per
/// lookup attribute value, so LookupEvents reads a posting list instead of scanning.
///
/// Its own lock, not the state's: recording appends after the state lock is released, and a lookup never
/// holds up IAM or STS calls. Appends are O(1) under the lock (interning a dozen strings, a few list appends);
/// lookups binary-search the time range and walk newest first.
///
/// Bounds: at most `maxEvents` events (the oldest dropped first) and 90 days of virtual time, as AWS keeps.
/// Event times never go backwards: if the virtual clock is moved back, later events take the latest time
/// already recorded, so each history stays ordered (AWS's own clock never goes back; docs/cloudtrail.md).
final class CloudTrailStore: Sendable {
    /// How long event history keeps an event: 90 days.
    static let retentionSeconds: Int64 = 90 * 86_400
    /// The default bound on retained events (`--cloudtrail-max-events`).
    static let defaultMaxEvents = 1_000_000

    let maxEvents: Int
    private let storage: Locked<Storage>
    /// `userIdentity` JSON by access key and caller ARN: the same caller calls again and again, and a key's
    /// identity only changes with its ARN (a renamed user). Cleared when full.
    private let identities = Locked<[String: String]>([:])
    private static let identityCacheLimit = 4_096

    init(maxEvents: Int = CloudTrailStore.defaultMaxEvents) {
        self.maxEvents = max(1, maxEvents)
        storage = Locked(Storage(reserving: self.maxEvents))
    }

    /// Adds events recorded together (a cross-account call's two copies), in order.
    func append(_ events: [CloudTrailEvent]) {
        storage.withLock { storage in
            for event in events { storage.append(event, maxEvents: maxEvents) }
        }
    }

    /// Puts back events read from the journal (`CloudTrailEvent(journalBytes:)`), oldest first.
    /// - Returns: how many records could not be read (they are skipped: one bad event must not cost the rest).
    @discardableResult
    func restore(journalBytes records: [[UInt8]]) -> Int {
        var events: [CloudTrailEvent] = []
        events.reserveCapacity(records.count)
        for record in records {
            if let event = try? CloudTrailEvent(journalBytes: record) { events.append(event) }
        }
        append(events)
        return records.count - events.count
    }

    /// Every retained event, oldest first (for a journal compaction or a dump).
    func allEvents() -> [CloudTrailEvent] {
        storage.withLock { storage in storage.liveSequences.map { storage.event(at: $0) } }
    }

    /// How many events are retained.
    var count: Int { storage.withLock { $0.liveSequences.count } }

    /// Forgets every event (`POST /_roleplay/reset`).
    func removeAll() {
        storage.withLock { $0 = Storage(reserving: maxEvents) }
        identities.withLock { $0.removeAll() }
    }

    /// The record's `userIdentity` for `identity`, built once per access key and caller ARN.
    func identityJSON(_ identity: Identity, build: (Identity) -> String) -> String {
        let key = identity.accessKeyID + " " + identity.caller.arn
        if let cached = identities.withLock({ $0[key] }) { return cached }
        let json = build(identity)
        identities.withLock { cache in
            if cache.count >= Self.identityCacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[key] = json
        }
        return json
    }

    /// One page of `query`'s answer as seen at virtual time `now`: visible events only, newest first.
    func lookup(_ query: LookupQuery, now: Int64) -> LookupPage {
        storage.withLock { $0.lookup(query, now: now) }
    }
}

/// Event history's data: the events in sequence order and the indexes over them.
private struct Storage {
    /// Events by sequence number.
    var events: SequenceRing<StoredEvent>
    var strings = InternTable<String>()
    var resourceLists = InternTable<[TrailResource]>()
    var shards: [ShardKey: Shard] = [:]
    var byEventID: [EventID: Int] = [:]
    /// The latest event time recorded: times never go backwards.
    var latestTime = Int64.min

    var liveSequences: Range<Int> { events.sequences }

    /// Room for `maxEvents` events (up to a million) from the start: growing the event ring or the event-ID
    /// index past a million entries would copy or rehash all of them at once, under the lock.
    init(reserving maxEvents: Int) {
        let capacity = min(maxEvents, 1 << 20)
        events = SequenceRing(reserving: capacity)
        byEventID.reserveCapacity(capacity)
    }

    mutating func append(_ event: CloudTrailEvent, maxEvents: Int) {
        let time = max(event.eventTime, latestTime)
        latestTime = time
        while let oldest = events.first,
            events.count >= maxEvents || oldest.eventTime < time - CloudTrailStore.retentionSeconds
        {
            dropOldest()
        }
        let sequence = events.firstSequence + events.count
        let lag = max(0, event.visibleAt - event.eventTime)
        // Each field has its own slot in the intern table's recent-value cache: consecutive events mostly
        // repeat each other field for field, and a comparison is cheaper than a hash.
        let stored = StoredEvent(
            eventID: event.eventID, requestID: event.requestID, sharedEventID: event.sharedEventID,
            eventTime: time, lagSeconds: UInt32(clamping: lag), readOnly: event.readOnly,
            account: strings.retain(event.recipientAccountID, slot: 0), region: strings.retain(event.region, slot: 1),
            eventSource: strings.retain(event.eventSource, slot: 2),
            eventName: strings.retain(event.eventName, slot: 3),
            userIdentity: strings.retain(event.userIdentity, slot: 4),
            username: strings.retain(event.username, slot: 5),
            accessKeyID: strings.retain(event.accessKeyID, slot: 6),
            sourceIPAddress: strings.retain(event.sourceIPAddress, slot: 7),
            userAgent: strings.retain(event.userAgent, slot: 8),
            requestParameters: strings.retain(event.requestParameters, slot: 9),
            responseElements: event.responseElements,
            additionalEventData: strings.retain(event.additionalEventData, slot: 10),
            host: strings.retain(event.host, slot: 11), errorCode: strings.retain(event.errorCode, slot: 12),
            errorMessage: strings.retain(event.errorMessage, slot: 13),
            resources: resourceLists.retain(event.resources.isEmpty ? nil : event.resources, slot: 0))
        shards[stored.shardKey, default: Shard()].add(stored, resources: event.resources, sequence: sequence)
        byEventID[event.eventID] = sequence
        events.append(stored)
    }

    /// Removes the oldest event from the log, its indexes and the intern tables.
    mutating func dropOldest() {
        let sequence = events.firstSequence
        let stored = events[sequence]
        let key = stored.shardKey
        if shards[key]?.remove(stored, resources: resourceLists[stored.resources] ?? [], sequence: sequence) == true {
            shards[key] = nil
        }
        if byEventID[stored.eventID] == sequence { byEventID[stored.eventID] = nil }
        for handle in stored.stringHandles { strings.release(handle) }
        resourceLists.release(stored.resources)
        events.dropFirst()
    }

    /// The self-contained event a live sequence number stands for.
    func event(at sequence: Int) -> CloudTrailEvent {
        let stored = events[sequence]
        return CloudTrailEvent(
            eventID: stored.eventID, eventTime: stored.eventTime,
            visibleAt: stored.eventTime + Int64(stored.lagSeconds), recipientAccountID: strings[stored.account] ?? "",
            region: strings[stored.region] ?? "", eventSource: strings[stored.eventSource] ?? "",
            eventName: strings[stored.eventName] ?? "", readOnly: stored.readOnly,
            userIdentity: strings[stored.userIdentity] ?? "null", username: strings[stored.username],
            accessKeyID: strings[stored.accessKeyID], sourceIPAddress: strings[stored.sourceIPAddress] ?? "",
            userAgent: strings[stored.userAgent] ?? "", requestParameters: strings[stored.requestParameters],
            responseElements: stored.responseElements,
            additionalEventData: strings[stored.additionalEventData], requestID: stored.requestID,
            sharedEventID: stored.sharedEventID, resources: resourceLists[stored.resources] ?? [],
            host: strings[stored.host] ?? "", errorCode: strings[stored.errorCode],
            errorMessage: strings[stored.errorMessage])
    }

    /// LookupEvents over one posting list: the newest visible events within the time range and the 90 days.
    func lookup(_ query: LookupQuery, now: Int64) -> LookupPage {
        guard let account = strings.handle(of: query.account), let region = strings.handle(of: query.region),
            let shard = shards[ShardKey(account: account, region: region)]
        else { return LookupPage(events: []) }
        let candidates: ArraySlice<Int>
        switch query.attribute {
        case nil: candidates = shard.all.elements
        case (.eventID, let value)?:
            guard let id = EventID(value), let sequence = byEventID[id], liveSequences.contains(sequence),
                events[sequence].shardKey == ShardKey(account: account, region: region)
            else { return LookupPage(events: []) }
            candidates = [sequence]
        case (.readOnly, let value)?:
            guard value == "true" || value == "false" else { return LookupPage(events: []) }
            candidates = shard.lists[IndexKey(.readOnly, value == "true" ? 1 : 0)]?.elements ?? []
        case (.resourceType, let value)?:
            candidates = shard.resourceLists[ResourceKey(isName: false, value: value)]?.elements ?? []
        case (.resourceName, let value)?:
            candidates = shard.resourceLists[ResourceKey(isName: true, value: value)]?.elements ?? []
        case (let attribute, let value)?:
            guard let handle = strings.handle(of: value) else { return LookupPage(events: []) }
            candidates = shard.lists[IndexKey(attribute, handle)]?.elements ?? []
        }
        let oldest = max(query.startTime ?? .min, now - CloudTrailStore.retentionSeconds)
        let newest = query.endTime ?? .max
        let before = query.before ?? .max
        // Times grow with sequence numbers, so the range's upper end is a binary search; the lists only hold
        // live events, but the lower end is searched too rather than trusted with an array index.
        let live = liveSequences
        let first = partition(candidates) { $0 >= live.lowerBound }
        let end = partition(candidates[first...]) {
            $0 >= before || $0 >= live.upperBound || events[$0].eventTime > newest
        }
        var found: [Int] = []
        var index = end
        while index > first {
            index -= 1
            let sequence = candidates[index]
            let stored = events[sequence]
            if stored.eventTime < oldest { break }
            if stored.eventTime + Int64(stored.lagSeconds) > now { continue }
            if found.count == query.maxResults {
                return LookupPage(events: found.map(event(at:)), continueBefore: found.last)
            }
            found.append(sequence)
        }
        return LookupPage(events: found.map(event(at:)))
    }
}

/// The first index of a sorted list where `isAbove` holds (it holds for every later index too).
private func partition(_ list: ArraySlice<Int>, _ isAbove: (Int) -> Bool) -> Int {
    var low = list.startIndex
    var high = list.endIndex
    while low < high {
        let middle = low + (high - low) / 2
        if isAbove(list[middle]) { high = middle } else { low = middle + 1 }
    }
    return low
}

/// Whose history an event is in: the recipient account and the region it was recorded in, as string handles.
private struct ShardKey: Hashable {
    var account: InternTable<String>.Handle
    var region: InternTable<String>.Handle
}

/// A lookup attribute and the value's string handle (`ReadOnly`: 1 or 0): hashing two integers, not a string.
private struct IndexKey: Hashable {
    var attribute: LookupAttributeKey
    var value: UInt32

    init(_ attribute: LookupAttributeKey, _ value: UInt32) {
        self.attribute = attribute
        self.value = value
    }
}

/// A resource type or name (resources are not interned one by one).
private struct ResourceKey: Hashable {
    var isName: Bool
    var value: String
}

/// One history's indexes: every event, and the events per lookup attribute value.
private struct Shard {
    var all = PostingList()
    var lists: [IndexKey: PostingList] = [:]
    var resourceLists: [ResourceKey: PostingList] = [:]

    mutating func add(_ event: StoredEvent, resources: [TrailResource], sequence: Int) {
        all.append(sequence)
        for key in event.indexKeys { lists[key, default: PostingList()].append(sequence) }
        for key in Self.resourceKeys(resources) { resourceLists[key, default: PostingList()].append(sequence) }
    }

    /// Removes the oldest event; true when the history is now empty.
    mutating func remove(_ event: StoredEvent, resources: [TrailResource], sequence: Int) -> Bool {
        all.dropFirst(sequence)
        for key in event.indexKeys {
            lists[key]?.dropFirst(sequence)
            if lists[key]?.isEmpty == true { lists[key] = nil }
        }
        for key in Self.resourceKeys(resources) {
            resourceLists[key]?.dropFirst(sequence)
            if resourceLists[key]?.isEmpty == true { resourceLists[key] = nil }
        }
        return all.isEmpty
    }

    /// Each resource type and name once.
    static func resourceKeys(_ resources: [TrailResource]) -> [ResourceKey] {
        var keys: [ResourceKey] = []
        for resource in resources {
            for key in [
                ResourceKey(isName: false, value: resource.type), ResourceKey(isName: true, value: resource.arn),
            ]
            where !keys.contains(key) {
                keys.append(key)
            }
        }
        return keys
    }
}

/// An event as the store keeps it: IDs and times inline, everything else as handles into the intern tables.
private struct StoredEvent {
    var eventID: EventID
    var requestID: EventID
    var sharedEventID: EventID?
    var eventTime: Int64
    var lagSeconds: UInt32
    var readOnly: Bool
    var account: InternTable<String>.Handle
    var region: InternTable<String>.Handle
    var eventSource: InternTable<String>.Handle
    var eventName: InternTable<String>.Handle
    var userIdentity: InternTable<String>.Handle
    var username: InternTable<String>.Handle
    var accessKeyID: InternTable<String>.Handle
    var sourceIPAddress: InternTable<String>.Handle
    var userAgent: InternTable<String>.Handle
    var requestParameters: InternTable<String>.Handle
    /// Unique to each call (fresh credentials): kept inline, interning would only add a table entry.
    var responseElements: String?
    var additionalEventData: InternTable<String>.Handle
    var host: InternTable<String>.Handle
    var errorCode: InternTable<String>.Handle
    var errorMessage: InternTable<String>.Handle
    var resources: InternTable<[TrailResource]>.Handle

    var shardKey: ShardKey { ShardKey(account: account, region: region) }

    /// The posting lists this event is in, besides its resources' and `all`.
    var indexKeys: [IndexKey] {
        var keys = [
            IndexKey(.eventName, eventName), IndexKey(.eventSource, eventSource), IndexKey(.readOnly, readOnly ? 1 : 0),
        ]
        if username != InternTable<String>.none { keys.append(IndexKey(.username, username)) }
        if accessKeyID != InternTable<String>.none { keys.append(IndexKey(.accessKeyID, accessKeyID)) }
        return keys
    }

    var stringHandles: [InternTable<String>.Handle] {
        [
            account, region, eventSource, eventName, userIdentity, username, accessKeyID, sourceIPAddress, userAgent,
            requestParameters, additionalEventData, host, errorCode, errorMessage,
        ]
    }
}
