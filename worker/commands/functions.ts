// Redis 7 functions: FCALL and FCALL_RO, and the FUNCTION container (LOAD, LIST, DELETE, FLUSH,
// DUMP, RESTORE, STATS, KILL, HELP). Libraries live in the engine's interpreter
// (scripting/libraries.ts); functions run like EVAL scripts, in slices when they run long.
import type { Context, Handler } from '../engine.ts'
import { parseInteger } from '../args.ts'
import { fail } from '../errors.ts'
import { globMatch } from '../glob.ts'
import { array, bulk, bulkOrNil, int, map, NIL, OK, set, simple, type Reply } from '../reply.ts'
import { scriptingIfStarted, scriptingOf } from '../scripting/engine-scripting.ts'
import { killScript, RunningScript, runScript } from '../scripting/long-script.ts'
import { SCRIPT_FLAGS } from '../scripting/register-function.ts'
import type { Library } from '../scripting/libraries.ts'
import { dumpPayload, readPayload } from '../scripting/function-dump.ts'

const ENGINE = 'LUA'

/** Redis's addReplySubcommandSyntaxError, for FUNCTION subcommands given too many arguments. */
function syntaxError(ctx: Context): never {
  fail(`ERR unknown subcommand or wrong number of arguments for '${ctx.argv[1].slice(0, 128)}'. Try FUNCTION HELP.`)
}

/** The libraries changed: persistence stores them (with the snapshot). */
function changed(ctx: Context, reply: Reply): Reply {
  ctx.engine.persistence?.functionsChanged?.()
  return reply
}

function fcall(ctx: Context, args: string[], readOnlyCommand: boolean): Reply {
  const state = scriptingOf(ctx.engine)
  const fn = state.libraries.current.functions.get(args[0].toLowerCase())
  if (fn === undefined) fail('ERR Function not found')
  const numkeys = parseInteger(args[1], 'ERR Bad number of keys provided')
  if (numkeys > args.length - 2) fail("ERR Number of keys can't be greater than number of args")
  if (numkeys < 0) fail("ERR Number of keys can't be negative")
  const noWrites = fn.flags.has('no-writes')
  if (readOnlyCommand && !noWrites) fail('ERR Can not execute a script with write flag using *_ro command.')
  const keys = args.slice(2, 2 + numkeys)
  const argv = args.slice(2 + numkeys)
  return runScript(new RunningScript(ctx, state.client, 'function', fn.name, readOnlyCommand || noWrites,
    (runner) => state.vm.startFunction(fn.ref, keys, argv, runner)))
}

function describe(library: Library, withCode: boolean): Reply {
  const functions = [...library.functions.values()].map((fn) => map([
    [bulk('name'), bulk(fn.name)],
    [bulk('description'), bulkOrNil(fn.description)],
    // Redis sends the flags as status replies.
    [bulk('flags'), set(SCRIPT_FLAGS.filter((flag) => fn.flags.has(flag)).map(simple))],
  ]))
  const fields: Array<[Reply, Reply]> = [
    [bulk('library_name'), bulk(library.name)], [bulk('engine'), bulk(ENGINE)], [bulk('functions'), array(functions)],
  ]
  if (withCode) fields.push([bulk('library_code'), bulk(library.code)])
  return map(fields)
}

function list(ctx: Context, args: string[]): Reply {
  let withCode = false
  let pattern: string | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i].toLowerCase()
    if (!withCode && arg === 'withcode') withCode = true
    else if (pattern === undefined && arg === 'libraryname') {
      if (i >= args.length - 1) fail('ERR library name argument was not given')
      pattern = args[++i]
    } else fail(`ERR Unknown argument ${args[i]}`)
  }
  const libraries = [...scriptingIfStarted(ctx.engine)?.libraries.current.libraries.values() ?? []]
  return array(libraries
    .filter((library) => pattern === undefined || globMatch(pattern, library.name, true))
    .map((library) => describe(library, withCode)))
}

const RESTORE_POLICIES = ['flush', 'append', 'replace'] as const

function restore(ctx: Context, args: string[]): Reply {
  if (args.length > 2) syntaxError(ctx)
  const policy = args.length === 2 ? RESTORE_POLICIES.find((known) => known === args[1].toLowerCase()) : 'append'
  if (policy === undefined) fail('ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.')
  const codes = readPayload(args[0])
  if (codes === undefined) fail('ERR DUMP payload version or checksum are wrong')
  scriptingOf(ctx.engine).libraries.restore(codes, policy)
  return changed(ctx, OK)
}

