// A Redis sorted set: members with scores, ordered by (score, member bytes).
//
// A Map gives each member's score in O(1) (ZSCORE). The order lives in a B+tree that counts the
// members under each child: insert, delete, rank and rank -> member cost O(log N), and a range
// costs O(log N) to find plus O(1) per member walked. Redis uses a skiplist with spans for the
// same job; a tree with wide nodes does it with far fewer pointer hops in JS, so a million
// members stay fast and compact. All leaves are at the same depth; every node but the root is at
// least half full, so the depth is O(log N).
//
// The encoding Redis would report is tracked too: a 'listpack' while every write has kept the set
// within zset-max-listpack-entries members of at most zset-max-listpack-value bytes, then
// 'skiplist' for good. A listpack stores integral scores as integers, so it loses the sign of -0.
import { formatDouble } from '../double.ts'

/** Most members in a leaf and most children of a branch; nodes split above and merge below half. */
const LEAF_MAX = 64
const BRANCH_MAX = 64
const LEAF_MIN = LEAF_MAX / 2
const BRANCH_MIN = BRANCH_MAX / 2

/** Integral scores within +-2^62 are kept as integers in a listpack (Redis's double2ll). */
const LISTPACK_INTEGER_LIMIT = 2 ** 62

export type ZSetEncoding = 'listpack' | 'skiplist'

/** The two listpack limits, read from the configuration once per command. */
export interface ListpackLimits {
  entries: number
  value: number
}

export function listpackLimits(config: ReadonlyMap<string, string>): ListpackLimits {
  return {
    entries: Number(config.get('zset-max-listpack-entries') ?? 128),
    value: Number(config.get('zset-max-listpack-value') ?? 64),
  }
}

/** A score interval; an exclusive end is written '(' in commands. */
export interface ScoreRange {
  min: number
  max: number
  minExclusive: boolean
  maxExclusive: boolean
}

/** One end of a lex interval: '-' and '+' are below and above every member. */
export type LexBound = '-' | '+' | { value: string; exclusive: boolean }

export interface LexRange {
  min: LexBound
  max: LexBound
}

/** A member and its score, as the set walks them. */
export interface ZSetEntry {
  readonly member: string
  readonly score: number
}

export function scoreAboveMin(score: number, range: ScoreRange): boolean {
  return range.minExclusive ? score > range.min : score >= range.min
}

export function scoreBelowMax(score: number, range: ScoreRange): boolean {
  return range.maxExclusive ? score < range.max : score <= range.max
}

export function lexAboveMin(member: string, min: LexBound): boolean {
  if (min === '-') return true
  if (min === '+') return false
  return min.exclusive ? member > min.value : member >= min.value
}

export function lexBelowMax(member: string, max: LexBound): boolean {
  if (max === '-') return false
  if (max === '+') return true
  return max.exclusive ? member < max.value : member <= max.value
}

/** Sorted members and their scores, side by side. */
class Leaf {
  constructor(
    readonly members: string[] = [],
    readonly scores: number[] = [],
  ) {}
}

/**
 * Children with their member counts and an upper bound of their keys: child i holds keys at most
 * (maxScores[i], maxMembers[i]) and every key of the later children is above that bound. A
 * bound may outlive the member it came from; it stays a valid bound.
 */
class Branch {
  constructor(
    readonly children: Array<Leaf | Branch> = [],
    readonly sizes: number[] = [],
    readonly maxScores: number[] = [],
    readonly maxMembers: string[] = [],
  ) {}
}

type TreeNode = Leaf | Branch

/** Is (scoreA, memberA) before (scoreB, memberB) in the set's order? */
function before(scoreA: number, memberA: string, scoreB: number, memberB: string): boolean {
  return scoreA < scoreB || (scoreA === scoreB && memberA < memberB)
}

/** How many keys of a leaf are before (score, member). */
function leafPosition(leaf: Leaf, score: number, member: string): number {
  let low = 0
  let high = leaf.members.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (before(leaf.scores[middle], leaf.members[middle], score, member)) low = middle + 1
    else high = middle
  }
  return low
}

