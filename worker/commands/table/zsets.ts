// Sorted set commands.
// Arity, flags, key specs and arguments are what Redis 7.0 reports in COMMAND INFO and COMMAND DOCS.
import {
  type Arg, type CommandSpec, type KeySpec, block, dbl, integer, key, keyAt, keyNum, multiple, oneof, optional, pattern, str,
  token,
} from '../spec.ts'

/** A command's single key at index 1 with these key-spec flags. */
const one = (...flags: string[]): KeySpec[] => [keyAt(1, flags)]

/** ZUNION, ZINTER, ZDIFF, ZINTERCARD: numkeys first, then that many keys read. */
const numkeysRead: KeySpec[] = [keyNum(1, 0, 1, 1, ['RO', 'access'])]

/** The STORE forms: a destination at 1, then numkeys and that many keys read. */
const destinationAndNumkeys: KeySpec[] = [keyAt(1, ['OW', 'update']), keyNum(2, 0, 1, 1, ['RO', 'access'])]

const limit: Arg = optional(block('offset_count', [integer('offset'), integer('count')], { token: 'LIMIT' }))
const withscores: Arg = optional(token('WITHSCORES'))
const weights: Arg = optional(multiple(integer('weight', { token: 'WEIGHTS' })))
const aggregate: Arg = optional(oneof('aggregate', [token('SUM'), token('MIN'), token('MAX')], { token: 'AGGREGATE' }))

const RANGE_COMPLEXITY =
  'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.'
const RANGE_LIMIT_COMPLEXITY =
  'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).'
const REMOVE_RANGE_COMPLEXITY =
  'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.'
const UNION_COMPLEXITY =
  'O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.'
const INTER_COMPLEXITY =
  'O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.'
const DIFF_COMPLEXITY =
  'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.'
const POP_COMPLEXITY =
  'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.'

