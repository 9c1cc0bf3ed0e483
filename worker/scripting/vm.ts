// One Lua interpreter (fengari, Lua 5.3) made to look like Redis 7.0's Lua 5.1: the libraries Redis
// loads and no others, read-only globals, numbers that are doubles and print with "%.14g",
// the `redis` table, and Redis's error handler that records where a script failed.
import fengari, { type LuaState } from 'fengari'
import lobject from 'fengari/src/lobject.js'
import lstring from 'fengari/src/lstring.js'
import type { Reply } from '../reply.ts'
import { formatLuaNumber } from './numbers.ts'
import { toLua, pushString, toStringAt } from './bytes.ts'
import { openRedisLibrary, type CommandRunner } from './redis-lib.ts'
import { openBit } from './bit.ts'
import { openCjson } from './cjson.ts'
import { luaToReply, type ScriptState } from './convert.ts'
import { PRELUDE } from './prelude.ts'

const { lua, lauxlib, lualib } = fengari

// Lua 5.1 prints integral doubles without ".0" and uses "%.14g"; concatenation and tostring go through here.
lobject.luaO_tostring = (L, obj) => {
  const text = obj.ttisinteger() ? String(obj.value) : formatLuaNumber(obj.value as number)
  obj.setsvalue(lstring.luaS_bless(L, toLua(text)))
}

// Lua 5.1 has only doubles: numerals (in scripts and in strings converted to numbers) read as floats,
// so arithmetic never wraps around fengari's 32-bit integers.
const str2num = lobject.luaO_str2num
lobject.luaO_str2num = (s, o) => {
  const size = str2num(s, o)
  if (size !== 0 && o.ttisinteger()) o.setfltvalue(o.value as number)
  return size
}

/** What a script failed with: Redis's error table fields. */
export interface ScriptFailure { message: string; source?: string; line?: string }

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

export class LuaVm {
  private readonly L: LuaState = lauxlib.luaL_newstate()
  private readonly envRef: number
  private readonly handlerRef: number
  /** The state of the script now running (reply conversions, the command runner). */
  readonly state: ScriptState = { resp: 2, runner: undefined }

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
    lua.lua_pushjsfunction(L, (S) => this.loadstring(S))
    lua.lua_setglobal(L, 'loadstring')
    lua.lua_pushjsfunction(L, raiseError)
    lua.lua_setglobal(L, 'error')
    if (lauxlib.luaL_loadbuffer(L, toLua(PRELUDE), null, '=prelude') !== lua.LUA_OK) {
      throw new Error(`Lua prelude: ${toStringAt(L, -1)}`)
    }
    lua.lua_call(L, 0, 2)
    this.handlerRef = lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX)
    this.envRef = lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX)
  }

  /** Compiles a script body; returns a registry reference or the compiler's message. */
  compile(body: string, chunkName = '@user_script'): number | string {
    const L = this.L
    if (lauxlib.luaL_loadbuffer(L, toLua(body), null, chunkName) !== lua.LUA_OK) {
      const message = toStringAt(L, -1)
      lua.lua_settop(L, 0)
      return message
    }
    this.prepare(L)
    return lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX)
  }

  release(ref: number): void {
    lauxlib.luaL_unref(this.L, lua.LUA_REGISTRYINDEX, ref)
  }

  /** Runs a compiled script with KEYS and ARGV set; returns its reply or Redis's error table fields. */
  run(ref: number, keys: string[], args: string[], runner: CommandRunner): Reply | ScriptFailure {
    const L = this.L
    lua.lua_settop(L, 0)
    this.setArray('KEYS', keys)
    this.setArray('ARGV', args)
    this.state.resp = 2
    this.state.runner = runner
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, this.handlerRef)
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, ref)
    try {
      if (lua.lua_pcall(L, 0, 1, 1) !== lua.LUA_OK) return this.failure()
      return luaToReply(L, -1, this.state.resp)
    } finally {
      this.state.runner = undefined
      lua.lua_settop(L, 0)
    }
  }

  /** The error value left by Redis's error handler: a table with err, source and line. */
  private failure(): ScriptFailure {
    const L = this.L
    if (lua.lua_type(L, -1) !== lua.LUA_TTABLE) return { message: `ERR ${toStringAt(L, -1)}` }
    const field = (name: string): string | undefined => {
      const type = lua.lua_getfield(L, -1, name)
      const value = type === lua.LUA_TSTRING || type === lua.LUA_TNUMBER ? toStringAt(L, -1) : undefined
      lua.lua_pop(L, 1)
      return value
    }
    return { message: field('err') ?? 'ERR unknown error', source: field('source'), line: field('line') }
  }

  private setArray(name: string, values: string[]): void {
    const L = this.L
    lua.lua_createtable(L, values.length, 0)
    values.forEach((value, i) => {
      pushString(L, value)
      lua.lua_rawseti(L, -2, i + 1)
    })
    lua.lua_setglobal(L, name)
  }

  /** Gives a freshly loaded chunk Lua 5.1 numbers and the read-only script environment. */
  private prepare(L: LuaState): void {
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, this.envRef)
    lua.lua_setupvalue(L, -2, 1)
  }

  /** Lua 5.1's loadstring(text [, chunkname]): the chunk runs in the script environment. */
  private loadstring(L: LuaState): number {
    const text = toStringAt(L, 1)
    const name = lua.lua_type(L, 2) === lua.LUA_TSTRING ? toStringAt(L, 2) : text
    if (lauxlib.luaL_loadbuffer(L, toLua(text), null, toLua(name)) !== lua.LUA_OK) {
      lua.lua_pushnil(L)
      lua.lua_insert(L, -2)
      return 2
    }
    this.prepare(L)
    return 1
  }
}
