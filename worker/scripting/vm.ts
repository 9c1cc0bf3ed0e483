// One Lua interpreter (fengari, Lua 5.3) made to look like Redis 7.0's Lua 5.1: the libraries Redis
// loads and no others, read-only globals, numbers that are doubles and print with "%.14g",
// the `redis` table, Redis's error handler that records where a script failed, and runs on
// coroutines of their own so that long scripts can stop between slices (script-run.ts).
import fengari, { type LuaFunction, type LuaState } from 'fengari'
import lobject from 'fengari/src/lobject.js'
import lstring from 'fengari/src/lstring.js'
import { formatLuaNumber } from './numbers.ts'
import { toLua, pushString, toStringAt } from './bytes.ts'
import { openRedisLibrary, type CommandRunner } from './redis-lib.ts'
import { openBit } from './bit.ts'
import { openCjson } from './cjson.ts'
import type { ScriptState } from './convert.ts'
import { openStruct } from './struct.ts'
import { openCmsgpack } from './cmsgpack.ts'
import { registerFunction, type Registrar } from './register-function.ts'
import { ScriptRun } from './script-run.ts'
import { fixProtectedCalls } from './pcall-hooks.ts'
import { PRELUDE } from './prelude.ts'
import { LUA51_LIBRARY } from './lua51-library.ts'
import { openCoroutines } from './coroutines.ts'
import './lua51-patches.ts'
import { UNKNOWN_SYMBOLS } from './lua51-lexer.ts'
import { openLua51Natives, setStringMetatable } from './lua51-natives.ts'

const { lua, lauxlib, lualib } = fengari

// Lua 5.1 prints integral doubles without ".0" and uses "%.14g"; concatenation and tostring go through here.
lobject.luaO_tostring = (L, obj) => {
  const text = obj.ttisinteger() ? String(obj.value) : formatLuaNumber(obj.value as number)
  obj.setsvalue(lstring.luaS_bless(L, toLua(text)))
}

/** Lua 5.1's error(): numbers get the position prefix too (Lua 5.3 adds it to strings only). */
function raiseError(L: LuaState): number {
  const level = lua.lua_type(L, 2) === lua.LUA_TNUMBER ? lua.lua_tonumber(L, 2) : 1
  lua.lua_settop(L, 1)
  const type = lua.lua_type(L, 1)
  if ((type === lua.LUA_TSTRING || type === lua.LUA_TNUMBER) && level > 0) {
    lauxlib.luaL_where(L, level)
    lua.lua_pushvalue(L, 1)
    lua.lua_concat(L, 2)
  }
  return lua.lua_error(L)
}

export type { ScriptFailure } from './script-run.ts'

/** Which globals a chunk sees: a script's, or a function library's (load-time API, then script globals). */
export type ChunkKind = 'script' | 'library'

export class LuaVm {
  private readonly L: LuaState = lauxlib.luaL_newstate()
  private readonly envRef: number
  private readonly libraryEnvRef: number
  private readonly protectedCallRef: number
  private readonly loadCallRef: number
  private readonly setLoadingRef: number
  /** The state of the script now running (reply conversions, the command runner). */
  readonly state: ScriptState = { resp: 2, runner: undefined }
  /** Receives redis.register_function's calls while FUNCTION LOAD runs a library (register-function.ts). */
  registrar: Registrar | undefined