/** The child of a branch whose keys would include (score, member). */
function childFor(branch: Branch, score: number, member: string): number {
  let low = 0
  let high = branch.children.length - 1
  while (low < high) {
    const middle = (low + high) >>> 1
    if (before(branch.maxScores[middle], branch.maxMembers[middle], score, member)) low = middle + 1
    else high = middle
  }
  return low
}

function nodeLength(node: TreeNode): number {
  return node instanceof Leaf ? node.members.length : node.children.length
}

function isUnderfull(node: TreeNode): boolean {
  return node instanceof Leaf ? node.members.length < LEAF_MIN : node.children.length < BRANCH_MIN
}

/** Moves the second half of a full node into a new node and returns it. */
function splitNode(node: TreeNode): TreeNode {
  const half = nodeLength(node) >>> 1
  if (node instanceof Leaf) return new Leaf(node.members.splice(half), node.scores.splice(half))
  return new Branch(node.children.splice(half), node.sizes.splice(half), node.maxScores.splice(half), node.maxMembers.splice(half))
}

/** Appends everything of `right` to `left` (siblings of the same kind). */
function appendNode(left: TreeNode, right: TreeNode): void {
  if (left instanceof Leaf && right instanceof Leaf) {
    left.members.push(...right.members)
    left.scores.push(...right.scores)
  } else if (left instanceof Branch && right instanceof Branch) {
    left.children.push(...right.children)
    left.sizes.push(...right.sizes)
    left.maxScores.push(...right.maxScores)
    left.maxMembers.push(...right.maxMembers)
  }
}

function subtreeSize(node: TreeNode): number {
  if (node instanceof Leaf) return node.members.length
  let total = 0
  for (const size of node.sizes) total += size
  return total
}

/** The largest key of a subtree (an upper bound for a branch). */
function lastKey(node: TreeNode): [score: number, member: string] {
  if (node instanceof Leaf) {
    const last = node.members.length - 1
    return [node.scores[last], node.members[last]]
  }
  const last = node.children.length - 1
  return [node.maxScores[last], node.maxMembers[last]]
}

/** A deep copy of a subtree. */
function copyNode(node: TreeNode): TreeNode {
  if (node instanceof Leaf) return new Leaf(node.members.slice(), node.scores.slice())
  return new Branch(node.children.map(copyNode), node.sizes.slice(), node.maxScores.slice(), node.maxMembers.slice())
}

export class ZSetValue implements Iterable<string> {
  readonly kind = 'zset' as const
  private readonly scores = new Map<string, number>()
  private root: TreeNode = new Leaf()
  private packed = true

  get size(): number {
    return this.scores.size
  }

  /** What OBJECT ENCODING reports. The limits were applied at each write, so `config` is not needed now. */
  encoding(_config?: ReadonlyMap<string, string>): ZSetEncoding {
    return this.packed ? 'listpack' : 'skiplist'
  }

  has(member: string): boolean {
    return this.scores.has(member)
  }

  score(member: string): number | undefined {
    return this.scores.get(member)
  }

  /**
   * Adds a member or changes its score. Returns true if the member is new. A new member that
   * breaks the listpack limits turns the set into a skiplist (Redis's zsetAdd).
   */
  set(member: string, score: number, limits: ListpackLimits): boolean {
    const current = this.scores.get(member)
    if (current === undefined) {
      if (this.packed && (this.scores.size + 1 > limits.entries || member.length > limits.value)) this.packed = false
      const stored = this.stored(score)
      this.scores.set(member, stored)
      this.insert(stored, member)
      return true
    }
    if (current !== score) {
      const stored = this.stored(score)
      this.remove(current, member)
      this.scores.set(member, stored)
      this.insert(stored, member)
    }
    return false
  }

  /** Removes a member; true if it was there. */
  delete(member: string): boolean {
    const score = this.scores.get(member)
    if (score === undefined) return false
    this.scores.delete(member)
    this.remove(score, member)
    return true
  }

