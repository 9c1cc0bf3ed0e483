// List commands (the non-blocking ones).
// Arity, flags, key specs and arguments are what Redis 7.0 reports in COMMAND INFO and COMMAND DOCS.
import { type CommandSpec, type KeySpec, integer, key, keyAt, keyNum, multiple, oneof, optional, str, token } from '../spec.ts'

/** A command's single key at index 1 with these key-spec flags. */
const one = (...flags: string[]): KeySpec[] => [keyAt(1, flags)]

/** LMOVE and RPOPLPUSH: pop from the source at 1, push to the destination at 2. */
const sourceAndDestination: KeySpec[] = [keyAt(1, ['RW', 'access', 'delete']), keyAt(2, ['RW', 'insert'])]

const leftOrRight = (name: string) => oneof(name, [token('LEFT'), token('RIGHT')])

const PUSH_COMPLEXITY =
  'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.'

export const listCommands: Record<string, CommandSpec> = {
  lpush: {
    group: 'list', arity: -3, flags: ['write', 'denyoom', 'fast'], acl: ['@list'],
    keySpecs: one('RW', 'insert'),
    args: [key('key'), multiple(str('element'))],
    summary: 'Adds elements at the head of a list, creating the list if needed, and replies with its new length.',
    complexity: PUSH_COMPLEXITY, since: '1.0.0',
    history: [['2.4.0', 'Accepts multiple `element` arguments.']],
  },
  rpush: {
    group: 'list', arity: -3, flags: ['write', 'denyoom', 'fast'], acl: ['@list'],
    keySpecs: one('RW', 'insert'),
    args: [key('key'), multiple(str('element'))],
    summary: 'Adds elements at the tail of a list, creating the list if needed, and replies with its new length.',
    complexity: PUSH_COMPLEXITY, since: '1.0.0',
    history: [['2.4.0', 'Accepts multiple `element` arguments.']],
  },
  lpushx: {
    group: 'list', arity: -3, flags: ['write', 'denyoom', 'fast'], acl: ['@list'],
    keySpecs: one('RW', 'insert'),
    args: [key('key'), multiple(str('element'))],
    summary: 'Adds elements at the head of a list only when the list already exists.',
    complexity: PUSH_COMPLEXITY, since: '2.2.0',
    history: [['4.0.0', 'Accepts multiple `element` arguments.']],
  },
  rpushx: {
    group: 'list', arity: -3, flags: ['write', 'denyoom', 'fast'], acl: ['@list'],
    keySpecs: one('RW', 'insert'),
    args: [key('key'), multiple(str('element'))],
    summary: 'Adds elements at the tail of a list only when the list already exists.',
    complexity: PUSH_COMPLEXITY, since: '2.2.0',
    history: [['4.0.0', 'Accepts multiple `element` arguments.']],
  },
  lpop: {
    group: 'list', arity: -2, flags: ['write', 'fast'], acl: ['@list'],
    keySpecs: one('RW', 'access', 'delete'),
    args: [key('key'), optional(integer('count', { since: '6.2.0' }))],
    summary: 'Removes and returns the first element of a list, or the first count elements.',
    complexity: 'O(N) where N is the number of elements returned', since: '1.0.0',
    history: [['6.2.0', 'Added the `count` argument.']],
  },
  rpop: {
    group: 'list', arity: -2, flags: ['write', 'fast'], acl: ['@list'],
    keySpecs: one('RW', 'access', 'delete'),
    args: [key('key'), optional(integer('count', { since: '6.2.0' }))],
    summary: 'Removes and returns the last element of a list, or the last count elements.',
    complexity: 'O(N) where N is the number of elements returned', since: '1.0.0',
    history: [['6.2.0', 'Added the `count` argument.']],
  },
  llen: {
    group: 'list', arity: 2, flags: ['readonly', 'fast'], acl: ['@list'],
    keySpecs: one('RO'),
    args: [key('key')],
    summary: 'Replies with the number of elements in a list (0 when the key does not exist).',
    complexity: 'O(1)', since: '1.0.0',
  },
  lrange: {
    group: 'list', arity: 4, flags: ['readonly'], acl: ['@list'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), integer('start'), integer('stop')],
    summary: 'Returns the elements between two indexes of a list, both included; negative indexes count from the tail.',
    complexity: 'O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.',
    since: '1.0.0',
  },
  lindex: {
    group: 'list', arity: 3, flags: ['readonly'], acl: ['@list'],
    keySpecs: one('RO', 'access'),
    args: [key('key'), integer('index')],
    summary: 'Returns the element at an index of a list; negative indexes count from the tail.',
    complexity: 'O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).',
    since: '1.0.0',
  },
  lset: {
    group: 'list', arity: 4, flags: ['write', 'denyoom'], acl: ['@list'],
    keySpecs: one('RW', 'update'),
    args: [key('key'), integer('index'), str('element')],
    summary: 'Replaces the element at an index of a list.',
    complexity: 'O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).',
    since: '1.0.0',
  },
  linsert: {
    group: 'list', arity: 5, flags: ['write', 'denyoom'], acl: ['@list'],
    keySpecs: one('RW', 'insert'),
    args: [key('key'), oneof('where', [token('BEFORE'), token('AFTER')]), str('pivot'), str('element')],
    summary: 'Inserts an element just before or just after the first occurrence of a pivot element in a list.',
    complexity: 'O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).',
    since: '2.2.0',
  },
  lrem: {
    group: 'list', arity: 4, flags: ['write'], acl: ['@list'],
    keySpecs: one('RW', 'delete'),
    args: [key('key'), integer('count'), str('element')],
    summary: 'Removes occurrences of an element from a list: count from the head, -count from the tail, or all with 0.',
    complexity: 'O(N+M) where N is the length of the list and M is the number of elements removed.',
    since: '1.0.0',
  },
  ltrim: {
    group: 'list', arity: 4, flags: ['write'], acl: ['@list'],
    keySpecs: one('RW', 'delete'),
    args: [key('key'), integer('start'), integer('stop')],
    summary: 'Keeps only the elements between two indexes of a list and removes the rest.',
    complexity: 'O(N) where N is the number of elements to be removed by the operation.', since: '1.0.0',
  },
  lpos: {
    group: 'list', arity: -3, flags: ['readonly'], acl: ['@list'],
    keySpecs: one('RO', 'access'),
    args: [
      key('key'),
      str('element'),
      optional(integer('rank', { token: 'RANK' })),
      optional(integer('num-matches', { token: 'COUNT' })),
      optional(integer('len', { token: 'MAXLEN' })),
    ],
    summary: 'Finds the positions of an element in a list, optionally the Nth match, several matches, or within the first elements.',
    complexity: 'O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.',
    since: '6.0.6',
  },
  lmove: {
    group: 'list', arity: 5, flags: ['write', 'denyoom'], acl: ['@list'],
    keySpecs: sourceAndDestination,
    args: [key('source', 0), key('destination', 1), leftOrRight('wherefrom'), leftOrRight('whereto')],
    summary: 'Pops an element from one end of a list, pushes it onto an end of another (or the same) list and returns it.',
    complexity: 'O(1)', since: '6.2.0',
  },
  rpoplpush: {
    group: 'list', arity: 3, flags: ['write', 'denyoom'], acl: ['@list'],
    keySpecs: sourceAndDestination,
    args: [key('source', 0), key('destination', 1)],
    summary: 'Pops the last element of a list, pushes it at the head of another (or the same) list and returns it.',
    complexity: 'O(1)', since: '1.2.0',
    docFlags: ['deprecated'], deprecatedSince: '6.2.0', replacedBy: '`LMOVE` with the `RIGHT` and `LEFT` arguments',
  },
  lmpop: {
    group: 'list', arity: -4, flags: ['write', 'movablekeys'], acl: ['@list'],
    keySpecs: [keyNum(1, 0, 1, 1, ['RW', 'access', 'delete'])],
    args: [
      integer('numkeys'),
      multiple(key('key')),
      leftOrRight('where'),
      optional(integer('count', { token: 'COUNT' })),
    ],
    summary: 'Pops one or more elements from one end of the first non-empty list among several keys, with its name.',
    complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.',
    since: '7.0.0',
  },
}
