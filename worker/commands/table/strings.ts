// String commands: SET and its variants, GET and its variants, counters, ranges and LCS.
// Arity, flags, key specs and arguments are what Redis 7.0 reports in COMMAND INFO and COMMAND DOCS.
import {
  type CommandSpec, type KeySpec, block, integer, key, keyAt, keyRange, multiple, oneof, optional, str, token,
  unixTime, dbl,
} from '../spec.ts'

/** A command's single key at index 1 with these key-spec flags. */
const one = (...flags: string[]): KeySpec[] => [keyAt(1, flags)]
/** The same, with Redis's note on why the flags are what they are. */
const noted = (notes: string, ...flags: string[]): KeySpec[] => [{ ...keyAt(1, flags), notes }]

/** The key/value pairs of MSET and MSETNX. */
const keyValuePairs = [multiple(block('key_value', [key('key'), str('value')]))]

export const stringCommands: Record<string, CommandSpec> = {
  set: {
    group: 'string', arity: -3, flags: ['write', 'denyoom'], acl: ['@string'],
    keySpecs: noted('RW and ACCESS due to the optional `GET` argument', 'RW', 'access', 'update', 'variable_flags'),
    args: [
      key('key'),
      str('value'),
      optional(oneof('condition', [token('NX'), token('XX')], { since: '2.6.12' })),
      optional(token('GET', { since: '6.2.0' })),
      optional(oneof('expiration', [
        integer('seconds', { token: 'EX', since: '2.6.12' }),
        integer('milliseconds', { token: 'PX', since: '2.6.12' }),
        unixTime('unix-time-seconds', { token: 'EXAT', since: '6.2.0' }),
        unixTime('unix-time-milliseconds', { token: 'PXAT', since: '6.2.0' }),
        token('KEEPTTL', { since: '6.0.0' }),
      ])),
    ],
    summary: 'Stores a string at a key, optionally only if it exists or not, with a TTL, or returning the old value.',
    complexity: 'O(1)', since: '1.0.0',
    history: [
      ['2.6.12', 'Added the `EX`, `PX`, `NX` and `XX` options.'],
      ['6.0.0', 'Added the `KEEPTTL` option.'],
      ['6.2.0', 'Added the `GET`, `EXAT` and `PXAT` option.'],
      ['7.0.0', 'Allowed the `NX` and `GET` options to be used together.'],
    ],
  },
  get: {
    group: 'string', arity: 2, flags: ['readonly', 'fast'], acl: ['@string'],
    keySpecs: one('RO', 'access'),
    args: [key('key')],
    summary: 'Returns the string stored at a key, or nil when the key does not exist.',
    complexity: 'O(1)', since: '1.0.0',
  },
  getset: {
    group: 'string', arity: 3, flags: ['write', 'denyoom', 'fast'], acl: ['@string'],
    keySpecs: one('RW', 'access', 'update'),
    args: [key('key'), str('value')],
    summary: 'Stores a new string at a key and returns the string it held before.',
    complexity: 'O(1)', since: '1.0.0',
    docFlags: ['deprecated'], deprecatedSince: '6.2.0', replacedBy: '`SET` with the `!GET` argument',
  },
  getdel: {
    group: 'string', arity: 2, flags: ['write', 'fast'], acl: ['@string'],
    keySpecs: one('RW', 'access', 'delete'),
    args: [key('key')],
    summary: 'Returns the string stored at a key and removes the key.',
    complexity: 'O(1)', since: '6.2.0',
  },
  getex: {
    group: 'string', arity: -2, flags: ['write', 'fast'], acl: ['@string'],
    keySpecs: noted('RW and UPDATE because it changes the TTL', 'RW', 'access', 'update'),
    args: [
      key('key'),
      optional(oneof('expiration', [
        integer('seconds', { token: 'EX' }),
        integer('milliseconds', { token: 'PX' }),
        unixTime('unix-time-seconds', { token: 'EXAT' }),
        unixTime('unix-time-milliseconds', { token: 'PXAT' }),
        token('PERSIST'),
      ])),
    ],
    summary: 'Returns the string stored at a key and sets or removes its TTL.',
    complexity: 'O(1)', since: '6.2.0',
  },
  setnx: {
    group: 'string', arity: 3, flags: ['write', 'denyoom', 'fast'], acl: ['@string'],
    keySpecs: one('OW', 'insert'),
    args: [key('key'), str('value')],
    summary: 'Stores a string at a key only when the key does not exist yet; replies 1 if it did so.',
    complexity: 'O(1)', since: '1.0.0',
  },
  setex: {
    group: 'string', arity: 4, flags: ['write', 'denyoom'], acl: ['@string'],
    keySpecs: one('OW', 'update'),
    args: [key('key'), integer('seconds'), str('value')],
    summary: 'Stores a string at a key with a TTL given in seconds.',
    complexity: 'O(1)', since: '2.0.0',
  },
  psetex: {
    group: 'string', arity: 4, flags: ['write', 'denyoom'], acl: ['@string'],
    keySpecs: one('OW', 'update'),
    args: [key('key'), integer('milliseconds'), str('value')],
    summary: 'Stores a string at a key with a TTL given in milliseconds.',
    complexity: 'O(1)', since: '2.6.0',
  },
  mset: {
    group: 'string', arity: -3, flags: ['write', 'denyoom'], acl: ['@string'],
    keySpecs: [keyRange(1, -1, 2, ['OW', 'update'])],
    args: keyValuePairs,
    summary: 'Stores several strings at several keys in one step.',
    complexity: 'O(N) where N is the number of keys to set.', since: '1.0.1',
    tips: ['request_policy:multi_shard', 'response_policy:all_succeeded'],
  },
  msetnx: {
    group: 'string', arity: -3, flags: ['write', 'denyoom'], acl: ['@string'],
    keySpecs: [keyRange(1, -1, 2, ['OW', 'insert'])],
    args: keyValuePairs,
    summary: 'Stores several strings at several keys, but only if none of the keys exists; replies 1 if it did so.',
    complexity: 'O(N) where N is the number of keys to set.', since: '1.0.1',
    tips: ['request_policy:multi_shard', 'response_policy:agg_min'],
  },
  mget: {
    group: 'string', arity: -2, flags: ['readonly', 'fast'], acl: ['@string'],
    keySpecs: [keyRange(1, -1, 1, ['RO', 'access'])],
    args: [multiple(key('key'))],
    summary: 'Returns the strings stored at several keys (nil for a missing key or one of another type).',
    complexity: 'O(N) where N is the number of keys to retrieve.', since: '1.0.0',
    tips: ['request_policy:multi_shard'],
  },
  append: {
    group: 'string', arity: 3, flags: ['write', 'denyoom', 'fast'], acl: ['@string'],
    keySpecs: one('RW', 'insert'),
    args: [key('key'), str('value')],
    summary: 'Adds bytes to the end of the string at a key (creating it if needed) and replies with the new length.',
    complexity:
      'O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.',
    since: '2.0.0',
  },
  strlen: {
    group: 'string', arity: 2, flags: ['readonly', 'fast'], acl: ['@string'],
    keySpecs: one('RO'),
    args: [key('key')],
    summary: 'Replies with the length in bytes of the string at a key (0 when the key does not exist).',
    complexity: 'O(1)', since: '2.2.0',
  },
  incr: {
    group: 'string', arity: 2, flags: ['write', 'denyoom', 'fast'], acl: ['@string'],
    keySpecs: one('RW', 'access', 'update'),
    args: [key('key')],
    summary: 'Adds one to the integer stored at a key (a missing key counts as 0).',
    complexity: 'O(1)', since: '1.0.0',
  },
  decr: {
    group: 'string', arity: 2, flags: ['write', 'denyoom', 'fast'], acl: ['@string'],
    keySpecs: one('RW', 'access', 'update'),
    args: [key('key')],
    summary: 'Subtracts one from the integer stored at a key (a missing key counts as 0).',
    complexity: 'O(1)', since: '1.0.0',
  },
  incrby: {
    group: 'string', arity: 3, flags: ['write', 'denyoom', 'fast'], acl: ['@string'],
    keySpecs: one('RW', 'access', 'update'),
    args: [key('key'), integer('increment')],
    summary: 'Adds an integer to the integer stored at a key (a missing key counts as 0).',
    complexity: 'O(1)', since: '1.0.0',
  },
  decrby: {
    group: 'string', arity: 3, flags: ['write', 'denyoom', 'fast'], acl: ['@string'],
    keySpecs: one('RW', 'access', 'update'),
    args: [key('key'), integer('decrement')],
    summary: 'Subtracts an integer from the integer stored at a key (a missing key counts as 0).',
    complexity: 'O(1)', since: '1.0.0',
  },
  incrbyfloat: {
    group: 'string', arity: 3, flags: ['write', 'denyoom', 'fast'], acl: ['@string'],
    keySpecs: one('RW', 'access', 'update'),
    args: [key('key'), dbl('increment')],
    summary: 'Adds a floating point number to the number stored at a key (a missing key counts as 0).',
    complexity: 'O(1)', since: '2.6.0',
  },
  getrange: {
    group: 'string', arity: 4, flags: ['readonly'], acl: ['@string'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), integer('start'), integer('end')],
    summary: 'Returns the bytes of the string at a key between two offsets, both included; negative offsets count from the end.',
    complexity:
      'O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.',
    since: '2.4.0',
  },
  substr: {
    group: 'string', arity: 4, flags: ['readonly'], acl: ['@string'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), integer('start'), integer('end')],
    summary: 'The old name of GETRANGE: returns part of the string at a key.',
    complexity:
      'O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.',
    since: '1.0.0',
    docFlags: ['deprecated'], deprecatedSince: '2.0.0', replacedBy: '`GETRANGE`',
  },
  setrange: {
    group: 'string', arity: 4, flags: ['write', 'denyoom'], acl: ['@string'],
    keySpecs: one('RW', 'update'),
    args: [key('key'), integer('offset'), str('value')],
    summary: 'Writes bytes into the string at a key from an offset on, padding with zero bytes, and replies with the new length.',
    complexity:
      'O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.',
    since: '2.2.0',
  },
  lcs: {
    group: 'string', arity: -3, flags: ['readonly'], acl: ['@string'],
    keySpecs: [keyRange(1, 1, 1, ['RO', 'access'])],
    args: [
      key('key1'),
      key('key2'),
      optional(token('LEN')),
      optional(token('IDX')),
      optional(integer('len', { token: 'MINMATCHLEN' })),
      optional(token('WITHMATCHLEN')),
    ],
    summary: 'Finds the longest common subsequence of the strings at two keys: the text, its length, or where it matches.',
    complexity: 'O(N*M) where N and M are the lengths of s1 and s2, respectively', since: '7.0.0',
  },
}
