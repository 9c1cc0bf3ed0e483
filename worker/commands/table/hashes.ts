// Hash commands: fields and values, counters, random fields and HSCAN.
// Arity, flags, key specs and arguments are what Redis 7.0 reports in COMMAND INFO and COMMAND DOCS.
import {
  type CommandSpec, type KeySpec, block, dbl, integer, key, keyAt, multiple, optional, pattern, str, token,
} from '../spec.ts'

/** A command's single key at index 1 with these key-spec flags. */
const one = (...flags: string[]): KeySpec[] => [keyAt(1, flags)]

/** The field/value pairs of HSET and HMSET. */
const fieldValuePairs = multiple(block('field_value', [str('field'), str('value')]))

export const hashCommands: Record<string, CommandSpec> = {
  hset: {
    group: 'hash', arity: -4, flags: ['write', 'denyoom', 'fast'], acl: ['@hash'],
    keySpecs: one('RW', 'update'),
    args: [key('key'), fieldValuePairs],
    summary: 'Sets one or more fields of a hash, creating the hash if needed; replies with how many fields are new.',
    complexity: 'O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.',
    since: '2.0.0',
    history: [['4.0.0', 'Accepts multiple `field` and `value` arguments.']],
  },
  hsetnx: {
    group: 'hash', arity: 4, flags: ['write', 'denyoom', 'fast'], acl: ['@hash'],
    keySpecs: one('RW', 'insert'),
    args: [key('key'), str('field'), str('value')],
    summary: 'Sets a field of a hash only when the field is not there yet.',
    complexity: 'O(1)', since: '2.0.0',
  },
  hmset: {
    group: 'hash', arity: -4, flags: ['write', 'denyoom', 'fast'], acl: ['@hash'],
    keySpecs: one('RW', 'update'),
    args: [key('key'), fieldValuePairs],
    summary: 'Sets one or more fields of a hash and replies OK (the older form of HSET).',
    complexity: 'O(N) where N is the number of fields being set.', since: '2.0.0',
    docFlags: ['deprecated'], deprecatedSince: '4.0.0', replacedBy: '`HSET` with multiple field-value pairs',
  },
  hget: {
    group: 'hash', arity: 3, flags: ['readonly', 'fast'], acl: ['@hash'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), str('field')],
    summary: 'Returns the value of one field of a hash, or nil when the field or the hash is missing.',
    complexity: 'O(1)', since: '2.0.0',
  },
  hmget: {
    group: 'hash', arity: -3, flags: ['readonly', 'fast'], acl: ['@hash'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), multiple(str('field'))],
    summary: 'Returns the values of several fields of a hash, with nil for each missing one.',
    complexity: 'O(N) where N is the number of fields being requested.', since: '2.0.0',
  },
  hgetall: {
    group: 'hash', arity: 2, flags: ['readonly'], acl: ['@hash'],
    keySpecs: one('RO', 'access'),
    args: [key('key')],
    summary: 'Returns every field of a hash with its value.',
    complexity: 'O(N) where N is the size of the hash.', since: '2.0.0',
    tips: ['nondeterministic_output_order'],
  },
  hdel: {
    group: 'hash', arity: -3, flags: ['write', 'fast'], acl: ['@hash'],
    keySpecs: one('RW', 'delete'),
    args: [key('key'), multiple(str('field'))],
    summary: 'Removes fields from a hash (and the hash once it is empty); replies with how many were removed.',
    complexity: 'O(N) where N is the number of fields to be removed.', since: '2.0.0',
    history: [['2.4.0', 'Accepts multiple `field` arguments.']],
  },
  hlen: {
    group: 'hash', arity: 2, flags: ['readonly', 'fast'], acl: ['@hash'],
    keySpecs: one('RO'),
    args: [key('key')],
    summary: 'Returns how many fields a hash has.',
    complexity: 'O(1)', since: '2.0.0',
  },
  hexists: {
    group: 'hash', arity: 3, flags: ['readonly', 'fast'], acl: ['@hash'],
    keySpecs: one('RO'),
    args: [key('key'), str('field')],
    summary: 'Tells whether a hash has a field: 1 or 0.',
    complexity: 'O(1)', since: '2.0.0',
  },
  hkeys: {
    group: 'hash', arity: 2, flags: ['readonly'], acl: ['@hash'],
    keySpecs: one('RO', 'access'),
    args: [key('key')],
    summary: 'Returns the names of all fields of a hash.',
    complexity: 'O(N) where N is the size of the hash.', since: '2.0.0',
    tips: ['nondeterministic_output_order'],
  },
  hvals: {
    group: 'hash', arity: 2, flags: ['readonly'], acl: ['@hash'],
    keySpecs: one('RO', 'access'),
    args: [key('key')],
    summary: 'Returns the values of all fields of a hash.',
    complexity: 'O(N) where N is the size of the hash.', since: '2.0.0',
    tips: ['nondeterministic_output_order'],
  },
  hstrlen: {
    group: 'hash', arity: 3, flags: ['readonly', 'fast'], acl: ['@hash'],
    keySpecs: one('RO'),
    args: [key('key'), str('field')],
    summary: 'Returns the length in bytes of the value of a hash field (0 when missing).',
    complexity: 'O(1)', since: '3.2.0',
  },
  hincrby: {
    group: 'hash', arity: 4, flags: ['write', 'denyoom', 'fast'], acl: ['@hash'],
    keySpecs: one('RW', 'access', 'update'),
    args: [key('key'), str('field'), integer('increment')],
    summary: 'Adds an integer to the integer held in a hash field (a missing field counts as 0) and replies with the sum.',
    complexity: 'O(1)', since: '2.0.0',
  },
  hincrbyfloat: {
    group: 'hash', arity: 4, flags: ['write', 'denyoom', 'fast'], acl: ['@hash'],
    keySpecs: one('RW', 'access', 'update'),
    args: [key('key'), str('field'), dbl('increment')],
    summary: 'Adds a decimal number to the number held in a hash field (a missing field counts as 0) and replies with the sum.',
    complexity: 'O(1)', since: '2.6.0',
  },
  hrandfield: {
    group: 'hash', arity: -2, flags: ['readonly'], acl: ['@hash'],
    keySpecs: one('RO', 'access'),
    args: [
      key('key'),
      optional(block('options', [integer('count'), optional(token('WITHVALUES'))])),
    ],
    summary: 'Returns random fields of a hash: one, several distinct ones, or (with a negative count) a number of picks that may repeat.',
    complexity: 'O(N) where N is the number of fields returned', since: '6.2.0',
    tips: ['nondeterministic_output'],
  },
  hscan: {
    group: 'hash', arity: -3, flags: ['readonly'], acl: ['@hash'],
    keySpecs: one('RO', 'access'),
    args: [
      key('key'),
      integer('cursor'),
      optional(pattern('pattern', { token: 'MATCH' })),
      optional(integer('count', { token: 'COUNT' })),
    ],
    summary: 'Walks the fields and values of a hash a few at a time with a cursor, optionally only fields matching a pattern.',
    complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
    since: '2.8.0',
    tips: ['nondeterministic_output'],
  },
}
