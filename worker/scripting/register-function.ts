// redis.register_function, as FUNCTION LOAD offers it to a library's code: the positional form
// (name, callback) and the named one {function_name=..., callback=..., flags={...}, description=...},
// with Redis 7.0's checks and messages.
import fengari, { type LuaState } from 'fengari'
import { pushErrorTable } from './convert.ts'
import { toStringAt } from './bytes.ts'

const { lua, lauxlib } = fengari

/** Script flags in Redis's order (FUNCTION LIST shows them so). */
export const SCRIPT_FLAGS = ['no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys'] as const
export type ScriptFlag = (typeof SCRIPT_FLAGS)[number]

export interface Registration {
  name: string
  /** The callback, as a registry reference. */
  callback: number
  description: string | undefined
  flags: Set<ScriptFlag>
}

/** Takes a library's registration; returns the error when the library cannot have it. */
export type Registrar = (registration: Registration) => string | undefined

function raise(L: LuaState, message: string): number {
  pushErrorTable(L, message)
  return lua.lua_error(L)
}

/** The JS function behind redis.register_function; `registrar` is set only while a library loads. */
export function registerFunction(L: LuaState, registrar: Registrar | undefined): number {
  if (registrar === undefined) return raise(L, 'redis.register_function can only be called on FUNCTION LOAD command')
  const argc = lua.lua_gettop(L)
  if (argc < 1 || argc > 2) return raise(L, 'wrong number of arguments to redis.register_function')
  const read = argc === 1 ? readNamed(L) : readPositional(L)
  if (typeof read === 'string') return raise(L, read)
  const problem = registrar(read)
  if (problem === undefined) return 0
  lauxlib.luaL_unref(L, lua.LUA_REGISTRYINDEX, read.callback)
  return raise(L, problem)
}

const isString = (L: LuaState, index: number) => lua.lua_isstring(L, index)

function reference(L: LuaState, index: number): number {
  lua.lua_pushvalue(L, index)
  return lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX)
}

function readPositional(L: LuaState): Registration | string {
  if (!isString(L, 1)) return 'first argument to redis.register_function must be a string'
  if (lua.lua_type(L, 2) !== lua.LUA_TFUNCTION) return 'second argument to redis.register_function must be a function'
  return { name: toStringAt(L, 1), callback: reference(L, 2), description: undefined, flags: new Set() }
}

function readNamed(L: LuaState): Registration | string {
  if (lua.lua_type(L, 1) !== lua.LUA_TTABLE) {
    return 'calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).'
  }
  let name: string | undefined
  let description: string | undefined
  let callback: number | undefined
  let flags = new Set<ScriptFlag>()
  const fail = (message: string): string => {
    if (callback !== undefined) lauxlib.luaL_unref(L, lua.LUA_REGISTRYINDEX, callback)
    return message
  }
  lua.lua_pushnil(L)
  while (lua.lua_next(L, 1)) {
    if (!isString(L, -2)) return fail('named argument key given to redis.register_function is not a string')
    const key = toStringAt(L, -2).toLowerCase()
    if (key === 'function_name') {
      if (!isString(L, -1)) return fail('function_name argument given to redis.register_function must be a string')
      name = toStringAt(L, -1)
    } else if (key === 'description') {
      if (!isString(L, -1)) return fail('description argument given to redis.register_function must be a string')
      description = toStringAt(L, -1)
    } else if (key === 'callback') {
      if (lua.lua_type(L, -1) !== lua.LUA_TFUNCTION) return fail('callback argument given to redis.register_function must be a function')
      if (callback !== undefined) lauxlib.luaL_unref(L, lua.LUA_REGISTRYINDEX, callback)
      callback = reference(L, -1)
    } else if (key === 'flags') {
      if (lua.lua_type(L, -1) !== lua.LUA_TTABLE) return fail('flags argument to redis.register_function must be a table representing function flags')
      const read = readFlags(L)
      if (read === undefined) return fail('unknown flag given')
      flags = read
    } else {
      return fail('unknown argument given to redis.register_function')
    }
    lua.lua_pop(L, 1)
  }
  if (name === undefined) return fail('redis.register_function must get a function name argument')
  if (callback === undefined) return 'redis.register_function must get a callback argument'
  return { name, callback, description, flags }
}

/** The flags table on top of the stack: its array part, each a known flag (any case). */
function readFlags(L: LuaState): Set<ScriptFlag> | undefined {
  const flags = new Set<ScriptFlag>()
  for (let i = 1; ; i++) {
    const type = lua.lua_rawgeti(L, -1, i)
    if (type === lua.LUA_TNIL) {
      lua.lua_pop(L, 1)
      return flags
    }
    const text = isString(L, -1) ? toStringAt(L, -1).toLowerCase() : undefined
    lua.lua_pop(L, 1)
    const flag = SCRIPT_FLAGS.find((known) => known === text)
    if (flag === undefined) return undefined
    flags.add(flag)
  }
}
