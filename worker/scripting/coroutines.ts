// The coroutine library as Redis's Lua 5.1 has it, and the slicing of long scripts through it.
// A script runs on a coroutine of its own (script-run.ts) so that a count hook can yield it
// between slices. To the script that thread is Lua 5.1's main thread: coroutine.running() is
// nil there and coroutine.yield() fails. A coroutine the script made is suspended the same way:
// the hook yields it, and coroutine.resume passes the suspension on to the thread that resumed
// it, up to the run's own thread; the next slice resumes the chain back down. Only threads
// whose whole chain can yield are suspended (not inside a library call without a continuation).
import fengari, { type LuaState } from 'fengari'

const { lua, lauxlib } = fengari

/** The runs' own threads. */
const runThreads = new WeakSet<LuaState>()
/** Coroutines resumed from a thread that could pass a suspension on (set at every resume). */
const chainCanYield = new WeakMap<LuaState, boolean>()
/** Threads suspended for the host (by the hook, or passing a suspension on), not by the script. */
const suspendedForHost = new WeakSet<LuaState>()

export function registerRunThread(co: LuaState): void {
  runThreads.add(co)
}

/** Whether the hook may suspend L now: L can yield, and so can every thread up to the run's own. */
export function canSuspend(L: LuaState): boolean {
  return lua.lua_isyieldable(L) && (runThreads.has(L) || chainCanYield.get(L) === true)
}

/** Suspends L for the host: called at the end of a count hook, when canSuspend(L). */
export function suspendForHost(L: LuaState): void {
  suspendedForHost.add(L)
  lua.lua_yield(L, 0)
}

/** Lua 5.1's names for a coroutine's state (lcorolib's auxstatus). */
function statusOf(L: LuaState, co: LuaState): 'running' | 'suspended' | 'normal' | 'dead' {
  if (L === co) return 'running'
  switch (lua.lua_status(co)) {
    case lua.LUA_YIELD:
      return 'suspended'
    case lua.LUA_OK: {
      if (lua.lua_getstack(co, 0, new lua.lua_Debug()) > 0) return 'normal'
      return lua.lua_gettop(co) === 0 ? 'dead' : 'suspended'
    }
    default:
      return 'dead'
  }
}

function checkCoroutine(L: LuaState): LuaState {
  const co = lua.lua_tothread(L, 1)
  if (co === null) lauxlib.luaL_argerror(L, 1, 'coroutine expected')
  return co as LuaState
}

/** coroutine.resume(co, ...): true and what co yielded or returned, or false and its error. */
function resume(L: LuaState): number {
  const co = checkCoroutine(L)
  const status = statusOf(L, co)
  if (status !== 'suspended') {
    lua.lua_pushboolean(L, false)
    lua.lua_pushliteral(L, `cannot resume ${status} coroutine`)
    return 2
  }
  const narg = lua.lua_gettop(L) - 1
  if (!lua.lua_checkstack(co, narg)) {
    lua.lua_pushboolean(L, false)
    lua.lua_pushliteral(L, 'too many arguments to resume')
    return 2
  }
  chainCanYield.set(co, canSuspend(L))
  lua.lua_xmove(L, co, narg)
  const result = lua.lua_resume(co, L, narg)
  if (result === lua.LUA_YIELD && suspendedForHost.has(co)) {
    // co stopped for the host: stop this thread too, and resume co (with no values) when resumed.
    suspendedForHost.delete(co)
    lua.lua_settop(L, 1)
    suspendedForHost.add(L)
    return lua.lua_yieldk(L, 0, 0, resume)
  }
  if (result !== lua.LUA_OK && result !== lua.LUA_YIELD) {
    lua.lua_pushboolean(L, false)
    lua.lua_xmove(co, L, 1)
    return 2
  }
  const nres = lua.lua_gettop(co)
  if (!lua.lua_checkstack(L, nres + 1)) {
    lua.lua_pop(co, nres)
    lua.lua_pushboolean(L, false)
    lua.lua_pushliteral(L, 'too many results to resume')
    return 2
  }
  lua.lua_pushboolean(L, true)
  lua.lua_xmove(co, L, nres)
  return nres + 1
}

/** Lua 5.1's coroutine.create takes Lua functions only. */
function create(L: LuaState): number {
  lauxlib.luaL_argcheck(L, lua.lua_isfunction(L, 1) && !lua.lua_iscfunction(L, 1), 1, 'Lua function expected')
  const co = lua.lua_newthread(L)
  lua.lua_pushvalue(L, 1)
  lua.lua_xmove(L, co, 1)
  return 1
}

/** The script's own thread is the main thread: yielding there fails, as it does in Redis. */
function yieldValues(L: LuaState): number {
  if (runThreads.has(L) || !lua.lua_isyieldable(L)) {
    lua.lua_pushliteral(L, 'attempt to yield across metamethod/C-call boundary')
    return lua.lua_error(L)
  }
  return lua.lua_yield(L, lua.lua_gettop(L))
}

function running(L: LuaState): number {
  if (runThreads.has(L)) lua.lua_pushnil(L)
  else lua.lua_pushthread(L)
  return 1
}

function status(L: LuaState): number {
  lua.lua_pushliteral(L, statusOf(L, checkCoroutine(L)))
  return 1
}

/**
 * Replaces the coroutine library's functions (wrap is Lua, in lua51-library.ts, on top of these).
 * Lua 5.3's isyieldable goes: Redis's Lua 5.1 has none.
 */
export function openCoroutines(L: LuaState): void {
  lua.lua_getglobal(L, 'coroutine')
  for (const [name, fn] of [['resume', resume], ['create', create], ['yield', yieldValues], ['running', running], ['status', status]] as const) {
    lua.lua_pushjsfunction(L, fn)
    lua.lua_setfield(L, -2, name)
  }
  lua.lua_pushnil(L)
  lua.lua_setfield(L, -2, 'isyieldable')
  lua.lua_pop(L, 1)
}
