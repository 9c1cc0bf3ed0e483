// Persistence commands: SAVE, BGSAVE, BGREWRITEAOF, LASTSAVE, SHUTDOWN. Arity, flags, arguments and history
// are what Redis 7.0 reports in COMMAND INFO and COMMAND DOCS.
import { type CommandSpec, oneof, optional, token } from '../spec.ts'

export const persistenceCommands: Record<string, CommandSpec> = {
  save: {
    group: 'server', arity: 1, flags: ['admin', 'noscript', 'no_async_loading', 'no_multi'], acl: [], keySpecs: [],
    args: [],
    summary: 'Writes a snapshot of every database to storage and replies when it is stored.',
    complexity: 'O(N) where N is the total number of keys in all databases', since: '1.0.0',
  },
  bgsave: {
    group: 'server', arity: -1, flags: ['admin', 'noscript', 'no_async_loading'], acl: [], keySpecs: [],
    args: [optional(token('SCHEDULE', { since: '3.2.2' }))],
    summary: 'Starts writing a snapshot of every database to storage and replies at once.',
    complexity: 'O(1)', since: '1.0.0',
    history: [['3.2.2', 'Added the `SCHEDULE` option.']],
  },
  bgrewriteaof: {
    group: 'server', arity: 1, flags: ['admin', 'noscript', 'no_async_loading'], acl: [], keySpecs: [],
    args: [],
    summary: 'Starts compacting the append-only log into a fresh snapshot and replies at once.',
    complexity: 'O(1)', since: '1.0.0',
  },
  lastsave: {
    group: 'server', arity: 1, flags: ['loading', 'stale', 'fast'], acl: ['@admin', '@dangerous'], keySpecs: [],
    args: [],
    summary: 'Returns the Unix time, in seconds, of the last snapshot that was stored successfully.',
    complexity: 'O(1)', since: '1.0.0', tips: ['nondeterministic_output'],
  },
  shutdown: {
    group: 'server', arity: -1, flags: ['admin', 'noscript', 'loading', 'stale', 'no_multi', 'allow_busy'], acl: ['@dangerous'], keySpecs: [],
    args: [
      optional(oneof('nosave_save', [token('NOSAVE'), token('SAVE')])),
      optional(token('NOW', { since: '7.0.0' })), optional(token('FORCE', { since: '7.0.0' })), optional(token('ABORT', { since: '7.0.0' })),
    ],
    summary: 'Stops the server after saving; NOSAVE stops it at once, even while a script runs. The playground then starts again from what is stored.',
    complexity: 'O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)', since: '1.0.0',
    history: [['7.0.0', 'Added the `NOW`, `FORCE` and `ABORT` modifiers.']],
  },
}