function stats(ctx: Context): Reply {
  const running = ctx.engine.busyScript
  const current = running instanceof RunningScript ? running : undefined
  if (current?.kind === 'eval') fail(current.busyError)
  const libraries = scriptingIfStarted(ctx.engine)?.libraries.current
  return map([
    [bulk('running_script'), current === undefined ? NIL : map([
      [bulk('name'), bulk(current.name)],
      [bulk('command'), array(current.ctx.argv.map(bulk))],
      [bulk('duration_ms'), int(ctx.engine.now() - current.startedAt)],
    ])],
    [bulk('engines'), map([[bulk(ENGINE), map([
      [bulk('libraries_count'), int(libraries?.libraries.size ?? 0)],
      [bulk('functions_count'), int(libraries?.functions.size ?? 0)],
    ])]])],
  ])
}

const HELP = [
  'FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'LOAD [REPLACE] <FUNCTION CODE>',
  '    Create a new library with the given library name and code.',
  'DELETE <LIBRARY NAME>',
  '    Delete the given library.',
  'LIST [LIBRARYNAME PATTERN] [WITHCODE]',
  '    Return general information on all the libraries:',
  '    * Library name',
  '    * The engine used to run the Library',
  '    * Library description',
  '    * Functions list',
  '    * Library code (if WITHCODE is given)',
  '    It also possible to get only function that matches a pattern using LIBRARYNAME argument.',
  'STATS',
  '    Return information about the current function running:',
  '    * Function name',
  '    * Command used to run the function',
  '    * Duration in MS that the function is running',
  '    If no function is running, return nil',
  '    In addition, returns a list of available engines.',
  'KILL',
  '    Kill the current running function.',
  'FLUSH [ASYNC|SYNC]',
  '    Delete all the libraries.',
  '    When called without the optional mode argument, the behavior is determined by the',
  '    lazyfree-lazy-user-flush configuration directive. Valid modes are:',
  '    * ASYNC: Asynchronously flush the libraries.',
  '    * SYNC: Synchronously flush the libraries.',
  'DUMP',
  '    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command',
  'RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]',
  '    Restore the libraries represented by the given payload, it is possible to give a restore policy to',
  '    control how to handle existing libraries (default APPEND):',
  '    * FLUSH: delete all existing libraries.',
  '    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.',
  '    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old',
  '      libraries with the new libraries (notice that even on this option there is a chance of failure',
  '      in case of functions name collision with another library).',
  'HELP',
  '    Prints this help.',
]

export const functionHandlers: Record<string, Handler> = {
  fcall: (ctx, args) => fcall(ctx, args, false),
  fcall_ro: (ctx, args) => fcall(ctx, args, true),
  'function|load': (ctx, args) => {
    const options = args.slice(0, -1)
    const unknown = options.find((option) => option.toLowerCase() !== 'replace')
    if (unknown !== undefined) fail(`ERR Unknown option given: ${unknown}`)
    return changed(ctx, bulk(scriptingOf(ctx.engine).libraries.load(args[args.length - 1], options.length > 0)))
  },
  'function|delete': (ctx, [name]) => {
    const libraries = scriptingIfStarted(ctx.engine)?.libraries
    if (libraries === undefined) fail('ERR Library not found')
    libraries.delete(name)
    return changed(ctx, OK)
  },
  'function|flush': (ctx, args) => {
    if (args.length > 1) syntaxError(ctx)
    if (args.length === 1 && !/^(a?sync)$/i.test(args[0])) fail('ERR FUNCTION FLUSH only supports SYNC|ASYNC option')
    scriptingIfStarted(ctx.engine)?.libraries.flush()
    return changed(ctx, OK)
  },
  'function|list': list,
  'function|dump': (ctx) => {
    const libraries = scriptingIfStarted(ctx.engine)?.libraries.current.libraries.values() ?? []
    return bulk(dumpPayload([...libraries].map((library) => library.code)))
  },
  'function|restore': restore,
  'function|stats': stats,
  'function|kill': (ctx) => killScript(ctx, 'function'),
  'function|help': () => array(HELP.map(simple)),
}
