// A Redis stream: entries (an id and field-value pairs) ordered by id, with the bookkeeping
// Redis 7.0 keeps (last id, entries added, max deleted id, recorded first id) and consumer groups.
//
// An id is one 128-bit bigint, (ms << 64) | seq, so comparing ids is comparing numbers. Entries
// live in parallel arrays sorted by id: appends go at the end (the common case, O(1)), seeks are
// a binary search. XDEL and exact trimming leave tombstones (`undefined` fields) that a compaction
// removes once they outnumber the live entries, so deletes stay amortized O(log N).
//
// Redis stores entries in listpack nodes of at most stream-node-max-entries entries (live and
// deleted); approximate trimming (`~`) removes whole nodes only. The nodes are modelled by entry
// count (not by bytes) so `~` trims where Redis trims for entries of ordinary size.

export type StreamId = bigint

const SEQ_BITS = 64n
const U64_MAX = (1n << 64n) - 1n
export const MIN_ID: StreamId = 0n
export const MAX_ID: StreamId = (U64_MAX << SEQ_BITS) | U64_MAX

export const makeId = (ms: bigint, seq: bigint): StreamId => (ms << SEQ_BITS) | seq
export const idMs = (id: StreamId): bigint => id >> SEQ_BITS
export const idSeq = (id: StreamId): bigint => id & U64_MAX
export const formatId = (id: StreamId): string => `${id >> SEQ_BITS}-${id & U64_MAX}`

export interface StreamEntry {
  id: StreamId
  /** Field and value alternate. */
  fields: string[]
}

/** A delivered, not yet acknowledged entry of a group (Redis's streamNACK). */
export interface PendingEntry {
  id: StreamId
  consumer: Consumer
  deliveryTime: number
  deliveryCount: number
}

export class Consumer {
  /** The consumer's own pending entries, by id. */
  readonly pending = new SortedIds<PendingEntry>()
  constructor(
    readonly name: string,
    public seenTime: number,
  ) {}
}

/** The counter Redis uses when a group's read count is unknown (SCG_INVALID_ENTRIES_READ). */
export const INVALID_ENTRIES_READ = -1

export class ConsumerGroup {
  /** The group's pending entries list (PEL), by id. */
  readonly pending = new SortedIds<PendingEntry>()
  readonly consumers = new Map<string, Consumer>()
  constructor(
    public lastId: StreamId,
    public entriesRead: number,
  ) {}

  /** The consumer with this name, created (seen now) when missing. */
  consumer(name: string, now: number): Consumer {
    let consumer = this.consumers.get(name)
    if (consumer === undefined) {
      consumer = new Consumer(name, now)
      this.consumers.set(name, consumer)
    }
    return consumer
  }

  /** Consumers in name order (Redis keeps them in a radix tree). */
  consumersByName(): Consumer[] {
    return [...this.consumers.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  }

  /** Removes a pending entry from the group and from its consumer. */
  acknowledge(entry: PendingEntry): void {
    this.pending.delete(entry.id)
    entry.consumer.pending.delete(entry.id)
  }
}

/** Values keyed by stream id, kept in id order: a sorted array with binary search. */
export class SortedIds<T> {
  private readonly ids: StreamId[] = []
  private readonly values: T[] = []

  get size(): number {
    return this.ids.length
  }

  get(id: StreamId): T | undefined {
    const at = lowerBound(this.ids, id, 0, this.ids.length)
    return this.ids[at] === id ? this.values[at] : undefined
  }

  set(id: StreamId, value: T): void {
    const n = this.ids.length
    if (n === 0 || this.ids[n - 1] < id) {
      this.ids.push(id)
      this.values.push(value)
      return
    }
    const at = lowerBound(this.ids, id, 0, n)
    if (this.ids[at] === id) {
      this.values[at] = value
      return
    }
    this.ids.splice(at, 0, id)
    this.values.splice(at, 0, value)
  }

  delete(id: StreamId): boolean {
    const at = lowerBound(this.ids, id, 0, this.ids.length)
    if (this.ids[at] !== id) return false
    this.ids.splice(at, 1)
    this.values.splice(at, 1)
    return true
  }