  constructor() {
    const L = this.L
    for (const [name, open] of [
      ['_G', lualib.luaopen_base], ['coroutine', lualib.luaopen_coroutine], ['table', lualib.luaopen_table],
      ['string', lualib.luaopen_string], ['math', lualib.luaopen_math], ['debug', lualib.luaopen_debug],
    ] as const) {
      lauxlib.luaL_requiref(L, name, open, 1)
      lua.lua_pop(L, 1)
    }
    openRedisLibrary(L, this.state)
    openBit(L)
    openCjson(L)
    openStruct(L)
    openCmsgpack(L)
    fixProtectedCalls(L)
    openCoroutines(L)
    // The Lua library first: its gsub and gmatch call fengari's own string.find.
    runChunk(L, LUA51_LIBRARY, [lessThan, asLibraryFunction])
    openLua51Natives(L)
    lua.lua_pushjsfunction(L, (S) => this.loadstring(S))
    lua.lua_setglobal(L, 'loadstring')
    lua.lua_pushjsfunction(L, raiseError)
    lua.lua_setglobal(L, 'error')
    runChunk(L, PRELUDE, [(S) => registerFunction(S, this.registrar), setStringMetatable], 5)
    this.setLoadingRef = lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX)
    this.loadCallRef = lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX)
    this.protectedCallRef = lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX)
    this.libraryEnvRef = lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX)
    this.envRef = lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX)
    // Where a call does not name the function, fengari's luaL_argerror looks for its name among
    // the loaded libraries ("bad argument #1 to 'string.rep'"); 5.1 says '?'. Nothing else needs them.
    lua.lua_newtable(L)
    lua.lua_setfield(L, lua.LUA_REGISTRYINDEX, '_LOADED')
  }

  /** Compiles a chunk; returns a registry reference or the compiler's message. */
  compile(body: string, chunkName = '@user_script', kind: ChunkKind = 'script'): number | string {
    const L = this.L
    if (lauxlib.luaL_loadbuffer(L, toLua(body), null, chunkName) !== lua.LUA_OK) {
      const message = asLua51SyntaxError(toStringAt(L, -1))
      lua.lua_settop(L, 0)
      return message
    }
    this.prepare(L, kind === 'script' ? this.envRef : this.libraryEnvRef)
    return lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX)
  }

  release(ref: number): void {
    lauxlib.luaL_unref(this.L, lua.LUA_REGISTRYINDEX, ref)
  }

  /** Starts a compiled script with KEYS and ARGV set (see ScriptRun for running it). */
  startScript(ref: number, keys: string[], args: string[], runner: CommandRunner): ScriptRun {
    this.setArray('KEYS', keys)
    this.setArray('ARGV', args)
    return this.start(this.protectedCallRef, ref, [], runner)
  }

  /** Starts a registered function: keys and arguments are its parameters, and there are no KEYS or ARGV. */
  startFunction(ref: number, keys: string[], args: string[], runner: CommandRunner): ScriptRun {
    for (const name of ['KEYS', 'ARGV']) {
      lua.lua_pushnil(this.L)
      lua.lua_setglobal(this.L, name)
    }
    return this.start(this.protectedCallRef, ref, [keys, args], runner)
  }

  /** Starts a library's code, as FUNCTION LOAD runs it: with the load-time globals, and no commands. */
  startLibrary(ref: number): ScriptRun {
    this.setLoading(true)
    return this.start(this.loadCallRef, ref, [], undefined, () => this.setLoading(false))
  }

  private start(wrapperRef: number, ref: number, arrays: string[][], runner: CommandRunner | undefined, onEnd?: () => void): ScriptRun {
    const L = this.L
    lua.lua_settop(L, 0)
    this.state.resp = 2
    this.state.runner = runner
    // A coroutine of its own, so that the run can yield between slices.
    const co = lua.lua_newthread(L)
    lua.lua_pop(L, 1)
    lua.lua_rawgeti(co, lua.LUA_REGISTRYINDEX, wrapperRef)
    lua.lua_rawgeti(co, lua.LUA_REGISTRYINDEX, ref)
    for (const values of arrays) pushArray(co, values)
    return new ScriptRun(co, 1 + arrays.length, () => this.state.resp, () => {
      this.state.runner = undefined
      onEnd?.()
    })
  }

  private setLoading(loading: boolean): void {
    const L = this.L
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, this.setLoadingRef)
    lua.lua_pushboolean(L, loading)
    lua.lua_call(L, 1, 0)
  }

  private setArray(name: string, values: string[]): void {
    pushArray(this.L, values)
    lua.lua_setglobal(this.L, name)
  }

  /** Gives a freshly loaded chunk its environment (its first upvalue, _ENV). */
  private prepare(L: LuaState, envRef: number): void {
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, envRef)
    lua.lua_setupvalue(L, -2, 1)
  }

  /** Lua 5.1's loadstring(text [, chunkname]): the chunk runs in the script environment. */
  private loadstring(L: LuaState): number {
    const text = toStringAt(L, 1)
    const name = lua.lua_type(L, 2) === lua.LUA_TSTRING ? toStringAt(L, 2) : text
    if (lauxlib.luaL_loadbuffer(L, toLua(text), null, toLua(name)) !== lua.LUA_OK) {
      const message = asLua51SyntaxError(toStringAt(L, -1))
      lua.lua_pop(L, 1)
      pushString(L, message)
      lua.lua_pushnil(L)
      lua.lua_insert(L, -2)
      return 2
    }
    this.prepare(L, this.envRef)
    return 1
  }
}