  /** The member's 0-based rank in ascending order, or undefined when absent. */
  rank(member: string): number | undefined {
    const score = this.scores.get(member)
    if (score === undefined) return undefined
    let node = this.root
    let rank = 0
    while (node instanceof Branch) {
      const i = childFor(node, score, member)
      for (let j = 0; j < i; j++) rank += node.sizes[j]
      node = node.children[i]
    }
    return rank + leafPosition(node, score, member)
  }

  /** The entry at a 0-based rank, or undefined when out of range. */
  at(rank: number): ZSetEntry | undefined {
    if (rank < 0 || rank >= this.scores.size) return undefined
    let node = this.root
    while (node instanceof Branch) {
      let i = 0
      while (rank >= node.sizes[i]) rank -= node.sizes[i++]
      node = node.children[i]
    }
    return { member: node.members[rank], score: node.scores[rank] }
  }

  /** Up to `count` entries from the 0-based rank `from`, walking up (or down when `reverse`). */
  *walk(from: number, count: number, reverse = false): IterableIterator<ZSetEntry> {
    if (from < 0 || from >= this.scores.size || count <= 0) return
    // The path from the root: each branch passed and the child taken.
    const path: Array<[Branch, number]> = []
    let node = this.root
    let index = from
    while (node instanceof Branch) {
      let i = 0
      while (index >= node.sizes[i]) index -= node.sizes[i++]
      path.push([node, i])
      node = node.children[i]
    }
    let leaf: Leaf = node
    let left = count
    for (;;) {
      if (reverse) {
        for (; index >= 0; index--) {
          yield { member: leaf.members[index], score: leaf.scores[index] }
          if (--left === 0) return
        }
      } else {
        for (; index < leaf.members.length; index++) {
          yield { member: leaf.members[index], score: leaf.scores[index] }
          if (--left === 0) return
        }
      }
      // Up to the nearest branch with a sibling in the walking direction, then down its edge.
      let depth = path.length - 1
      while (depth >= 0 && (reverse ? path[depth][1] === 0 : path[depth][1] === path[depth][0].children.length - 1)) depth--
      if (depth < 0) return
      path[depth][1] += reverse ? -1 : 1
      let down = path[depth][0].children[path[depth][1]]
      path.length = depth + 1
      while (down instanceof Branch) {
        const i = reverse ? down.children.length - 1 : 0
        path.push([down, i])
        down = down.children[i]
      }
      leaf = down
      index = reverse ? leaf.members.length - 1 : 0
    }
  }

  /** Every entry in ascending order. */
  entries(): IterableIterator<ZSetEntry> {
    return this.walk(0, this.scores.size)
  }

  /** Members in ascending order. */
  *[Symbol.iterator](): IterableIterator<string> {
    for (const entry of this.entries()) yield entry.member
  }

  /** Members in no particular order; the iterator survives changes to the set (for ZSCAN). */
  members(): IterableIterator<string> {
    return this.scores.keys()
  }

  /** The 0-based ranks of the first and last members with scores in the range, or undefined when none. */
  scoreRange(range: ScoreRange): [first: number, last: number] | undefined {
    const first = this.countWhile((score) => !scoreAboveMin(score, range))
    const last = this.countWhile((score) => scoreBelowMax(score, range)) - 1
    return first <= last ? [first, last] : undefined
  }

  /**
   * The 0-based ranks of the first and last members in the lex range, or undefined when none.
   * Meaningful when all scores are equal, as Redis documents; otherwise some consistent answer.
   */
  lexRange(range: LexRange): [first: number, last: number] | undefined {
    const first = this.countWhile((_score, member) => !lexAboveMin(member, range.min))
    const last = this.countWhile((_score, member) => lexBelowMax(member, range.max)) - 1
    return first <= last ? [first, last] : undefined
  }

  /** Removes the members at 0-based ranks start..stop (inclusive, clipped to the set). Returns how many. */
  deleteRanks(start: number, stop: number): number {
    start = Math.max(start, 0)
    stop = Math.min(stop, this.scores.size - 1)
    if (start > stop) return 0
    this.removeRange(this.root, start, stop + 1)
    this.shrinkRoot()
    return stop - start + 1
  }

