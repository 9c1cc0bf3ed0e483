// Generic (keyspace) commands: deleting, renaming, copying and moving keys, finding them (KEYS,
// SCAN, RANDOMKEY), expiry, SORT and OBJECT.
// Arity, flags, key specs and arguments are what Redis 7.0 reports in COMMAND INFO and COMMAND DOCS.
import {
  type Arg, type CommandSpec, type KeySpec, block, integer, key, keyAt, keyRange, keyUnknown, multiple, oneof, optional,
  pattern, str, token, unixTime,
} from '../spec.ts'

/** A command's single key at index 1 with these key-spec flags. */
const one = (...flags: string[]): KeySpec[] => [keyAt(1, flags)]
/** Every argument from index 1 on is a key. */
const all = (...flags: string[]): KeySpec[] => [keyRange(1, -1, 1, flags)]

const MULTI_KEY_TIPS = ['request_policy:multi_shard', 'response_policy:agg_sum']

const condition = optional(oneof('condition', [token('NX'), token('XX'), token('GT'), token('LT')], { since: '7.0.0' }))
const CONDITION_HISTORY: Array<[string, string]> = [['7.0.0', 'Added options: `NX`, `XX`, `GT` and `LT`.']]

/** SORT and SORT_RO share everything but STORE. */
const sortArgs: Arg[] = [
  key('key'),
  pattern('pattern', { keySpec: 1, token: 'BY', optional: true }),
  optional(block('offset_count', [integer('offset'), integer('count')], { token: 'LIMIT' })),
  pattern('pattern', { keySpec: 1, token: 'GET', optional: true, multiple: true, multipleToken: true }),
  optional(oneof('order', [token('ASC'), token('DESC')])),
  optional(token('ALPHA', { name: 'sorting' })),
]
const SORT_COMPLEXITY =
  'O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).'
const sortKeySpecs = (): KeySpec[] => [
  keyAt(1, ['RO', 'access']),
  keyUnknown(['RO', 'access'],
    "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort"),
]

/** OBJECT's subcommands that look at one key. */
const objectLookup = (summary: string, since: string): CommandSpec => ({
  group: 'generic', arity: 3, flags: ['readonly'], acl: ['@keyspace'], keySpecs: [keyAt(2, ['RO'])],
  args: [key('key')], summary, complexity: 'O(1)', since, tips: ['nondeterministic_output'],
})

