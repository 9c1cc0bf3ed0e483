// Redis 7 functions: FCALL, FCALL_RO and the FUNCTION container.
// Arity, flags, key specs and arguments are what Redis 7.0 reports in COMMAND INFO and COMMAND DOCS.
import { type CommandSpec, type KeySpec, integer, key, keyNum, multiple, oneof, optional, str, token } from '../spec.ts'

const WORST_CASE = 'We cannot tell how the keys will be used so we assume the worst'
const ALL_SHARDS = ['request_policy:all_shards', 'response_policy:all_succeeded']

function fcallCommand(keySpec: KeySpec, readonly: boolean, summary: string): CommandSpec {
  return {
    group: 'scripting', arity: -3,
    flags: [...(readonly ? ['readonly' as const] : []), 'noscript', 'stale', 'skip_monitor', 'no_mandatory_keys', 'movablekeys'],
    acl: ['@scripting'], keySpecs: [keySpec],
    args: [str('function'), integer('numkeys'), optional(multiple(key('key'))), optional(multiple(str('arg')))],
    summary, complexity: 'Depends on the function that is executed.', since: '7.0.0',
  }
}

function subcommand(arity: number, flags: CommandSpec['flags'], summary: string, complexity: string, more: Partial<CommandSpec> = {}): CommandSpec {
  return { group: 'scripting', arity, flags, acl: ['@scripting'], keySpecs: [], args: [], summary, complexity, since: '7.0.0', ...more }
}

export const functionCommands: Record<string, CommandSpec> = {
  fcall: fcallCommand({ ...keyNum(2, 0, 1, 1, ['RW', 'access', 'update']), notes: `${WORST_CASE}, RW and UPDATE flags` }, false,
    'Runs a function of a loaded library, with key names and arguments passed in.'),
  fcall_ro: fcallCommand({ ...keyNum(2, 0, 1, 1, ['RO', 'access']), notes: `${WORST_CASE}, RO and ACCESS flags` }, true,
    'Runs a function that may only read data.'),
  function: {
    group: 'scripting', arity: -2, flags: [], acl: [], keySpecs: [], args: [],
    summary: 'Groups the commands that manage function libraries.',
    complexity: 'Depends on subcommand.', since: '7.0.0',
    subcommands: {
      delete: subcommand(3, ['write', 'noscript'], 'Removes a library and its functions.', 'O(1)',
        { args: [str('library-name')], tips: ALL_SHARDS }),
      dump: subcommand(2, ['noscript'], 'Serializes every library into a payload FUNCTION RESTORE reads.',
        'O(N) where N is the number of functions'),
      flush: subcommand(-2, ['write', 'noscript'], 'Removes every library.', 'O(N) where N is the number of functions deleted',
        { args: [optional(oneof('async', [token('ASYNC'), token('SYNC')]))], tips: ALL_SHARDS }),
      help: subcommand(2, ['loading', 'stale'], 'Lists the FUNCTION subcommands.', 'O(1)'),
      kill: subcommand(2, ['noscript', 'allow_busy'], 'Stops the function that is running, if it has not written anything.', 'O(1)',
        { tips: ['request_policy:all_shards', 'response_policy:one_succeeded'] }),
      list: subcommand(-2, ['noscript'], 'Lists the libraries, their functions and, on request, their code.',
        'O(N) where N is the number of functions', {
          args: [optional(str('library-name-pattern', { token: 'LIBRARYNAME' })), optional(token('WITHCODE'))],
          tips: ['nondeterministic_output_order'],
        }),
      load: subcommand(-3, ['write', 'denyoom', 'noscript'], 'Loads a library of functions from its code.',
        'O(1) (considering compilation time is redundant)',
        { args: [optional(token('REPLACE')), str('function-code')], tips: ALL_SHARDS }),
      restore: subcommand(-3, ['write', 'denyoom', 'noscript'], 'Loads the libraries of a FUNCTION DUMP payload.',
        'O(N) where N is the number of functions on the payload', {
          args: [str('serialized-value'), optional(oneof('policy', [token('FLUSH'), token('APPEND'), token('REPLACE')]))],
          tips: ALL_SHARDS,
        }),
      stats: subcommand(2, ['noscript', 'allow_busy'], 'Tells which function is running, if any, and how many libraries and functions there are.',
        'O(1)', { tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'] }),
    },
  },
}