  /** A copy with the same members, scores and encoding (COPY, RESTORE). */
  clone(): ZSetValue {
    const copy = new ZSetValue()
    copy.packed = this.packed
    copy.root = copyNode(this.root)
    for (const [member, score] of this.scores) copy.scores.set(member, score)
    return copy
  }

  /** A new empty set that is a skiplist from the start: a STORE result being built. */
  static asSkiplist(): ZSetValue {
    const zset = new ZSetValue()
    zset.packed = false
    return zset
  }

  /** Redis builds a STORE result as a skiplist, then packs it if it fits (zsetConvertToListpackIfNeeded). */
  packIfSmall(limits: ListpackLimits): void {
    if (this.packed || this.scores.size > limits.entries) return
    for (const member of this.scores.keys()) if (member.length > limits.value) return
    this.packed = true
    const negativeZeros: string[] = []
    for (const [member, score] of this.scores) if (Object.is(score, -0)) negativeZeros.push(member)
    for (const member of negativeZeros) {
      this.remove(-0, member)
      this.scores.set(member, 0)
      this.insert(0, member)
    }
  }

  /** The score as ZSCAN prints it: a listpack holds integral scores as integers. */
  scanScoreText(score: number): string {
    if (this.packed && Number.isInteger(score) && Math.abs(score) <= LISTPACK_INTEGER_LIMIT) return BigInt(score).toString()
    return formatDouble(score)
  }

  /** A listpack keeps integral scores as integers: -0 comes back as 0. */
  private stored(score: number): number {
    return this.packed && score === 0 ? 0 : score
  }

