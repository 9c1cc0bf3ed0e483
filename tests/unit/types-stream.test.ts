// The stream structure alone: ordered entries, tombstones, nodes, counters and groups.
import { describe, expect, it } from 'vitest'
import { ConsumerGroup, formatId, makeId, MAX_ID, MIN_ID, SortedIds, StreamValue } from '../../worker/types/stream.ts'

const id = (ms: number, seq = 0) => makeId(BigInt(ms), BigInt(seq))
const ids = (stream: StreamValue, count = 0, reverse = false) =>
  stream.range(MIN_ID, MAX_ID, count, reverse).map((entry) => formatId(entry.id))

describe('StreamValue', () => {
  it('keeps entries in id order, seeks by id and skips deleted ones', () => {
    const stream = new StreamValue()
    for (let i = 1; i <= 1000; i++) stream.append(id(i), ['f', String(i)], 100)
    expect(stream.size).toBe(1000)
    expect(stream.nodeCount).toBe(10)
    expect(stream.range(id(500), id(502)).map((e) => e.fields[1])).toEqual(['500', '501', '502'])
    for (let i = 1; i <= 900; i++) stream.delete(id(i))
    expect(stream.size).toBe(100)
    expect(stream.nodeCount).toBe(1)
    expect(ids(stream, 2)).toEqual(['901-0', '902-0'])
    expect(ids(stream, 1, true)).toEqual(['1000-0'])
    expect(formatId(stream.firstId)).toBe('901-0')
    expect(formatId(stream.maxDeletedId)).toBe('900-0')
    expect(stream.entriesAdded).toBe(1000)
  })

  it('formats the largest id and clones groups with their pending entries', () => {
    expect(formatId(MAX_ID)).toBe('18446744073709551615-18446744073709551615')
    const stream = new StreamValue()
    stream.append(id(1, 1), ['a', '1'], 100)
    const group = new ConsumerGroup(MIN_ID, -1)
    const consumer = group.consumer('c', 5)
    const pending = { id: id(1, 1), consumer, deliveryTime: 5, deliveryCount: 1 }
    group.pending.set(pending.id, pending)
    consumer.pending.set(pending.id, pending)
    stream.groups.set('g', group)
    const copy = stream.clone()
    const copied = copy.groups.get('g')!
    expect(copied.pending.get(id(1, 1))?.consumer).toBe(copied.consumers.get('c'))
    copied.acknowledge(copied.pending.get(id(1, 1))!)
    expect(group.pending.size).toBe(1)
    expect(copy.encoding()).toBe('stream')
  })

  it('estimates a group read counter and lag as Redis does', () => {
    const stream = new StreamValue()
    for (let i = 1; i <= 3; i++) stream.append(id(i), ['f', 'v'], 100)
    expect(stream.estimateDistance(id(3))).toBe(3)
    expect(stream.estimateDistance(id(1))).toBe(1)
    expect(stream.estimateDistance(id(0))).toBe(0)
    stream.delete(id(2))
    expect(stream.estimateDistance(id(1))).toBe(-1)
    expect(stream.lag(new ConsumerGroup(id(3), -1))).toBe(0)
  })
})

describe('SortedIds', () => {
  it('inserts anywhere, finds, deletes and iterates a range in order', () => {
    const sorted = new SortedIds<string>()
    for (const n of [5, 1, 3, 9, 7]) sorted.set(id(n), String(n))
    expect([...sorted.range(id(2), id(8))]).toEqual(['3', '5', '7'])
    expect(sorted.delete(id(5))).toBe(true)
    expect(sorted.delete(id(5))).toBe(false)
    expect(sorted.first()).toBe('1')
    expect(sorted.last()).toBe('9')
    expect(sorted.size).toBe(4)
  })
})
