// EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT: scripts run in one Lua interpreter per engine,
// cached by the SHA1 of their body, on a client of their own (SELECT inside a script stays inside).
import { Client, type Context, type Engine, type Handler } from '../engine.ts'
import { parseInteger } from '../args.ts'
import { fail } from '../errors.ts'
import { array, bulk, error, int, OK, simple, type Reply } from '../reply.ts'
import { LuaVm } from '../scripting/vm.ts'
import { sha1hex } from '../scripting/sha1.ts'

interface Scripting {
  vm: LuaVm
  /** Compiled scripts by SHA1 (registry references in the interpreter). */
  scripts: Map<string, number>
  client: Client
}

const NOSCRIPT = 'NOSCRIPT No matching script. Please use EVAL.'

const scripting = new WeakMap<Engine, Scripting>()

/** The engine's interpreter, created on the first script. */
function scriptingOf(engine: Engine): Scripting {
  let found = scripting.get(engine)
  if (found === undefined) {
    found = { vm: new LuaVm(), scripts: new Map(), client: new Client(0, engine.now(), '', '') }
    scripting.set(engine, found)
  }
  return found
}

/** Compiles and caches a body; returns its SHA1, or fails with Redis's compile error. */
function load(state: Scripting, body: string): string {
  const sha = sha1hex(body)
  if (state.scripts.has(sha)) return sha
  const compiled = state.vm.compile(body)
  if (typeof compiled === 'string') fail(`ERR Error compiling script (new function): ${compiled}`.replace(/[\r\n]/g, ' '))
  state.scripts.set(sha, compiled)
  return sha
}

/** Runs a command for a script with Redis's checks: known, arity, allowed in scripts, writes in read-only scripts. */
function runFromScript(ctx: Context, client: Client, readOnly: boolean, argv: string[]): Reply {
  const found = ctx.engine.resolve(argv)
  if ('error' in found) {
    return error(found.rejected === undefined
      ? 'ERR Unknown Redis command called from script'
      : 'ERR Wrong number of args calling Redis command from script')
  }
  if (found.spec.flags.includes('noscript')) return error('ERR This Redis command is not allowed from script')
  if (readOnly && found.spec.flags.includes('write')) return error('ERR Write commands are not allowed from read-only scripts.')
  return ctx.engine.exec(client, argv)
}

function evaluate(ctx: Context, args: string[], bySha: boolean, readOnly: boolean): Reply {
  const state = scriptingOf(ctx.engine)
  // An unknown SHA1 is reported before the key count is looked at (Redis resolves the script first).
  if (bySha && !state.scripts.has(args[0].toLowerCase())) fail(NOSCRIPT)
  const numkeys = parseInteger(args[1])
  if (numkeys > args.length - 2) fail("ERR Number of keys can't be greater than number of args")
  if (numkeys < 0) fail("ERR Number of keys can't be negative")
  const sha = bySha ? args[0].toLowerCase() : load(state, args[0])
  const ref = state.scripts.get(sha)
  if (ref === undefined) fail(NOSCRIPT)
  const client = state.client
  client.db = ctx.client.db
  client.resp = 2
  const result = state.vm.run(ref, args.slice(2, 2 + numkeys), args.slice(2 + numkeys),
    (argv) => runFromScript(ctx, client, readOnly, argv))
  if ('type' in result) return result
  const where = result.source !== undefined && result.line !== undefined ? ` script: ${sha}, on ${result.source}:${result.line}.` : ''
  return error(`${result.message}${where}`.replace(/[\r\n]/g, ' '))
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
    const scripts = scripting.get(ctx.engine)?.scripts
    return array(shas.map((sha) => int(scripts?.has(sha.toLowerCase()) ? 1 : 0)))
  },
  'script|flush': (ctx, args) => {
    if (args.length > 1 || (args.length === 1 && !/^(a?sync)$/i.test(args[0]))) {
      fail('ERR SCRIPT FLUSH only support SYNC|ASYNC option')
    }
    const state = scripting.get(ctx.engine)
    if (state !== undefined) {
      for (const ref of state.scripts.values()) state.vm.release(ref)
      state.scripts.clear()
    }
    return OK
  },
  // Scripts run to completion within one command here, so none is ever running when SCRIPT KILL arrives.
  'script|kill': () => fail('NOTBUSY No scripts in execution right now.'),
  'script|help': () => array(HELP.map(simple)),
}


