// One run of a script (or a registered function, or a library's load) on a coroutine of its own,
// so that it can stop in the middle and go on later: a count hook asks the caller whether the
// slice is over and then yields (fengari can yield from a hook), and raises the error of an
// interruption (SCRIPT KILL, FUNCTION LOAD's timeout) once one is asked for.
import fengari, { type LuaHook, type LuaState } from 'fengari'
import type { Reply } from '../reply.ts'
import { luaToReply, pushErrorTable } from './convert.ts'
import { fromLua, pushString, toStringAt } from './bytes.ts'
import { canSuspend, registerRunThread, suspendForHost } from './coroutines.ts'

const { lua } = fengari

/** Instructions between two calls of the hook (Redis checks every 100000; fengari is slower). */
const HOOK_INSTRUCTIONS = 10_000

/** What a script failed with: Redis's error table fields. */
export interface ScriptFailure { message: string; source?: string; line?: string }

export type ScriptOutcome = { reply: Reply } | { failure: ScriptFailure }

/** An error to raise inside the script: Redis's error table, or a plain message (FUNCTION LOAD's timeout). */
export type Interruption = { table: string } | { text: string }

export class ScriptRun {
  private interruption: Interruption | undefined
  private sliceOver: () => boolean = () => false
  private readonly hook: LuaHook = (L) => this.onHook(L)

  /**
   * `co` holds the protected-call wrapper, then the function and its `nargs - 1` arguments.
   * `resp` gives the protocol the reply is converted with when the script ends.
   */
  constructor(
    private readonly co: LuaState,
    private nargs: number,
    private readonly resp: () => 2 | 3,
    private readonly onEnd: () => void,
  ) {
    lua.lua_sethook(co, this.hook, lua.LUA_MASKCOUNT, HOOK_INSTRUCTIONS)
    registerRunThread(co)
  }

  /**
   * Runs until the script ends, returning its outcome, or until `sliceOver` (asked at every hook)
   * says to stop, returning undefined: call resume again to go on.
   */
  resume(sliceOver: () => boolean): ScriptOutcome | undefined {
    this.sliceOver = sliceOver
    const status = lua.lua_resume(this.co, null, this.nargs)
    this.nargs = 0
    if (status === lua.LUA_YIELD) return undefined
    try {
      if (status !== lua.LUA_OK) return { failure: failureAt(this.co, -1) }
      if (lua.lua_toboolean(this.co, 1)) return { reply: luaToReply(this.co, 2, this.resp()) }
      return { failure: failureAt(this.co, 2) }
    } finally {
      this.onEnd()
    }
  }

  /** Makes the script raise `error` at its next hook, and on every line after, so a pcall cannot hold it off. */
  interrupt(error: Interruption): void {
    this.interruption = error
  }

  private onHook(L: LuaState): void {
    // L is the run's thread or a coroutine the script made (which inherited the hook).
    const stop = this.sliceOver() && canSuspend(L)
    const error = this.interruption
    if (error !== undefined) {
      // Every line from now on raises it; a count hook could keep landing in the same prelude code.
      lua.lua_sethook(L, this.hook, lua.LUA_MASKLINE, 0)
      if (inPrelude(L)) return
      if ('table' in error) pushErrorTable(L, error.table)
      else pushString(L, error.text)
      lua.lua_error(L)
    }
    if (stop) suspendForHost(L)
  }
}

/** Whether the running function is the prelude's (its protected-call wrapper): the kill is raised in the script's own code. */
function inPrelude(L: LuaState): boolean {
  const ar = new lua.lua_Debug()
  if (lua.lua_getstack(L, 0, ar) === 0) return false
  lua.lua_getinfo(L, 'S', ar)
  return ar.source !== null && fromLua(ar.source) === '=prelude'
}

/** An error value as Redis reports it: a table's err, source and line fields, or "ERR <text>". */
function failureAt(L: LuaState, index: number): ScriptFailure {
  if (lua.lua_type(L, index) !== lua.LUA_TTABLE) return { message: `ERR ${toStringAt(L, index)}` }
  const at = lua.lua_absindex(L, index)
  const field = (name: string): string | undefined => {
    const type = lua.lua_getfield(L, at, name)
    const value = type === lua.LUA_TSTRING || type === lua.LUA_TNUMBER ? toStringAt(L, -1) : undefined
    lua.lua_pop(L, 1)
    return value
  }
  return { message: field('err') ?? 'ERR unknown error', source: field('source'), line: field('line') }
}