  /** How many members, from the first, satisfy `test` (which must hold for a prefix of the order). */
  private countWhile(test: (score: number, member: string) => boolean): number {
    let node = this.root
    let count = 0
    while (node instanceof Branch) {
      let low = 0
      let high = node.children.length - 1
      while (low < high) {
        const middle = (low + high) >>> 1
        if (test(node.maxScores[middle], node.maxMembers[middle])) low = middle + 1
        else high = middle
      }
      for (let j = 0; j < low; j++) count += node.sizes[j]
      node = node.children[low]
    }
    let low = 0
    let high = node.members.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (test(node.scores[middle], node.members[middle])) low = middle + 1
      else high = middle
    }
    return count + low
  }

  private insert(score: number, member: string): void {
    const right = this.insertInto(this.root, score, member)
    if (right === undefined) return
    const left = this.root
    const [leftScore, leftMember] = lastKey(left)
    const [rightScore, rightMember] = lastKey(right)
    this.root = new Branch([left, right], [subtreeSize(left), subtreeSize(right)], [leftScore, rightScore], [leftMember, rightMember])
  }

  /** Inserts below `node`; returns the new right sibling when `node` had to split. */
  private insertInto(node: TreeNode, score: number, member: string): TreeNode | undefined {
    if (node instanceof Leaf) {
      const position = leafPosition(node, score, member)
      node.members.splice(position, 0, member)
      node.scores.splice(position, 0, score)
      return node.members.length > LEAF_MAX ? splitNode(node) : undefined
    }
    const i = childFor(node, score, member)
    const child = node.children[i]
    const right = this.insertInto(child, score, member)
    node.sizes[i]++
    if (before(node.maxScores[i], node.maxMembers[i], score, member)) {
      node.maxScores[i] = score
      node.maxMembers[i] = member
    }
    if (right === undefined) return undefined
    // The right half keeps the old bound; the left half is bounded by its own last key.
    const [leftScore, leftMember] = lastKey(child)
    node.children.splice(i + 1, 0, right)
    node.sizes.splice(i + 1, 0, subtreeSize(right))
    node.maxScores.splice(i + 1, 0, node.maxScores[i])
    node.maxMembers.splice(i + 1, 0, node.maxMembers[i])
    node.sizes[i] -= node.sizes[i + 1]
    node.maxScores[i] = leftScore
    node.maxMembers[i] = leftMember
    return node.children.length > BRANCH_MAX ? splitNode(node) : undefined
  }

  private remove(score: number, member: string): void {
    this.removeFrom(this.root, score, member)
    this.shrinkRoot()
  }

  private removeFrom(node: TreeNode, score: number, member: string): void {
    if (node instanceof Leaf) {
      const position = leafPosition(node, score, member)
      node.members.splice(position, 1)
      node.scores.splice(position, 1)
      return
    }
    const i = childFor(node, score, member)
    this.removeFrom(node.children[i], score, member)
    node.sizes[i]--
    if (isUnderfull(node.children[i])) this.refill(node, i)
  }

  /** Removes ranks [start, end) below `node` (relative to it), dropping whole subtrees where it can. */
  private removeRange(node: TreeNode, start: number, end: number): void {
    if (node instanceof Leaf) {
      for (const member of node.members.splice(start, end - start)) this.scores.delete(member)
      node.scores.splice(start, end - start)
      return
    }
    let offset = 0
    let firstDropped = -1
    let dropped = 0
    for (let i = 0; i < node.children.length && offset < end; i++) {
      const size = node.sizes[i]
      const from = Math.max(start, offset) - offset
      const to = Math.min(end, offset + size) - offset
      offset += size
      if (from >= to) continue
      if (from === 0 && to === size) {
        this.forget(node.children[i])
        if (firstDropped < 0) firstDropped = i
        dropped++
      } else {
        this.removeRange(node.children[i], from, to)
        node.sizes[i] -= to - from
      }
    }
    if (dropped > 0) {
      node.children.splice(firstDropped, dropped)
      node.sizes.splice(firstDropped, dropped)
      node.maxScores.splice(firstDropped, dropped)
      node.maxMembers.splice(firstDropped, dropped)
    }
    this.refillAll(node)
  }

  /** Removes every member of a dropped subtree from the map. */
  private forget(node: TreeNode): void {
    if (node instanceof Leaf) for (const member of node.members) this.scores.delete(member)
    else for (const child of node.children) this.forget(child)
  }

  /** Refills underfull children until none is left (or only one child remains, for the parent to handle). */
  private refillAll(node: Branch): void {
    for (;;) {
      if (node.children.length < 2) return
      const i = node.children.findIndex(isUnderfull)
      if (i < 0) return
      this.refill(node, i)
    }
  }

  /**
   * Child i is underfull: merge it with a sibling, or share their contents evenly. Children of
   * two branches meet at the seam and may be underfull themselves (after a range deletion), so
   * the joined branch is refilled too.
   */
  private refill(parent: Branch, i: number): void {
    if (parent.children.length < 2) return
    const leftIndex = i + 1 < parent.children.length ? i : i - 1
    const left = parent.children[leftIndex]
    const right = parent.children[leftIndex + 1]
    const max = left instanceof Leaf ? LEAF_MAX : BRANCH_MAX
    appendNode(left, right)
    if (left instanceof Branch) this.refillAll(left)
    if (nodeLength(left) <= max) {
      parent.children.splice(leftIndex + 1, 1)
      parent.sizes[leftIndex] += parent.sizes[leftIndex + 1]
      parent.sizes.splice(leftIndex + 1, 1)
      parent.maxScores.splice(leftIndex, 1)
      parent.maxMembers.splice(leftIndex, 1)
      return
    }
    const rest = splitNode(left)
    parent.children[leftIndex + 1] = rest
    const total = parent.sizes[leftIndex] + parent.sizes[leftIndex + 1]
    parent.sizes[leftIndex + 1] = subtreeSize(rest)
    parent.sizes[leftIndex] = total - parent.sizes[leftIndex + 1]
    const [score, member] = lastKey(left)
    parent.maxScores[leftIndex] = score
    parent.maxMembers[leftIndex] = member
  }

  /** A branch root with one child gives way to it; an emptied tree is one empty leaf. */
  private shrinkRoot(): void {
    while (this.root instanceof Branch && this.root.children.length === 1) this.root = this.root.children[0]
    if (this.scores.size === 0) this.root = new Leaf()
  }
}
