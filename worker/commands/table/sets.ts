// Set commands.
// Arity, flags, key specs and arguments are what Redis 7.0 reports in COMMAND INFO and COMMAND DOCS.
import { type CommandSpec, type KeySpec, integer, key, keyAt, keyNum, keyRange, multiple, optional, pattern, str } from '../spec.ts'

/** A command's single key at index 1 with these key-spec flags. */
const one = (...flags: string[]): KeySpec[] => [keyAt(1, flags)]

/** SINTER, SUNION, SDIFF: every argument is a key read. */
const allKeysRead: KeySpec[] = [keyRange(1, -1, 1, ['RO', 'access'])]

/** The STORE forms: a destination at 1 (written with these flags), then the keys read. */
const destinationAndKeys = (...flags: string[]): KeySpec[] => [keyAt(1, flags), keyRange(2, -1, 1, ['RO', 'access'])]

const INTER_COMPLEXITY = 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.'
const UNION_COMPLEXITY = 'O(N) where N is the total number of elements in all given sets.'

export const setCommands: Record<string, CommandSpec> = {
  sadd: {
    group: 'set', arity: -3, flags: ['write', 'denyoom', 'fast'], acl: ['@set'],
    keySpecs: one('RW', 'insert'),
    args: [key('key'), multiple(str('member'))],
    summary: 'Adds members to a set, creating it if needed, and replies with how many were not there yet.',
    complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.',
    since: '1.0.0',
    history: [['2.4.0', 'Accepts multiple `member` arguments.']],
  },
  srem: {
    group: 'set', arity: -3, flags: ['write', 'fast'], acl: ['@set'],
    keySpecs: one('RW', 'delete'),
    args: [key('key'), multiple(str('member'))],
    summary: 'Removes members from a set and replies with how many were there; an emptied set is deleted.',
    complexity: 'O(N) where N is the number of members to be removed.', since: '1.0.0',
    history: [['2.4.0', 'Accepts multiple `member` arguments.']],
  },
  smembers: {
    group: 'set', arity: 2, flags: ['readonly'], acl: ['@set'],
    keySpecs: one('RO', 'access'),
    args: [key('key')],
    summary: 'Returns every member of a set.',
    complexity: 'O(N) where N is the set cardinality.', since: '1.0.0',
    tips: ['nondeterministic_output_order'],
  },
  sismember: {
    group: 'set', arity: 3, flags: ['readonly', 'fast'], acl: ['@set'],
    keySpecs: one('RO'),
    args: [key('key'), str('member')],
    summary: 'Replies 1 when a value is a member of a set, else 0.',
    complexity: 'O(1)', since: '1.0.0',
  },
  smismember: {
    group: 'set', arity: -3, flags: ['readonly', 'fast'], acl: ['@set'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), multiple(str('member'))],
    summary: 'Replies, for each value given, 1 when it is a member of a set and 0 when not.',
    complexity: 'O(N) where N is the number of elements being checked for membership', since: '6.2.0',
  },
  scard: {
    group: 'set', arity: 2, flags: ['readonly', 'fast'], acl: ['@set'],
    keySpecs: one('RO'),
    args: [key('key')],
    summary: 'Replies with the number of members of a set (0 when the key does not exist).',
    complexity: 'O(1)', since: '1.0.0',
  },
  spop: {
    group: 'set', arity: -2, flags: ['write', 'fast'], acl: ['@set'],
    keySpecs: one('RW', 'access', 'delete'),
    args: [key('key'), optional(integer('count', { since: '3.2.0' }))],
    summary: 'Removes and returns a random member of a set, or count distinct random members.',
    complexity: 'Without the count argument O(1), otherwise O(N) where N is the value of the passed count.',
    since: '1.0.0',
    history: [['3.2.0', 'Added the `count` argument.']],
    tips: ['nondeterministic_output'],
  },
  srandmember: {
    group: 'set', arity: -2, flags: ['readonly'], acl: ['@set'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), optional(integer('count', { since: '2.6.0' }))],
    summary: 'Returns a random member of a set without removing it; a count asks for several (distinct when positive, possibly repeated when negative).',
    complexity: 'Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.',
    since: '1.0.0',
    history: [['2.6.0', 'Added the optional `count` argument.']],
    tips: ['nondeterministic_output'],
  },
  smove: {
    group: 'set', arity: 4, flags: ['write', 'fast'], acl: ['@set'],
    keySpecs: [keyAt(1, ['RW', 'access', 'delete']), keyAt(2, ['RW', 'insert'])],
    args: [key('source', 0), key('destination', 1), str('member')],
    summary: 'Moves a member from one set to another; replies 1 if it was moved, 0 if the source did not hold it.',
    complexity: 'O(1)', since: '1.0.0',
  },
  sinter: {
    group: 'set', arity: -2, flags: ['readonly'], acl: ['@set'],
    keySpecs: allKeysRead,
    args: [multiple(key('key'))],
    summary: 'Returns the members present in every one of the given sets.',
    complexity: INTER_COMPLEXITY, since: '1.0.0',
    tips: ['nondeterministic_output_order'],
  },
  sintercard: {
    group: 'set', arity: -3, flags: ['readonly', 'movablekeys'], acl: ['@set'],
    keySpecs: [keyNum(1, 0, 1, 1, ['RO', 'access'])],
    args: [integer('numkeys'), multiple(key('key')), optional(integer('limit', { token: 'LIMIT' }))],
    summary: 'Counts the members of the intersection of sets, optionally stopping once the count reaches a limit.',
    complexity: INTER_COMPLEXITY, since: '7.0.0',
  },
  sinterstore: {
    group: 'set', arity: -3, flags: ['write', 'denyoom'], acl: ['@set'],
    keySpecs: destinationAndKeys('RW', 'update'),
    args: [key('destination', 0), multiple(key('key', 1))],
    summary: 'Stores the intersection of sets at a destination key and replies with its size.',
    complexity: INTER_COMPLEXITY, since: '1.0.0',
  },
  sunion: {
    group: 'set', arity: -2, flags: ['readonly'], acl: ['@set'],
    keySpecs: allKeysRead,
    args: [multiple(key('key'))],
    summary: 'Returns the members present in at least one of the given sets.',
    complexity: UNION_COMPLEXITY, since: '1.0.0',
    tips: ['nondeterministic_output_order'],
  },
  sunionstore: {
    group: 'set', arity: -3, flags: ['write', 'denyoom'], acl: ['@set'],
    keySpecs: destinationAndKeys('OW', 'update'),
    args: [key('destination', 0), multiple(key('key', 1))],
    summary: 'Stores the union of sets at a destination key and replies with its size.',
    complexity: UNION_COMPLEXITY, since: '1.0.0',
  },
  sdiff: {
    group: 'set', arity: -2, flags: ['readonly'], acl: ['@set'],
    keySpecs: allKeysRead,
    args: [multiple(key('key'))],
    summary: 'Returns the members of the first set that are in none of the other sets.',
    complexity: UNION_COMPLEXITY, since: '1.0.0',
    tips: ['nondeterministic_output_order'],
  },
  sdiffstore: {
    group: 'set', arity: -3, flags: ['write', 'denyoom'], acl: ['@set'],
    keySpecs: destinationAndKeys('OW', 'update'),
    args: [key('destination', 0), multiple(key('key', 1))],
    summary: 'Stores the difference between the first set and the others at a destination key and replies with its size.',
    complexity: UNION_COMPLEXITY, since: '1.0.0',
  },
  sscan: {
    group: 'set', arity: -3, flags: ['readonly'], acl: ['@set'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), integer('cursor'), optional(pattern('pattern', { token: 'MATCH' })), optional(integer('count', { token: 'COUNT' }))],
    summary: 'Iterates over the members of a set a few at a time with a cursor, optionally only those matching a pattern.',
    complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
    since: '2.8.0',
    tips: ['nondeterministic_output'],
  },
}
