// EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT: scripts run in one Lua interpreter per engine,
// cached by the SHA1 of their body, on a client of their own (SELECT inside a script stays inside).
// Long scripts run in slices and can be killed (scripting/long-script.ts).
import type { Context, Handler } from '../engine.ts'
import { parseInteger } from '../args.ts'
import { fail } from '../errors.ts'
import { array, bulk, int, OK, simple, type Reply } from '../reply.ts'
import { sha1hex } from '../scripting/sha1.ts'
import { scriptingIfStarted, scriptingOf, type Scripting } from '../scripting/engine-scripting.ts'
import { killScript, RunningScript, runScript } from '../scripting/long-script.ts'
import { readShebang } from '../scripting/shebang.ts'

const NOSCRIPT = 'NOSCRIPT No matching script. Please use EVAL.'

/** Compiles and caches a body; returns its SHA1, or fails with Redis's shebang or compile error. */
function load(state: Scripting, body: string): string {
  const sha = sha1hex(body)
  if (state.scripts.has(sha)) return sha
  const { flags, code } = readShebang(body)
  const compiled = state.vm.compile(code)
  if (typeof compiled === 'string') fail(`ERR Error compiling script (new function): ${compiled}`.replace(/[\r\n]/g, ' '))
  state.scripts.set(sha, { ref: compiled, flags })
  return sha
}

function evaluate(ctx: Context, args: string[], bySha: boolean, readOnly: boolean): Reply {
  const state = scriptingOf(ctx.engine)
  // An unknown SHA1 is reported before the key count is looked at (Redis resolves the script first).
  if (bySha && !state.scripts.has(args[0].toLowerCase())) fail(NOSCRIPT)
  const numkeys = parseInteger(args[1])
  if (numkeys > args.length - 2) fail("ERR Number of keys can't be greater than number of args")
  if (numkeys < 0) fail("ERR Number of keys can't be negative")
  const sha = bySha ? args[0].toLowerCase() : load(state, args[0])
  const script = state.scripts.get(sha)
  if (script === undefined) fail(NOSCRIPT)
  const noWrites = script.flags?.has('no-writes') === true
  if (readOnly && script.flags !== undefined && !noWrites) fail('ERR Can not execute a script with write flag using *_ro command.')
  const keys = args.slice(2, 2 + numkeys)
  const argv = args.slice(2 + numkeys)
  return runScript(new RunningScript(ctx, state.client, 'eval', sha, readOnly || noWrites,
    (runner) => state.vm.startScript(script.ref, keys, argv, runner)))
}

const HELP = [
  'SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'EXISTS <sha1> [<sha1> ...]',
  '    Return information about the existence of the scripts in the script cache.',
  'FLUSH [ASYNC|SYNC]',
  '    Flush the Lua scripts cache. Very dangerous on replicas.',
  '    When called without the optional mode argument, the behavior is determined by the',
  '    lazyfree-lazy-user-flush configuration directive. Valid modes are:',
  '    * ASYNC: Asynchronously flush the scripts cache.',
  '    * SYNC: Synchronously flush the scripts cache.',
  'KILL',
  '    Kill the currently executing Lua script.',
  'LOAD <script>',
  '    Load a script into the scripts cache without executing it.',
  'HELP',
  '    Prints this help.',
]

export const scriptingHandlers: Record<string, Handler> = {
  eval: (ctx, args) => evaluate(ctx, args, false, false),
  evalsha: (ctx, args) => evaluate(ctx, args, true, false),
  eval_ro: (ctx, args) => evaluate(ctx, args, false, true),
  evalsha_ro: (ctx, args) => evaluate(ctx, args, true, true),
  'script|load': (ctx, [body]) => bulk(load(scriptingOf(ctx.engine), body)),
  'script|exists': (ctx, shas) => {
    const scripts = scriptingIfStarted(ctx.engine)?.scripts
    return array(shas.map((sha) => int(scripts?.has(sha.toLowerCase()) ? 1 : 0)))
  },
  'script|flush': (ctx, args) => {
    if (args.length > 1 || (args.length === 1 && !/^(a?sync)$/i.test(args[0]))) {
      fail('ERR SCRIPT FLUSH only support SYNC|ASYNC option')
    }
    const state = scriptingIfStarted(ctx.engine)
    if (state !== undefined) {
      for (const { ref } of state.scripts.values()) state.vm.release(ref)
      state.scripts.clear()
    }
    return OK
  },
  'script|kill': (ctx) => killScript(ctx, 'eval'),
  'script|help': () => array(HELP.map(simple)),
}


