// The sorted-set structure alone: random operations checked against a plain sorted array.
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../helpers/engine.ts'
import { type LexRange, listpackLimits, type ScoreRange, ZSetValue } from '../../worker/types/zset.ts'

const LIMITS = listpackLimits(new Map())
const NO_LISTPACK = { entries: 0, value: 0 }

/** The model: [member, score] pairs kept sorted by (score, member). */
class Model {
  items: Array<[string, number]> = []
  private static order = (a: [string, number], b: [string, number]) =>
    a[1] !== b[1] ? a[1] - b[1] : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0
  set(member: string, score: number): boolean {
    const i = this.items.findIndex(([m]) => m === member)
    if (i >= 0) this.items.splice(i, 1)
    this.items.push([member, score])
    this.items.sort(Model.order)
    return i < 0
  }
  delete(member: string): boolean {
    const i = this.items.findIndex(([m]) => m === member)
    if (i >= 0) this.items.splice(i, 1)
    return i >= 0
  }
  rank(member: string): number | undefined {
    const i = this.items.findIndex(([m]) => m === member)
    return i < 0 ? undefined : i
  }
}

interface TreeShape {
  members?: string[]
  scores?: number[]
  children?: TreeShape[]
  sizes?: number[]
  maxScores?: number[]
  maxMembers?: string[]
}

/**
 * The tree's invariants, read through its private root: leaves all at one depth, every node but
 * the root at least half full (so the depth is O(log N)), counts and key bounds right.
 */
function checkTree(zset: ZSetValue): void {
  const root = (zset as unknown as { root: TreeShape }).root
  const depths = new Set<number>()
  const walk = (node: TreeShape, depth: number, isRoot: boolean): [number, [number, string] | undefined] => {
    if (node.members !== undefined && node.scores !== undefined) {
      depths.add(depth)
      if (!isRoot) expect(node.members.length).toBeGreaterThanOrEqual(32)
      expect(node.members.length).toBeLessThanOrEqual(64)
      const last = node.members.length - 1
      return [node.members.length, last < 0 ? undefined : [node.scores[last], node.members[last]]]
    }
    const { children = [], sizes = [], maxScores = [], maxMembers = [] } = node
    expect(children.length).toBeGreaterThanOrEqual(isRoot ? 2 : 32)
    expect(children.length).toBeLessThanOrEqual(64)
    let total = 0
    let previousBound: [number, string] | undefined
    let lastKey: [number, string] | undefined
    children.forEach((child, i) => {
      const [size, childLast] = walk(child, depth + 1, false)
      expect(sizes[i]).toBe(size)
      total += size
      const bound: [number, string] = [maxScores[i], maxMembers[i]]
      const firstKey = [...zsetOfSubtree(child)][0]
      if (previousBound !== undefined) expect(keyBefore(previousBound, firstKey)).toBe(true)
      if (childLast !== undefined) expect(keyBefore(bound, childLast)).toBe(false)
      previousBound = bound
      lastKey = childLast
    })
    return [total, lastKey]
  }
  const [total] = walk(root, 0, true)
  expect(total).toBe(zset.size)
  expect(depths.size).toBeLessThanOrEqual(1)
}

function* zsetOfSubtree(node: TreeShape): IterableIterator<[number, string]> {
  if (node.members !== undefined && node.scores !== undefined) {
    for (let i = 0; i < node.members.length; i++) yield [node.scores[i], node.members[i]]
  } else {
    for (const child of node.children ?? []) yield* zsetOfSubtree(child)
  }
}

const keyBefore = (a: [number, string], b: [number, string]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])

function entries(zset: ZSetValue): Array<[string, number]> {
  return [...zset.entries()].map((e) => [e.member, e.score])
}

/** Checks every read the structure offers against the model. */
function checkAgainst(zset: ZSetValue, model: Model, random: () => number): void {
  checkTree(zset)
  expect(zset.size).toBe(model.items.length)
  expect(entries(zset)).toEqual(model.items)
  expect([...zset]).toEqual(model.items.map(([m]) => m))
  const reversed = [...zset.walk(zset.size - 1, zset.size, true)].map((e) => [e.member, e.score])
  expect(reversed).toEqual([...model.items].reverse())
  for (let probe = 0; probe < 20 && model.items.length > 0; probe++) {
    const rank = Math.floor(random() * model.items.length)
    const [member, score] = model.items[rank]
    expect(zset.rank(member)).toBe(rank)
    expect(zset.score(member)).toBe(score)
    expect(zset.at(rank)).toEqual({ member, score })
    const count = Math.floor(random() * 150)
    const reverse = random() < 0.5
    const walked = [...zset.walk(rank, count, reverse)].map((e) => [e.member, e.score])
    const expected = reverse
      ? model.items.slice(Math.max(0, rank - count + 1), rank + 1).reverse()
      : model.items.slice(rank, rank + count)
    expect(walked).toEqual(expected)
  }
}