export const keyCommands: Record<string, CommandSpec> = {
  del: {
    group: 'generic', arity: -2, flags: ['write'], acl: ['@keyspace'], keySpecs: all('RM', 'delete'),
    args: [multiple(key('key'))],
    summary: 'Removes keys and their values; replies how many of them existed.',
    complexity: 'O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).',
    since: '1.0.0', tips: MULTI_KEY_TIPS,
  },
  unlink: {
    group: 'generic', arity: -2, flags: ['write', 'fast'], acl: ['@keyspace'], keySpecs: all('RM', 'delete'),
    args: [multiple(key('key'))],
    summary: 'Removes keys like DEL, leaving the freeing of large values to the background.',
    complexity: 'O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.',
    since: '4.0.0', tips: MULTI_KEY_TIPS,
  },
  exists: {
    group: 'generic', arity: -2, flags: ['readonly', 'fast'], acl: ['@keyspace'], keySpecs: all('RO'),
    args: [multiple(key('key'))],
    summary: 'Counts how many of the given keys exist (a key named twice counts twice).',
    complexity: 'O(N) where N is the number of keys to check.', since: '1.0.0', tips: MULTI_KEY_TIPS,
    history: [['3.0.3', 'Accepts multiple `key` arguments.']],
  },
  type: {
    group: 'generic', arity: 2, flags: ['readonly', 'fast'], acl: ['@keyspace'], keySpecs: one('RO'),
    args: [key('key')],
    summary: "Names the type of a key's value: string, list, set, zset, hash, stream, or none.",
    complexity: 'O(1)', since: '1.0.0',
  },
  rename: {
    group: 'generic', arity: 3, flags: ['write'], acl: ['@keyspace'],
    keySpecs: [keyAt(1, ['RW', 'access', 'delete']), keyAt(2, ['OW', 'update'])],
    args: [key('key'), key('newkey', 1)],
    summary: 'Gives a key a new name, replacing any key that already had it.',
    complexity: 'O(1)', since: '1.0.0',
  },
  renamenx: {
    group: 'generic', arity: 3, flags: ['write', 'fast'], acl: ['@keyspace'],
    keySpecs: [keyAt(1, ['RW', 'access', 'delete']), keyAt(2, ['OW', 'insert'])],
    args: [key('key'), key('newkey', 1)],
    summary: 'Gives a key a new name only when no key has that name yet.',
    complexity: 'O(1)', since: '1.0.0',
    history: [['3.2.0', 'The command no longer returns an error when source and destination names are the same.']],
  },
  copy: {
    group: 'generic', arity: -3, flags: ['write', 'denyoom'], acl: ['@keyspace'],
    keySpecs: [keyAt(1, ['RO', 'access']), keyAt(2, ['OW', 'update'])],
    args: [
      key('source'), key('destination', 1),
      optional(integer('destination-db', { token: 'DB' })),
      optional(token('REPLACE')),
    ],
    summary: 'Duplicates the value of a key (and its TTL) under another name, possibly in another database.',
    complexity: 'O(N) worst case for collections, where N is the number of nested items. O(1) for string values.',
    since: '6.2.0',
  },
  move: {
    group: 'generic', arity: 3, flags: ['write', 'fast'], acl: ['@keyspace'], keySpecs: one('RW', 'access', 'update'),
    args: [key('key'), integer('db')],
    summary: 'Moves a key to another database unless a key of that name is there already.',
    complexity: 'O(1)', since: '1.0.0',
  },
  keys: {
    group: 'generic', arity: 2, flags: ['readonly'], acl: ['@keyspace', '@dangerous'], keySpecs: [],
    args: [pattern('pattern')],
    summary: 'Lists every key whose name matches a glob-style pattern, in one go.',
    complexity: 'O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.',
    since: '1.0.0', tips: ['request_policy:all_shards', 'nondeterministic_output_order'],
  },
  scan: {
    group: 'generic', arity: -2, flags: ['readonly'], acl: ['@keyspace'], keySpecs: [],
    args: [
      integer('cursor'),
      optional(pattern('pattern', { token: 'MATCH' })),
      optional(integer('count', { token: 'COUNT' })),
      optional(str('type', { token: 'TYPE', since: '6.0.0' })),
    ],
    summary: 'Walks the keyspace a few keys per call, optionally filtered by pattern and type.',
    complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.',
    since: '2.8.0', tips: ['nondeterministic_output', 'request_policy:special'],
    history: [['6.0.0', 'Added the `TYPE` subcommand.']],
  },
  randomkey: {
    group: 'generic', arity: 1, flags: ['readonly'], acl: ['@keyspace'], keySpecs: [], args: [],
    summary: 'Names a key picked at random, or nil when the database is empty.',
    complexity: 'O(1)', since: '1.0.0', tips: ['request_policy:all_shards', 'nondeterministic_output'],
  },
  touch: {
    group: 'generic', arity: -2, flags: ['readonly', 'fast'], acl: ['@keyspace'], keySpecs: all('RO'),
    args: [multiple(key('key'))],
    summary: 'Marks keys as just accessed; replies how many of them exist.',
    complexity: 'O(N) where N is the number of keys that will be touched.', since: '3.2.1', tips: MULTI_KEY_TIPS,
  },
  expire: {
    group: 'generic', arity: -3, flags: ['write', 'fast'], acl: ['@keyspace'], keySpecs: one('RW', 'update'),
    args: [key('key'), integer('seconds'), condition],
    summary: 'Makes a key expire after a number of seconds.',
    complexity: 'O(1)', since: '1.0.0', history: CONDITION_HISTORY,
  },
  pexpire: {
    group: 'generic', arity: -3, flags: ['write', 'fast'], acl: ['@keyspace'], keySpecs: one('RW', 'update'),
    args: [key('key'), integer('milliseconds'), condition],
    summary: 'Makes a key expire after a number of milliseconds.',
    complexity: 'O(1)', since: '2.6.0', history: CONDITION_HISTORY,
  },
  expireat: {
    group: 'generic', arity: -3, flags: ['write', 'fast'], acl: ['@keyspace'], keySpecs: one('RW', 'update'),
    args: [key('key'), unixTime('unix-time-seconds'), condition],
    summary: 'Makes a key expire at a Unix time given in seconds.',
    complexity: 'O(1)', since: '1.2.0', history: CONDITION_HISTORY,
  },
  pexpireat: {
    group: 'generic', arity: -3, flags: ['write', 'fast'], acl: ['@keyspace'], keySpecs: one('RW', 'update'),
    args: [key('key'), unixTime('unix-time-milliseconds'), condition],
    summary: 'Makes a key expire at a Unix time given in milliseconds.',
    complexity: 'O(1)', since: '2.6.0', history: CONDITION_HISTORY,
  },
  expiretime: {
    group: 'generic', arity: 2, flags: ['readonly', 'fast'], acl: ['@keyspace'], keySpecs: one('RO', 'access'),
    args: [key('key')],
    summary: 'Replies the Unix time in seconds at which a key expires (-1 without a TTL, -2 when missing).',
    complexity: 'O(1)', since: '7.0.0',
  },
  pexpiretime: {
    group: 'generic', arity: 2, flags: ['readonly', 'fast'], acl: ['@keyspace'], keySpecs: one('RO', 'access'),
    args: [key('key')],
    summary: 'Replies the Unix time in milliseconds at which a key expires (-1 without a TTL, -2 when missing).',
    complexity: 'O(1)', since: '7.0.0',
  },
  ttl: {
    group: 'generic', arity: 2, flags: ['readonly', 'fast'], acl: ['@keyspace'], keySpecs: one('RO', 'access'),
    args: [key('key')],
    summary: 'Replies the seconds a key has left to live (-1 without a TTL, -2 when missing).',
    complexity: 'O(1)', since: '1.0.0', tips: ['nondeterministic_output'],
    history: [['2.8.0', 'Added the -2 reply.']],
  },
  pttl: {
    group: 'generic', arity: 2, flags: ['readonly', 'fast'], acl: ['@keyspace'], keySpecs: one('RO', 'access'),
    args: [key('key')],
    summary: 'Replies the milliseconds a key has left to live (-1 without a TTL, -2 when missing).',
    complexity: 'O(1)', since: '2.6.0', tips: ['nondeterministic_output'],
    history: [['2.8.0', 'Added the -2 reply.']],
  },
  persist: {
    group: 'generic', arity: 2, flags: ['write', 'fast'], acl: ['@keyspace'], keySpecs: one('RW', 'update'),
    args: [key('key')],
    summary: 'Removes the TTL of a key so that it lives until deleted.',
    complexity: 'O(1)', since: '2.2.0',
  },
  sort: {
    group: 'generic', arity: -2, flags: ['write', 'denyoom', 'movablekeys'], acl: ['@set', '@sortedset', '@list', '@dangerous'],
    keySpecs: [
      ...sortKeySpecs(),
      keyUnknown(['OW', 'update'],
        "For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array"),
    ],
    args: [...sortArgs, key('destination', 2, { token: 'STORE', optional: true })],
    summary: 'Sorts the elements of a list, set or sorted set, by value or by other keys, and replies or stores them.',
    complexity: SORT_COMPLEXITY, since: '1.0.0',
  },
  sort_ro: {
    group: 'generic', arity: -2, flags: ['readonly', 'movablekeys'], acl: ['@set', '@sortedset', '@list', '@dangerous'],
    keySpecs: sortKeySpecs(),
    args: sortArgs,
    summary: 'SORT without the STORE option, so it only reads.',
    complexity: SORT_COMPLEXITY, since: '7.0.0',
  },
  object: {
    group: 'generic', arity: -2, flags: [], acl: [], keySpecs: [], args: [],
    summary: 'Looks inside the value of a key: its encoding, reference count, idle time or access frequency.',
    complexity: 'Depends on subcommand.', since: '2.2.3',
    subcommands: {
      encoding: objectLookup('Names the internal representation Redis would use for the value of a key.', '2.2.3'),
      freq: objectLookup("Replies the logarithmic access counter of a key's value (LFU policies only).", '4.0.0'),
      idletime: objectLookup("Replies the seconds since a key's value was last read or written (not under LFU policies).", '2.2.3'),
      refcount: objectLookup("Replies how many references point at a key's value.", '2.2.3'),
      help: {
        group: 'generic', arity: 2, flags: ['loading', 'stale'], acl: ['@keyspace'], keySpecs: [], args: [],
        summary: 'Lists the OBJECT subcommands.', complexity: 'O(1)', since: '6.2.0',
      },
    },
  },
}