  /** Values with ids in [start, end], in order, at most `count` (0 = all). */
  *range(start: StreamId, end: StreamId): IterableIterator<T> {
    for (let i = lowerBound(this.ids, start, 0, this.ids.length); i < this.ids.length && this.ids[i] <= end; i++) {
      yield this.values[i]
    }
  }

  first(): T | undefined {
    return this.values[0]
  }

  last(): T | undefined {
    return this.values[this.values.length - 1]
  }

  all(): readonly T[] {
    return this.values
  }
}

/** The first index in ids[from, to) whose id is >= id. */
function lowerBound(ids: readonly StreamId[], id: StreamId, from: number, to: number): number {
  let lo = from
  let hi = to
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (ids[mid] < id) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** A listpack node: a run of slots, with how many of them are live. */
interface StreamNode {
  start: number
  end: number
  live: number
}

export interface TrimOptions {
  strategy: 'maxlen' | 'minid'
  maxlen: number
  minid: StreamId
  approximate: boolean
  /** Most entries to remove (0 = no limit); whole nodes only, as Redis counts it. */
  limit: number
}

export class StreamValue {
  readonly kind = 'stream' as const
  /** Slots sorted by id; a deleted entry keeps its slot (fields undefined) until compaction. */
  private ids: StreamId[] = []
  private fields: Array<string[] | undefined> = []
  private nodes: StreamNode[] = []
  private live = 0
  lastId: StreamId = MIN_ID
  maxDeletedId: StreamId = MIN_ID
  firstId: StreamId = MIN_ID
  entriesAdded = 0
  readonly groups = new Map<string, ConsumerGroup>()

  /** How many live entries (XLEN). A stream is never removed for being empty. */
  get size(): number {
    return this.live
  }

  encoding(): 'stream' {
    return 'stream'
  }

  /** Appends an entry whose id is above lastId. `nodeMaxEntries` is stream-node-max-entries. */
  append(id: StreamId, fields: string[], nodeMaxEntries: number): void {
    const slot = this.ids.length
    this.ids.push(id)
    this.fields.push(fields)
    const tail = this.nodes[this.nodes.length - 1]
    if (tail !== undefined && tail.end === slot && (nodeMaxEntries <= 0 || tail.end - tail.start < nodeMaxEntries)) {
      tail.end++
      tail.live++
    } else {
      this.nodes.push({ start: slot, end: slot + 1, live: 1 })
    }
    this.live++
    this.entriesAdded++
    this.lastId = id
    if (this.live === 1) this.firstId = id
  }

  /** The entry with this id, if live. */
  get(id: StreamId): StreamEntry | undefined {
    const at = lowerBound(this.ids, id, 0, this.ids.length)
    const fields = this.ids[at] === id ? this.fields[at] : undefined
    return fields === undefined ? undefined : { id, fields }
  }

  /** Live entries with ids in [start, end], oldest first (or newest first when reverse), at most count (0 = all). */
  range(start: StreamId, end: StreamId, count = 0, reverse = false): StreamEntry[] {
    const out: StreamEntry[] = []
    if (start > end) return out
    if (!reverse) {
      for (let i = lowerBound(this.ids, start, 0, this.ids.length); i < this.ids.length && this.ids[i] <= end; i++) {
        const fields = this.fields[i]
        if (fields === undefined) continue
        out.push({ id: this.ids[i], fields })
        if (out.length === count) break
      }
    } else {
      for (let i = lowerBound(this.ids, end + 1n, 0, this.ids.length) - 1; i >= 0 && this.ids[i] >= start; i--) {
        const fields = this.fields[i]
        if (fields === undefined) continue
        out.push({ id: this.ids[i], fields })
        if (out.length === count) break
      }
    }
    return out
  }

  /** The first (or last) live entry. */
  edge(first: boolean): StreamEntry | undefined {
    const found = first ? this.range(MIN_ID, MAX_ID, 1) : this.range(MIN_ID, MAX_ID, 1, true)
    return found[0]
  }

  /** Deletes a live entry (XDEL); true when it was there. Updates max deleted and first ids as Redis does. */
  delete(id: StreamId): boolean {
    const at = lowerBound(this.ids, id, 0, this.ids.length)
    if (this.ids[at] !== id || this.fields[at] === undefined) return false
    this.kill(at)
    if (id > this.maxDeletedId) this.maxDeletedId = id
    if (this.live === 0) this.firstId = MIN_ID
    else if (id === this.firstId) this.firstId = this.edge(true)?.id ?? MAX_ID
    this.compactIfSparse()
    return true
  }

  /** Trims by MAXLEN or MINID as Redis's streamTrim does; returns how many entries were removed. */
  trim(options: TrimOptions): number {
    let deleted = 0
    while (this.nodes.length > 0) {
      if (options.strategy === 'maxlen' && this.live <= options.maxlen) break
      const node = this.nodes[0]
      if (options.limit > 0 && deleted + node.live > options.limit) break
      const removeNode = options.strategy === 'maxlen'
        ? this.live - node.live >= options.maxlen
        : this.lastSlotId(node) < options.minid
      if (removeNode) {
        deleted += node.live
        for (let i = node.start; i < node.end; i++) if (this.fields[i] !== undefined) this.kill(i, false)
        this.nodes.shift()
        continue
      }
      if (options.approximate) break
      for (let i = node.start; i < node.end; i++) {
        if (this.fields[i] === undefined) continue
        if (options.strategy === 'maxlen' ? this.live <= options.maxlen : this.ids[i] >= options.minid) break
        this.kill(i)
        deleted++
      }
      break
    }
    this.firstId = this.live === 0 ? MIN_ID : (this.edge(true)?.id ?? MIN_ID)
    this.compactIfSparse()
    return deleted
  }

  /** Live entries [start, start + count) oldest first, as [id text, fields] (the key inspector's window). */
  window(start: number, count: number): Array<[id: string, fields: string[]]> {
    const out: Array<[string, string[]]> = []
    let skipped = 0
    for (let i = 0; i < this.ids.length && out.length < count; i++) {
      const fields = this.fields[i]
      if (fields === undefined) continue
      if (skipped++ < start) continue
      out.push([formatId(this.ids[i]), fields])
    }
    return out
  }

  /** How many listpack nodes Redis would have (XINFO radix-tree-keys). */
  get nodeCount(): number {
    return this.nodes.length
  }

  /** The number of radix tree nodes Redis's rax would use for the node keys (XINFO radix-tree-nodes). */
  radixTreeNodes(): number {
    if (this.nodes.length === 0) return 1
    const keys = this.nodes.map((node) => idBytes(this.ids[node.start]))
    return raxNodes(keys, 0, keys.length, 0)
  }

  /** A copy with the same entries, nodes, counters and groups (COPY, snapshots). */
  clone(): StreamValue {
    const copy = new StreamValue()
    copy.ids = [...this.ids]
    copy.fields = [...this.fields]
    copy.nodes = this.nodes.map((node) => ({ ...node }))
    copy.live = this.live
    copy.lastId = this.lastId
    copy.maxDeletedId = this.maxDeletedId
    copy.firstId = this.firstId
    copy.entriesAdded = this.entriesAdded
    for (const [name, group] of this.groups) {
      const groupCopy = new ConsumerGroup(group.lastId, group.entriesRead)
      for (const consumer of group.consumers.values()) groupCopy.consumer(consumer.name, consumer.seenTime)
      for (const entry of group.pending.all()) {
        const consumer = groupCopy.consumer(entry.consumer.name, entry.consumer.seenTime)
        const pending = { ...entry, consumer }
        groupCopy.pending.set(entry.id, pending)
        consumer.pending.set(entry.id, pending)
      }
      copy.groups.set(name, groupCopy)
    }
    return copy
  }

  /** Groups in name order (Redis keeps them in a radix tree). */
  groupsByName(): Array<[string, ConsumerGroup]> {
    return [...this.groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  }

  /**
   * The logical position (entries added up to and including `id`) when it can be known without
   * a scan, else INVALID_ENTRIES_READ (Redis's streamEstimateDistanceFromFirstEverEntry).
   */
  estimateDistance(id: StreamId): number {
    if (this.entriesAdded === 0) return 0
    if (this.live === 0 && id <= this.lastId) return this.entriesAdded
    if (id === this.lastId) return this.entriesAdded
    if (id > this.lastId) return INVALID_ENTRIES_READ
    if (this.maxDeletedId === MIN_ID || this.maxDeletedId < this.firstId) {
      if (id < this.firstId) return this.entriesAdded - this.live
      if (id === this.firstId) return this.entriesAdded - this.live + 1
    }
    return INVALID_ENTRIES_READ
  }

  /** Whether a deleted entry may lie in [start, MAX] (Redis's streamRangeHasTombstones with no end). */
  hasTombstonesFrom(start: StreamId): boolean {
    if (this.live === 0 || this.maxDeletedId === MIN_ID) return false
    if (this.firstId > this.maxDeletedId) return false
    return start <= this.maxDeletedId
  }

  /** A group's lag (entries not yet read by it), or undefined when it cannot be known. */
  lag(group: ConsumerGroup): number | undefined {
    if (this.entriesAdded === 0) return 0
    if (group.entriesRead !== INVALID_ENTRIES_READ && !this.hasTombstonesFrom(group.lastId)) {
      return this.entriesAdded - group.entriesRead
    }
    const read = this.estimateDistance(group.lastId)
    return read === INVALID_ENTRIES_READ ? undefined : this.entriesAdded - read
  }

  /** The id of the last slot of a node, live or deleted (Redis reads it from the listpack's end). */
  private lastSlotId(node: StreamNode): StreamId {
    return this.ids[node.end - 1]
  }

  /** Marks a slot deleted and updates its node (removing it once empty, as Redis frees an empty listpack). */
  private kill(slot: number, updateNode = true): void {
    this.fields[slot] = undefined
    this.live--
    if (!updateNode) return
    const index = this.nodeOf(slot)
    const node = this.nodes[index]
    node.live--
    if (node.live === 0) this.nodes.splice(index, 1)
  }

  private nodeOf(slot: number): number {
    let lo = 0
    let hi = this.nodes.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if (this.nodes[mid].start <= slot) lo = mid
      else hi = mid - 1
    }
    return lo
  }

  /** Drops tombstones outside any node, and all of them once they outnumber live entries. */
  private compactIfSparse(): void {
    const dead = this.ids.length - this.live
    if (dead <= 64 || dead <= this.live) return
    const ids: StreamId[] = []
    const fields: Array<string[] | undefined> = []
    for (const node of this.nodes) {
      const start = ids.length
      for (let i = node.start; i < node.end; i++) {
        ids.push(this.ids[i])
        fields.push(this.fields[i])
      }
      node.start = start
      node.end = ids.length
    }
    this.ids = ids
    this.fields = fields
  }
}

/** An id as the 16 big-endian bytes Redis uses as its radix tree key. */
function idBytes(id: StreamId): number[] {
  const bytes: number[] = []
  for (let shift = 120n; shift >= 0n; shift -= 8n) bytes.push(Number((id >> shift) & 0xffn))
  return bytes
}

/** Nodes of a compressed radix tree holding sorted keys[from, to) below `depth` (a leaf counts one). */
function raxNodes(keys: number[][], from: number, to: number, depth: number): number {
  const length = keys[from].length
  if (depth === length) return 1
  let common = 0
  while (depth + common < length && keys[from][depth + common] === keys[to - 1][depth + common]) common++
  if (common > 0) return 1 + raxNodes(keys, from, to, depth + common)
  let total = 1
  for (let i = from; i < to; ) {
    let j = i + 1
    while (j < to && keys[j][depth] === keys[i][depth]) j++
    total += raxNodes(keys, i, j, depth + 1)
    i = j
  }
  return total
}