describe('ZSetValue against a sorted array', () => {
  it('random adds, score changes, removals and range deletions', () => {
    const random = seededRandom(7)
    const zset = new ZSetValue()
    const model = new Model()
    for (let step = 0; step < 6000; step++) {
      const roll = random()
      const member = `m${Math.floor(random() * 1500)}`
      const score = Math.floor(random() * 40) - 20
      if (roll < 0.6) {
        expect(zset.set(member, score, NO_LISTPACK)).toBe(model.set(member, score))
      } else if (roll < 0.9) {
        expect(zset.delete(member)).toBe(model.delete(member))
      } else if (roll < 0.93) {
        const start = Math.floor(random() * (model.items.length + 5)) - 2
        const stop = start + Math.floor(random() * (random() < 0.3 ? 400 : 10))
        const clippedStart = Math.max(start, 0)
        const clippedStop = Math.min(stop, model.items.length - 1)
        const removed = model.items.splice(clippedStart, Math.max(0, clippedStop - clippedStart + 1))
        expect(zset.deleteRanks(start, stop)).toBe(removed.length)
      } else {
        expect(zset.rank(member)).toBe(model.rank(member))
      }
      if (step % 500 === 0) checkAgainst(zset, model, random)
    }
    checkAgainst(zset, model, random)
  })

  it('grows to many members and shrinks back to none', () => {
    const random = seededRandom(3)
    const zset = new ZSetValue()
    const model = new Model()
    const members: string[] = []
    for (let i = 0; i < 20000; i++) {
      const member = `k${i}`
      members.push(member)
      zset.set(member, Math.floor(random() * 1000), NO_LISTPACK)
    }
    for (const member of members) model.items.push([member, zset.score(member) as number])
    model.items.sort((a, b) => (a[1] !== b[1] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1))
    checkAgainst(zset, model, random)
    // Remove in random order, with a few big range deletions in between.
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[members[i], members[j]] = [members[j], members[i]]
    }
    for (let i = 0; i < members.length; i++) {
      if (i % 5000 === 17 && zset.size > 3000) {
        const start = Math.floor(random() * 1000)
        const removed = model.items.splice(start, 2500)
        expect(zset.deleteRanks(start, start + 2499)).toBe(removed.length)
      }
      expect(zset.delete(members[i])).toBe(model.delete(members[i]))
      if (i % 4000 === 0) checkAgainst(zset, model, random)
    }
    expect(zset.size).toBe(0)
    expect(entries(zset)).toEqual([])
    zset.set('again', 1, NO_LISTPACK)
    expect(entries(zset)).toEqual([['again', 1]])
  })

  it('deletes whole and partial ranges at every size', () => {
    for (const size of [1, 2, 63, 64, 65, 200, 5000, 150000]) {
      for (const [start, stop] of [[0, size - 1], [1, size - 2], [0, 0], [size - 1, size - 1], [size >> 1, size]]) {
        const zset = new ZSetValue()
        const model = new Model()
        for (let i = 0; i < size; i++) {
          zset.set(`x${i}`, i, NO_LISTPACK)
          model.items.push([`x${i}`, i])
        }
        const s = Math.max(start, 0)
        const removed = model.items.splice(s, Math.max(0, Math.min(stop, size - 1) - s + 1))
        expect(zset.deleteRanks(start, stop)).toBe(removed.length)
        checkAgainst(zset, model, seededRandom(size))
      }
    }
  })

  it('orders equal scores by member bytes, and -inf/+inf at the ends', () => {
    const zset = new ZSetValue()
    for (const [m, s] of [['b', 1], ['a', 1], ['\xff', 1], ['', 1], ['z', -Infinity], ['y', Infinity], ['aa', 1]] as const) {
      zset.set(m, s, LIMITS)
    }
    expect([...zset]).toEqual(['z', '', 'a', 'aa', 'b', '\xff', 'y'])
  })

  it('finds score and lex ranges by rank', () => {
    const zset = new ZSetValue()
    for (let i = 0; i < 300; i++) zset.set(`s${i}`, i * 2, NO_LISTPACK)
    const range = (min: number, max: number, minExclusive = false, maxExclusive = false): ScoreRange =>
      ({ min, max, minExclusive, maxExclusive })
    expect(zset.scoreRange(range(10, 20))).toEqual([5, 10])
    expect(zset.scoreRange(range(10, 20, true, true))).toEqual([6, 9])
    expect(zset.scoreRange(range(11, 11))).toBeUndefined()
    expect(zset.scoreRange(range(10, 10, true))).toBeUndefined()
    expect(zset.scoreRange(range(-Infinity, Infinity))).toEqual([0, 299])
    expect(zset.scoreRange(range(20, 10))).toBeUndefined()
    expect(zset.scoreRange(range(598, 1000))).toEqual([299, 299])
    expect(zset.scoreRange(range(599, 1000))).toBeUndefined()

    const lex = new ZSetValue()
    for (const m of ['a', 'b', 'c', 'd', 'e']) lex.set(m, 0, LIMITS)
    const check = (r: LexRange) => lex.lexRange(r)
    expect(check({ min: '-', max: '+' })).toEqual([0, 4])
    expect(check({ min: { value: 'b', exclusive: false }, max: { value: 'd', exclusive: true } })).toEqual([1, 2])
    expect(check({ min: { value: 'b', exclusive: true }, max: '+' })).toEqual([2, 4])
    expect(check({ min: '+', max: '+' })).toBeUndefined()
    expect(check({ min: '-', max: '-' })).toBeUndefined()
    expect(check({ min: { value: 'c', exclusive: false }, max: { value: 'a', exclusive: false } })).toBeUndefined()
    expect(check({ min: { value: 'bb', exclusive: false }, max: { value: 'bc', exclusive: false } })).toBeUndefined()
  })

  it('tracks the listpack encoding and never goes back', () => {
    const limits = { entries: 3, value: 5 }
    const zset = new ZSetValue()
    for (const m of ['a', 'b', 'c']) zset.set(m, 1, limits)
    expect(zset.encoding()).toBe('listpack')
    zset.set('d', 1, limits)
    expect(zset.encoding()).toBe('skiplist')
    zset.delete('d')
    zset.delete('c')
    expect(zset.encoding()).toBe('skiplist')

    const long = new ZSetValue()
    long.set('abcdef', 1, limits)
    expect(long.encoding()).toBe('skiplist')
    const fits = new ZSetValue()
    fits.set('abcde', 1, limits)
    expect(fits.encoding()).toBe('listpack')
    expect(fits.clone().encoding()).toBe('listpack')
  })

  it('loses the sign of zero only while a listpack', () => {
    const packed = new ZSetValue()
    packed.set('a', -0, LIMITS)
    expect(Object.is(packed.score('a'), 0)).toBe(true)
    const skiplist = new ZSetValue()
    skiplist.set('a', -0, NO_LISTPACK)
    expect(Object.is(skiplist.score('a'), -0)).toBe(true)
    skiplist.set('a', 0, NO_LISTPACK)
    expect(Object.is(skiplist.score('a'), -0)).toBe(true)

    const stored = ZSetValue.asSkiplist()
    stored.set('a', -0, LIMITS)
    stored.set('b', -1, LIMITS)
    expect(stored.encoding()).toBe('skiplist')
    expect(Object.is(stored.score('a'), -0)).toBe(true)
    stored.packIfSmall(LIMITS)
    expect(stored.encoding()).toBe('listpack')
    expect(Object.is(stored.score('a'), 0)).toBe(true)
    expect([...stored]).toEqual(['b', 'a'])
  })

  it('prints ZSCAN scores as each encoding stores them', () => {
    const packed = new ZSetValue()
    const skiplist = ZSetValue.asSkiplist()
    const cases: Array<[number, string, string]> = [
      [3, '3', '3'], [1e17, '100000000000000000', '1e+17'], [1.5, '1.5', '1.5'], [2 ** 62, '4611686018427387904', '4.6116860184273879e+18'],
      [2 ** 63, '9.2233720368547758e+18', '9.2233720368547758e+18'], [Infinity, 'inf', 'inf'], [-0, '0', '-0'],
    ]
    for (const [score, listpackText, skiplistText] of cases) {
      expect(packed.scanScoreText(score)).toBe(listpackText)
      expect(skiplist.scanScoreText(score)).toBe(skiplistText)
    }
  })

  it('copies deeply', () => {
    const zset = new ZSetValue()
    for (let i = 0; i < 500; i++) zset.set(`c${i}`, i % 7, NO_LISTPACK)
    const copy = zset.clone()
    copy.set('c1', 100, NO_LISTPACK)
    copy.delete('c2')
    expect(zset.score('c1')).toBe(1)
    expect(zset.has('c2')).toBe(true)
    expect(copy.size).toBe(499)
    expect(entries(zset).length).toBe(500)
    expect(copy.encoding()).toBe('skiplist')
  })
})
