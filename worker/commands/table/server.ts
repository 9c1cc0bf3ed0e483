// Server commands: databases (SWAPDB, DBSIZE, FLUSHDB, FLUSHALL), TIME, INFO, and the COMMAND
// and CONFIG containers. Arity, flags, arguments and history are what Redis 7.0 reports in
// COMMAND INFO and COMMAND DOCS.
import { type CommandSpec, block, integer, multiple, oneof, optional, pattern, str, token } from '../spec.ts'

/** FLUSHDB and FLUSHALL's optional mode. */
const flushMode = optional(oneof('async', [token('ASYNC', { since: '4.0.0' }), token('SYNC', { since: '6.2.0' })]))
const flushHistory: CommandSpec['history'] = [
  ['4.0.0', 'Added the `ASYNC` flushing mode modifier.'],
  ['6.2.0', 'Added the `SYNC` flushing mode modifier.'],
]
const ALL_SHARDS_OK = ['request_policy:all_shards', 'response_policy:all_succeeded']

/** COMMAND's subcommands all share flags and categories. */
const introspection = (spec: Pick<CommandSpec, 'arity' | 'args' | 'summary' | 'complexity' | 'since'> & Partial<CommandSpec>): CommandSpec =>
  ({ group: 'server', flags: ['loading', 'stale'], acl: ['@connection'], keySpecs: [], ...spec })

/** CONFIG's subcommands other than HELP are administrative. */
const configAdmin = (spec: Pick<CommandSpec, 'arity' | 'args' | 'summary' | 'complexity' | 'since'> & Partial<CommandSpec>): CommandSpec =>
  ({ group: 'server', flags: ['admin', 'noscript', 'loading', 'stale'], acl: [], keySpecs: [], ...spec })