/**
 * A compiler message as Lua 5.1 words it: 5.3 leaves the names of token classes unquoted
 * ("near <eof>", "<name> expected"), 5.1 quotes every token. And a statement that is neither a
 * call nor followed by '=' or ',' is, to 5.1, an assignment missing its '=' ("t.x" alone);
 * 5.3 says "syntax error" there (and, like 5.1, before a '=' whose left side is no variable).
 */
function asLua51SyntaxError(message: string): string {
  return message
    .replace(/: (<eof>|<name>|<string>|<number>|<integer>) expected/g, ": '$1' expected")
    .replace(/ near <eof>$/, " near '<eof>'")
    .replace(/: syntax error near (?!'[=,]'$)/, ": '=' expected near ")
    // fengari writes a control character token as '<\N>'.
    .replace(/'<\\([1-3])>'$/, (_, standIn: string) => `'${UNKNOWN_SYMBOLS.get(Number(standIn))}'`)
}

/** Runs Lua source of ours (named '=prelude', which Redis's error handler looks past) with JS functions as arguments. */
function runChunk(L: LuaState, source: string, args: LuaFunction[], results = 0): void {
  if (lauxlib.luaL_loadbuffer(L, toLua(source), null, '=prelude') !== lua.LUA_OK) {
    throw new Error(`Lua prelude: ${toStringAt(L, -1)}`)
  }
  for (const arg of args) lua.lua_pushjsfunction(L, arg)
  lua.lua_call(L, args.length, results)
}

/** The default comparison of table.sort (lua51-library.ts): a < b, and Lua's error when they do not compare. */
function lessThan(L: LuaState): number {
  lua.lua_pushboolean(L, lua.lua_compare(L, 1, 2, lua.LUA_OPLT))
  return 1
}

/**
 * Wraps a Lua function as a JS one, as the C functions of Redis's Lua are: a tail call to it
 * keeps the caller's frame (errors name the script's line), and it may still yield.
 */
function asLibraryFunction(L: LuaState): number {
  lua.lua_settop(L, 1)
  lua.lua_pushjsclosure(L, callUpvalue, 1)
  return 1
}

function callUpvalue(L: LuaState): number {
  lua.lua_pushvalue(L, lua.lua_upvalueindex(1))
  lua.lua_insert(L, 1)
  lua.lua_callk(L, lua.lua_gettop(L) - 1, lua.LUA_MULTRET, 0, resultCount)
  return resultCount(L)
}

function resultCount(L: LuaState): number {
  return lua.lua_gettop(L)
}

function pushArray(L: LuaState, values: string[]): void {
  lua.lua_createtable(L, values.length, 0)
  values.forEach((value, i) => {
    pushString(L, value)
    lua.lua_rawseti(L, -2, i + 1)
  })
}
