// Scripting commands: EVAL, EVALSHA, their read-only forms and the SCRIPT container.
// Arity, flags, key specs and arguments are what Redis 7.0 reports in COMMAND INFO and COMMAND DOCS.
import { type CommandSpec, type KeySpec, integer, key, keyNum, multiple, oneof, optional, str, token } from '../spec.ts'

const WORST_CASE = 'We cannot tell how the keys will be used so we assume the worst'
const writeKeys: KeySpec = keyNum(2, 0, 1, 1, ['RW', 'access', 'update'])
const readKeys: KeySpec = keyNum(2, 0, 1, 1, ['RO', 'access'])

function evalCommand(body: string, keySpec: KeySpec, readonly: boolean, summary: string, since: string): CommandSpec {
  return {
    group: 'scripting', arity: -3,
    flags: [...(readonly ? ['readonly' as const] : []), 'noscript', 'stale', 'skip_monitor', 'no_mandatory_keys', 'movablekeys'],
    acl: ['@scripting'], keySpecs: [keySpec],
    args: [str(body), integer('numkeys'), optional(multiple(key('key'))), optional(multiple(str('arg')))],
    summary, complexity: 'Depends on the script that is executed.', since,
  }
}

const SCRIPT_FLAGS: CommandSpec['flags'] = ['noscript']

export const scriptingCommands: Record<string, CommandSpec> = {
  eval: evalCommand('script', { ...writeKeys, notes: `${WORST_CASE}, RW and UPDATE flags` }, false,
    'Runs a Lua script on the server, with key names and arguments passed in.', '2.6.0'),
  evalsha: evalCommand('sha1', writeKeys, false,
    'Runs a cached Lua script, named by the SHA1 of its body.', '2.6.0'),
  eval_ro: evalCommand('script', { ...readKeys, notes: `${WORST_CASE}, RO and ACCESS flags` }, true,
    'Runs a Lua script that may only read data.', '7.0.0'),
  evalsha_ro: evalCommand('sha1', readKeys, true,
    'Runs a cached read-only Lua script, named by the SHA1 of its body.', '7.0.0'),
  script: {
    group: 'scripting', arity: -2, flags: [], acl: [], keySpecs: [], args: [],
    summary: 'Groups the commands that manage the script cache.',
    complexity: 'Depends on subcommand.', since: '2.6.0',
    subcommands: {
      exists: {
        group: 'scripting', arity: -3, flags: SCRIPT_FLAGS, acl: ['@scripting'], keySpecs: [],
        args: [multiple(str('sha1'))],
        summary: 'Tells, for each SHA1, whether that script is in the cache.',
        complexity: 'O(N) with N being the number of scripts to check (so checking a single script is an O(1) operation).',
        since: '2.6.0', tips: ['request_policy:all_shards', 'response_policy:agg_logical_and'],
      },
      flush: {
        group: 'scripting', arity: -2, flags: SCRIPT_FLAGS, acl: ['@scripting'], keySpecs: [],
        args: [optional(oneof('async', [token('ASYNC'), token('SYNC')], { since: '6.2.0' }))],
        summary: 'Empties the script cache.',
        complexity: 'O(N) with N being the number of scripts in cache', since: '2.6.0',
        history: [['6.2.0', 'Added the `ASYNC` and `SYNC` flushing mode modifiers.']],
        tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'],
      },
      help: {
        group: 'scripting', arity: 2, flags: ['loading', 'stale'], acl: ['@scripting'], keySpecs: [], args: [],
        summary: 'Lists the SCRIPT subcommands.', complexity: 'O(1)', since: '5.0.0',
      },
      kill: {
        group: 'scripting', arity: 2, flags: ['noscript', 'allow_busy'], acl: ['@scripting'], keySpecs: [], args: [],
        summary: 'Stops the script that is running, if it has not written anything.',
        complexity: 'O(1)', since: '2.6.0', tips: ['request_policy:all_shards', 'response_policy:one_succeeded'],
      },
      load: {
        group: 'scripting', arity: 3, flags: ['noscript', 'stale'], acl: ['@scripting'], keySpecs: [],
        args: [str('script')],
        summary: 'Compiles a script and stores it in the cache without running it; replies with its SHA1.',
        complexity: 'O(N) with N being the length in bytes of the script body.', since: '2.6.0',
        tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'],
      },
    },
  },
}