export const serverCommands: Record<string, CommandSpec> = {
  swapdb: {
    group: 'server', arity: 3, flags: ['write', 'fast'], acl: ['@keyspace', '@dangerous'], keySpecs: [],
    args: [integer('index1'), integer('index2')],
    summary: 'Exchanges the contents of two databases; connections stay on the database number they selected.',
    complexity: 'O(N) where N is the count of clients watching or blocking on keys from both databases.', since: '4.0.0',
  },
  dbsize: {
    group: 'server', arity: 1, flags: ['readonly', 'fast'], acl: ['@keyspace'], keySpecs: [],
    args: [],
    summary: 'Counts the keys in the selected database.',
    complexity: 'O(1)', since: '1.0.0', tips: ['request_policy:all_shards', 'response_policy:agg_sum'],
  },
  flushdb: {
    group: 'server', arity: -1, flags: ['write'], acl: ['@keyspace', '@dangerous'], keySpecs: [],
    args: [flushMode],
    summary: 'Deletes every key in the selected database.',
    complexity: 'O(N) where N is the number of keys in the selected database', since: '1.0.0', tips: ALL_SHARDS_OK,
    history: flushHistory,
  },
  flushall: {
    group: 'server', arity: -1, flags: ['write'], acl: ['@keyspace', '@dangerous'], keySpecs: [],
    args: [flushMode],
    summary: 'Deletes every key in every database.',
    complexity: 'O(N) where N is the total number of keys in all databases', since: '1.0.0', tips: ALL_SHARDS_OK,
    history: flushHistory,
  },
  time: {
    group: 'server', arity: 1, flags: ['loading', 'stale', 'fast'], acl: [], keySpecs: [],
    args: [],
    summary: "Returns the server's clock as Unix seconds and the microseconds within that second.",
    complexity: 'O(1)', since: '2.6.0', tips: ['nondeterministic_output'],
  },
  info: {
    group: 'server', arity: -1, flags: ['loading', 'stale'], acl: ['@dangerous'], keySpecs: [],
    args: [optional(multiple(str('section')))],
    summary: 'Reports facts and counters about the server, section by section (server, clients, memory, stats, keyspace, ...).',
    complexity: 'O(1)', since: '1.0.0', tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'],
    history: [['7.0.0', 'Added support for taking multiple section arguments.']],
  },
  command: {
    group: 'server', arity: -1, flags: ['loading', 'stale'], acl: ['@connection'], keySpecs: [],
    args: [],
    summary: 'Describes every command the server knows: arity, flags, key positions, categories and subcommands.',
    complexity: 'O(N) where N is the total number of Redis commands', since: '2.8.13', tips: ['nondeterministic_output_order'],
    subcommands: {
      count: introspection({
        arity: 2, args: [],
        summary: 'Counts the commands the server knows (subcommands not included).',
        complexity: 'O(1)', since: '2.8.13',
      }),
      docs: introspection({
        arity: -2, args: [optional(multiple(str('command-name')))],
        summary: 'Returns the documentation of the named commands (or of all): summary, version, group, complexity, arguments.',
        complexity: 'O(N) where N is the number of commands to look up', since: '7.0.0', tips: ['nondeterministic_output_order'],
      }),
      getkeys: introspection({
        arity: -4, args: [],
        summary: 'Tells which arguments of a complete command line are key names.',
        complexity: 'O(N) where N is the number of arguments to the command', since: '2.8.13',
      }),
      getkeysandflags: introspection({
        arity: -4, args: [],
        summary: 'Tells which arguments of a complete command line are key names, and how the command uses each.',
        complexity: 'O(N) where N is the number of arguments to the command', since: '7.0.0',
      }),
      help: introspection({
        arity: 2, args: [],
        summary: 'Lists the COMMAND subcommands and what they do.',
        complexity: 'O(1)', since: '5.0.0',
      }),
      info: introspection({
        arity: -2, args: [optional(multiple(str('command-name')))],
        summary: 'Describes the named commands (or all of them), with nil for names the server does not know.',
        complexity: 'O(N) where N is the number of commands to look up', since: '2.8.13', tips: ['nondeterministic_output_order'],
        history: [['7.0.0', 'Allowed to be called with no argument to get info on all commands.']],
      }),
      list: introspection({
        arity: -2,
        args: [optional(oneof('filterby', [
          str('module-name', { token: 'MODULE' }),
          str('category', { token: 'ACLCAT' }),
          pattern('pattern', { token: 'PATTERN' }),
        ], { token: 'FILTERBY' }))],
        summary: 'Lists the names of the commands and subcommands, optionally only those of an ACL category or matching a pattern.',
        complexity: 'O(N) where N is the total number of Redis commands', since: '7.0.0', tips: ['nondeterministic_output_order'],
      }),
    },
  },
  config: {
    group: 'server', arity: -2, flags: [], acl: [], keySpecs: [],
    args: [],
    summary: 'Groups the commands that read and change server parameters.',
    complexity: 'Depends on subcommand.', since: '2.0.0',
    subcommands: {
      get: configAdmin({
        arity: -3, args: [multiple(block('parameter', [str('parameter')]))],
        summary: 'Returns the parameters whose names match the given glob patterns, with their values.',
        complexity: 'O(N) when N is the number of configuration parameters provided', since: '2.0.0',
        history: [['7.0.0', 'Added the ability to pass multiple pattern parameters in one call']],
      }),
      set: configAdmin({
        arity: -4, args: [multiple(block('parameter_value', [str('parameter'), str('value')]))],
        summary: 'Changes one or more parameters at once; if any value is refused, none is changed.',
        complexity: 'O(N) when N is the number of configuration parameters provided', since: '2.0.0',
        tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'],
        history: [['7.0.0', 'Added the ability to set multiple parameters in one call.']],
      }),
      resetstat: configAdmin({
        arity: 2, args: [],
        summary: 'Sets the counters INFO reports (commands, errors, connections, expired keys) back to zero.',
        complexity: 'O(1)', since: '2.0.0',
      }),
      rewrite: configAdmin({
        arity: 2, args: [],
        summary: 'Writes the running parameters back to the configuration file the server started with.',
        complexity: 'O(1)', since: '2.8.0',
      }),
      help: {
        group: 'server', arity: 2, flags: ['loading', 'stale'], acl: [], keySpecs: [],
        args: [],
        summary: 'Lists the CONFIG subcommands and what they do.',
        complexity: 'O(1)', since: '5.0.0',
      },
    },
  },
}