export const sortedSetCommands: Record<string, CommandSpec> = {
  zadd: {
    group: 'sorted-set', arity: -4, flags: ['write', 'denyoom', 'fast'], acl: ['@sortedset'],
    keySpecs: one('RW', 'update'),
    args: [
      key('key'),
      optional(oneof('condition', [token('NX'), token('XX')], { since: '3.0.2' })),
      optional(oneof('comparison', [token('GT'), token('LT')], { since: '6.2.0' })),
      optional(token('CH', { name: 'change', since: '3.0.2' })),
      optional(token('INCR', { name: 'increment', since: '3.0.2' })),
      multiple(block('score_member', [dbl('score'), str('member')])),
    ],
    summary: 'Adds members with scores to a sorted set, or updates their scores; options choose which members may change.',
    complexity: 'O(log(N)) for each item added, where N is the number of elements in the sorted set.', since: '1.2.0',
    history: [
      ['2.4.0', 'Accepts multiple elements.'],
      ['3.0.2', 'Added the `XX`, `NX`, `CH` and `INCR` options.'],
      ['6.2.0', 'Added the `GT` and `LT` options.'],
    ],
  },
  zincrby: {
    group: 'sorted-set', arity: 4, flags: ['write', 'denyoom', 'fast'], acl: ['@sortedset'],
    keySpecs: one('RW', 'access', 'update'),
    args: [key('key'), integer('increment'), str('member')],
    summary: "Adds an increment to a member's score (a new member starts at 0) and replies with the new score.",
    complexity: 'O(log(N)) where N is the number of elements in the sorted set.', since: '1.2.0',
  },
  zrem: {
    group: 'sorted-set', arity: -3, flags: ['write', 'fast'], acl: ['@sortedset'],
    keySpecs: one('RW', 'delete'),
    args: [key('key'), multiple(str('member'))],
    summary: 'Removes members from a sorted set and replies with how many were there; an emptied set is deleted.',
    complexity: 'O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.',
    since: '1.2.0',
    history: [['2.4.0', 'Accepts multiple elements.']],
  },
  zcard: {
    group: 'sorted-set', arity: 2, flags: ['readonly', 'fast'], acl: ['@sortedset'],
    keySpecs: one('RO'),
    args: [key('key')],
    summary: 'Returns how many members a sorted set has.',
    complexity: 'O(1)', since: '1.2.0',
  },
  zscore: {
    group: 'sorted-set', arity: 3, flags: ['readonly', 'fast'], acl: ['@sortedset'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), str('member')],
    summary: "Returns a member's score, or nil when it is not in the sorted set.",
    complexity: 'O(1)', since: '1.2.0',
  },
  zmscore: {
    group: 'sorted-set', arity: -3, flags: ['readonly', 'fast'], acl: ['@sortedset'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), multiple(str('member'))],
    summary: 'Returns the score of each member given, with nil for those not in the sorted set.',
    complexity: 'O(N) where N is the number of members being requested.', since: '6.2.0',
  },
  zrank: {
    group: 'sorted-set', arity: 3, flags: ['readonly', 'fast'], acl: ['@sortedset'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), str('member')],
    summary: "Returns a member's position counting from the lowest score (0 first), or nil when absent.",
    complexity: 'O(log(N))', since: '2.0.0',
  },
  zrevrank: {
    group: 'sorted-set', arity: 3, flags: ['readonly', 'fast'], acl: ['@sortedset'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), str('member')],
    summary: "Returns a member's position counting from the highest score (0 first), or nil when absent.",
    complexity: 'O(log(N))', since: '2.0.0',
  },
  zcount: {
    group: 'sorted-set', arity: 4, flags: ['readonly', 'fast'], acl: ['@sortedset'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), dbl('min'), dbl('max')],
    summary: 'Counts the members whose scores fall within a range.',
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.', since: '2.0.0',
  },
  zlexcount: {
    group: 'sorted-set', arity: 4, flags: ['readonly', 'fast'], acl: ['@sortedset'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), str('min'), str('max')],
    summary: 'Counts the members within a lexicographical range (for members that share one score).',
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.', since: '2.8.9',
  },
  zrange: {
    group: 'sorted-set', arity: -4, flags: ['readonly'], acl: ['@sortedset'],
    keySpecs: one('RO', 'access'),
    args: [
      key('key'), str('start'), str('stop'),
      optional(oneof('sortby', [token('BYSCORE'), token('BYLEX')], { since: '6.2.0' })),
      optional(token('REV', { since: '6.2.0' })),
      { ...limit, since: '6.2.0' },
      withscores,
    ],
    summary: 'Returns members by position, by score range or by lexicographical range, in either direction.',
    complexity: RANGE_COMPLEXITY, since: '1.2.0',
    history: [['6.2.0', 'Added the `REV`, `BYSCORE`, `BYLEX` and `LIMIT` options.']],
  },
  zrangestore: {
    group: 'sorted-set', arity: -5, flags: ['write', 'denyoom'], acl: ['@sortedset'],
    keySpecs: [keyAt(1, ['OW', 'update']), keyAt(2, ['RO', 'access'])],
    args: [
      key('dst', 0), key('src', 1), str('min'), str('max'),
      optional(oneof('sortby', [token('BYSCORE'), token('BYLEX')])),
      optional(token('REV')),
      limit,
    ],
    summary: 'Stores a range of a sorted set (as ZRANGE selects it) at a destination key and replies with its size.',
    complexity:
      'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.',
    since: '6.2.0',
  },
  zrevrange: {
    group: 'sorted-set', arity: -4, flags: ['readonly'], acl: ['@sortedset'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), integer('start'), integer('stop'), withscores],
    summary: 'Returns members by position, counting from the highest score.',
    complexity: RANGE_COMPLEXITY, since: '1.2.0',
    docFlags: ['deprecated'], deprecatedSince: '6.2.0', replacedBy: '`ZRANGE` with the `REV` argument',
  },
  zrangebyscore: {
    group: 'sorted-set', arity: -4, flags: ['readonly'], acl: ['@sortedset'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), dbl('min'), dbl('max'), optional(token('WITHSCORES', { since: '2.0.0' })), limit],
    summary: 'Returns the members with scores within a range, lowest first.',
    complexity: RANGE_LIMIT_COMPLEXITY, since: '1.0.5',
    docFlags: ['deprecated'], deprecatedSince: '6.2.0', replacedBy: '`ZRANGE` with the `BYSCORE` argument',
    history: [['2.0.0', 'Added the `WITHSCORES` modifier.']],
  },
  zrevrangebyscore: {
    group: 'sorted-set', arity: -4, flags: ['readonly'], acl: ['@sortedset'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), dbl('max'), dbl('min'), withscores, limit],
    summary: 'Returns the members with scores within a range, highest first.',
    complexity: RANGE_LIMIT_COMPLEXITY, since: '2.2.0',
    docFlags: ['deprecated'], deprecatedSince: '6.2.0', replacedBy: '`ZRANGE` with the `REV` and `BYSCORE` arguments',
    history: [['2.1.6', '`min` and `max` can be exclusive.']],
  },
  zrangebylex: {
    group: 'sorted-set', arity: -4, flags: ['readonly'], acl: ['@sortedset'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), str('min'), str('max'), limit],
    summary: 'Returns the members within a lexicographical range, in ascending order.',
    complexity: RANGE_LIMIT_COMPLEXITY, since: '2.8.9',
    docFlags: ['deprecated'], deprecatedSince: '6.2.0', replacedBy: '`ZRANGE` with the `BYLEX` argument',
  },
  zrevrangebylex: {
    group: 'sorted-set', arity: -4, flags: ['readonly'], acl: ['@sortedset'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), str('max'), str('min'), limit],
    summary: 'Returns the members within a lexicographical range, in descending order.',
    complexity: RANGE_LIMIT_COMPLEXITY, since: '2.8.9',
    docFlags: ['deprecated'], deprecatedSince: '6.2.0', replacedBy: '`ZRANGE` with the `REV` and `BYLEX` arguments',
  },
  zpopmin: {
    group: 'sorted-set', arity: -2, flags: ['write', 'fast'], acl: ['@sortedset'],
    keySpecs: one('RW', 'access', 'delete'),
    args: [key('key'), optional(integer('count'))],
    summary: 'Removes and returns the members with the lowest scores.',
    complexity: POP_COMPLEXITY, since: '5.0.0',
  },
  zpopmax: {
    group: 'sorted-set', arity: -2, flags: ['write', 'fast'], acl: ['@sortedset'],
    keySpecs: one('RW', 'access', 'delete'),
    args: [key('key'), optional(integer('count'))],
    summary: 'Removes and returns the members with the highest scores.',
    complexity: POP_COMPLEXITY, since: '5.0.0',
  },
  zmpop: {
    group: 'sorted-set', arity: -4, flags: ['write', 'movablekeys'], acl: ['@sortedset'],
    keySpecs: [keyNum(1, 0, 1, 1, ['RW', 'access', 'delete'])],
    args: [
      integer('numkeys'), multiple(key('key')), oneof('where', [token('MIN'), token('MAX')]),
      optional(integer('count', { token: 'COUNT' })),
    ],
    summary: 'Pops the lowest or highest scored members from the first non-empty sorted set among the keys given.',
    complexity:
      'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.',
    since: '7.0.0',
  },
  zremrangebyrank: {
    group: 'sorted-set', arity: 4, flags: ['write'], acl: ['@sortedset'],
    keySpecs: one('RW', 'delete'),
    args: [key('key'), integer('start'), integer('stop')],
    summary: 'Removes the members between two positions and replies with how many were removed.',
    complexity: REMOVE_RANGE_COMPLEXITY, since: '2.0.0',
  },
  zremrangebyscore: {
    group: 'sorted-set', arity: 4, flags: ['write'], acl: ['@sortedset'],
    keySpecs: one('RW', 'delete'),
    args: [key('key'), dbl('min'), dbl('max')],
    summary: 'Removes the members with scores within a range and replies with how many were removed.',
    complexity: REMOVE_RANGE_COMPLEXITY, since: '1.2.0',
  },
  zremrangebylex: {
    group: 'sorted-set', arity: 4, flags: ['write'], acl: ['@sortedset'],
    keySpecs: one('RW', 'delete'),
    args: [key('key'), str('min'), str('max')],
    summary: 'Removes the members within a lexicographical range and replies with how many were removed.',
    complexity: REMOVE_RANGE_COMPLEXITY, since: '2.8.9',
  },
  zunion: {
    group: 'sorted-set', arity: -3, flags: ['readonly', 'movablekeys'], acl: ['@sortedset'],
    keySpecs: numkeysRead,
    args: [integer('numkeys'), multiple(key('key')), weights, aggregate, withscores],
    summary: 'Returns the union of sorted sets (plain sets count with score 1), combining scores by sum, min or max.',
    complexity: UNION_COMPLEXITY, since: '6.2.0',
  },
  zinter: {
    group: 'sorted-set', arity: -3, flags: ['readonly', 'movablekeys'], acl: ['@sortedset'],
    keySpecs: numkeysRead,
    args: [integer('numkeys'), multiple(key('key')), weights, aggregate, withscores],
    summary: 'Returns the members present in every sorted set given, combining their scores by sum, min or max.',
    complexity: INTER_COMPLEXITY, since: '6.2.0',
  },
  zdiff: {
    group: 'sorted-set', arity: -3, flags: ['readonly', 'movablekeys'], acl: ['@sortedset'],
    keySpecs: numkeysRead,
    args: [integer('numkeys'), multiple(key('key')), withscores],
    summary: 'Returns the members of the first sorted set that are in none of the others, with their scores.',
    complexity: DIFF_COMPLEXITY, since: '6.2.0',
  },
  zunionstore: {
    group: 'sorted-set', arity: -4, flags: ['write', 'denyoom', 'movablekeys'], acl: ['@sortedset'],
    keySpecs: destinationAndNumkeys,
    args: [key('destination', 0), integer('numkeys'), multiple(key('key', 1)), weights, aggregate],
    summary: 'Stores the union of sorted sets at a destination key and replies with its size.',
    complexity: 'O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.',
    since: '2.0.0',
  },
  zinterstore: {
    group: 'sorted-set', arity: -4, flags: ['write', 'denyoom', 'movablekeys'], acl: ['@sortedset'],
    keySpecs: destinationAndNumkeys,
    args: [key('destination', 0), integer('numkeys'), multiple(key('key', 1)), weights, aggregate],
    summary: 'Stores the intersection of sorted sets at a destination key and replies with its size.',
    complexity: INTER_COMPLEXITY, since: '2.0.0',
  },
  zdiffstore: {
    group: 'sorted-set', arity: -4, flags: ['write', 'denyoom', 'movablekeys'], acl: ['@sortedset'],
    keySpecs: destinationAndNumkeys,
    args: [key('destination', 0), integer('numkeys'), multiple(key('key', 1))],
    summary: 'Stores the difference of sorted sets (the first minus the others) at a destination key and replies with its size.',
    complexity: DIFF_COMPLEXITY, since: '6.2.0',
  },
  zintercard: {
    group: 'sorted-set', arity: -3, flags: ['readonly', 'movablekeys'], acl: ['@sortedset'],
    keySpecs: numkeysRead,
    args: [integer('numkeys'), multiple(key('key')), optional(integer('limit', { token: 'LIMIT' }))],
    summary: 'Counts the members of the intersection of sorted sets, optionally stopping once the count reaches a limit.',
    complexity: 'O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.',
    since: '7.0.0',
  },
  zrandmember: {
    group: 'sorted-set', arity: -2, flags: ['readonly'], acl: ['@sortedset'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), optional(block('options', [integer('count'), optional(token('WITHSCORES'))]))],
    summary: 'Returns random members; a negative count allows repeats, WITHSCORES adds their scores.',
    complexity: 'O(N) where N is the number of elements returned', since: '6.2.0',
    tips: ['nondeterministic_output'],
  },
  zscan: {
    group: 'sorted-set', arity: -3, flags: ['readonly'], acl: ['@sortedset'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), integer('cursor'), optional(pattern('pattern', { token: 'MATCH' })), optional(integer('count', { token: 'COUNT' }))],
    summary: 'Iterates over the members and scores of a sorted set, a page per call, from a cursor.',
    complexity:
      'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
    since: '2.8.0',
    tips: ['nondeterministic_output'],
  },
}
