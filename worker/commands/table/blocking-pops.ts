// Blocking list and sorted-set pops.
// Arity, flags, key specs and arguments are what Redis 7.0 reports in COMMAND INFO and COMMAND DOCS.
import { type CommandSpec, type KeySpec, dbl, integer, key, keyAt, keyNum, keyRange, multiple, oneof, optional, token } from '../spec.ts'

/** Every argument but the last (the timeout) is a key. */
const keysBeforeTimeout: KeySpec[] = [keyRange(1, -2, 1, ['RW', 'access', 'delete'])]
const sourceAndDestination: KeySpec[] = [keyAt(1, ['RW', 'access', 'delete']), keyAt(2, ['RW', 'insert'])]
/** BLMPOP and BZMPOP: numkeys at 2, the keys after it. */
const numberedKeys: KeySpec[] = [keyNum(2, 0, 1, 1, ['RW', 'access', 'delete'])]

const leftOrRight = (name: string) => oneof(name, [token('LEFT'), token('RIGHT')])
const TIMEOUT_HISTORY: Array<[string, string]> = [['6.0.0', '`timeout` is interpreted as a double instead of an integer.']]

export const blockingPopCommands: Record<string, CommandSpec> = {
  blpop: {
    group: 'list', arity: -3, flags: ['write', 'noscript', 'blocking'], acl: ['@list'],
    keySpecs: keysBeforeTimeout,
    args: [multiple(key('key')), dbl('timeout')],
    summary: 'Pops the first element of the first non-empty list among the keys, waiting up to a timeout for one to get elements.',
    complexity: 'O(N) where N is the number of provided keys.', since: '2.0.0', history: TIMEOUT_HISTORY,
  },
  brpop: {
    group: 'list', arity: -3, flags: ['write', 'noscript', 'blocking'], acl: ['@list'],
    keySpecs: keysBeforeTimeout,
    args: [multiple(key('key')), dbl('timeout')],
    summary: 'Pops the last element of the first non-empty list among the keys, waiting up to a timeout for one to get elements.',
    complexity: 'O(N) where N is the number of provided keys.', since: '2.0.0', history: TIMEOUT_HISTORY,
  },
  blmove: {
    group: 'list', arity: 6, flags: ['write', 'denyoom', 'noscript', 'blocking'], acl: ['@list'],
    keySpecs: sourceAndDestination,
    args: [key('source', 0), key('destination', 1), leftOrRight('wherefrom'), leftOrRight('whereto'), dbl('timeout')],
    summary: 'Moves an element from one end of a list to an end of another list and returns it, waiting up to a timeout when the source is empty.',
    complexity: 'O(1)', since: '6.2.0',
  },
  brpoplpush: {
    group: 'list', arity: 4, flags: ['write', 'denyoom', 'noscript', 'blocking'], acl: ['@list'],
    keySpecs: sourceAndDestination,
    args: [key('source', 0), key('destination', 1), dbl('timeout')],
    summary: 'Moves the last element of a list to the head of another list and returns it, waiting up to a timeout when the source is empty.',
    complexity: 'O(1)', since: '2.2.0', history: TIMEOUT_HISTORY,
    docFlags: ['deprecated'], deprecatedSince: '6.2.0', replacedBy: '`BLMOVE` with the `RIGHT` and `LEFT` arguments',
  },
  blmpop: {
    group: 'list', arity: -5, flags: ['write', 'blocking', 'movablekeys'], acl: ['@list'],
    keySpecs: numberedKeys,
    args: [dbl('timeout'), integer('numkeys'), multiple(key('key')), leftOrRight('where'), optional(integer('count', { token: 'COUNT' }))],
    summary: 'Pops elements from one end of the first non-empty list among the keys, with its name, waiting up to a timeout for one.',
    complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.', since: '7.0.0',
  },
  bzpopmin: {
    group: 'sorted-set', arity: -3, flags: ['write', 'noscript', 'blocking', 'fast'], acl: ['@sortedset'],
    keySpecs: keysBeforeTimeout,
    args: [multiple(key('key')), dbl('timeout')],
    summary: 'Pops the lowest-scored member of the first non-empty sorted set among the keys, waiting up to a timeout for one.',
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.', since: '5.0.0', history: TIMEOUT_HISTORY,
  },
  bzpopmax: {
    group: 'sorted-set', arity: -3, flags: ['write', 'noscript', 'blocking', 'fast'], acl: ['@sortedset'],
    keySpecs: keysBeforeTimeout,
    args: [multiple(key('key')), dbl('timeout')],
    summary: 'Pops the highest-scored member of the first non-empty sorted set among the keys, waiting up to a timeout for one.',
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.', since: '5.0.0', history: TIMEOUT_HISTORY,
  },
  bzmpop: {
    group: 'sorted-set', arity: -5, flags: ['write', 'blocking', 'movablekeys'], acl: ['@sortedset'],
    keySpecs: numberedKeys,
    args: [dbl('timeout'), integer('numkeys'), multiple(key('key')), oneof('where', [token('MIN'), token('MAX')]), optional(integer('count', { token: 'COUNT' }))],
    summary: 'Pops members with their scores from the first non-empty sorted set among the keys, waiting up to a timeout for one.',
    complexity: 'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.',
    since: '7.0.0',
  },
}
