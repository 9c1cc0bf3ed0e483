// Transaction commands.
// Arity, flags, key specs and arguments are what Redis 7.0 reports in COMMAND INFO and COMMAND DOCS.
import { type CommandSpec, key, keyRange, multiple } from '../spec.ts'

export const transactionCommands: Record<string, CommandSpec> = {
  multi: {
    group: 'transactions', arity: 1, flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'], acl: ['@transaction'],
    keySpecs: [], args: [],
    summary: 'Starts a transaction: the following commands are queued until EXEC runs them together.',
    complexity: 'O(1)', since: '1.2.0',
  },
  exec: {
    group: 'transactions', arity: 1, flags: ['noscript', 'loading', 'stale', 'skip_slowlog'], acl: ['@transaction'],
    keySpecs: [], args: [],
    summary: 'Runs the commands queued since MULTI, one after the other, and replies with all their replies.',
    complexity: 'Depends on commands in the transaction', since: '1.2.0',
  },
  discard: {
    group: 'transactions', arity: 1, flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'], acl: ['@transaction'],
    keySpecs: [], args: [],
    summary: 'Drops the commands queued since MULTI and forgets the watched keys.',
    complexity: 'O(N), when N is the number of queued commands', since: '2.0.0',
  },
  watch: {
    group: 'transactions', arity: -2, flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'], acl: ['@transaction'],
    keySpecs: [keyRange(1, -1, 1, ['RO'])],
    args: [multiple(key('key'))],
    summary: 'Makes the next EXEC fail if any of these keys changes before it runs.',
    complexity: 'O(1) for every key.', since: '2.2.0',
  },
  unwatch: {
    group: 'transactions', arity: 1, flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'], acl: ['@transaction'],
    keySpecs: [], args: [],
    summary: 'Forgets every key this connection watches.',
    complexity: 'O(1)', since: '2.2.0',
  },
}
