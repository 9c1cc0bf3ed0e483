// The `redis` table scripts see: call, pcall, the reply helpers, sha1hex, log, setresp, set_repl.
import fengari, { type LuaState } from 'fengari'
import { formatDouble } from '../double.ts'
import { pushErrorTable, pushReply, type ScriptState } from './convert.ts'
import { pushString, toStringAt } from './bytes.ts'
import { sha1hex } from './sha1.ts'
import { REDIS_VERSION } from '../commands/connection.ts'

export type { CommandRunner } from './convert.ts'

const { lua } = fengari

/** Raises Redis's error table {err = "ERR message"} (luaPushError + luaError). */
function raise(L: LuaState, message: string): number {
  pushErrorTable(L, message)
  return lua.lua_error(L)
}

/** redis.call and redis.pcall: the arguments become a command line; errors raise or return a table. */
function callCommand(L: LuaState, state: ScriptState, raising: boolean): number {
  const fail = (message: string) => {
    if (raising) return raise(L, message)
    pushErrorTable(L, message)
    return 1
  }
  const argc = lua.lua_gettop(L)
  if (argc === 0) return fail('Please specify at least one argument for this redis lib call')
  const argv: string[] = []
  for (let i = 1; i <= argc; i++) {
    const type = lua.lua_type(L, i)
    // Redis 7.0 turns numbers into text with "%.17g".
    if (type === lua.LUA_TNUMBER) argv.push(formatDouble(lua.lua_tonumber(L, i)))
    else if (type === lua.LUA_TSTRING) argv.push(toStringAt(L, i))
    else return fail('Lua redis lib command arguments must be strings or integers')
  }
  const reply = state.runner === undefined ? { type: 'error' as const, value: 'ERR no script is running' } : state.runner(argv)
  if (reply.type === 'error' && raising) return raise(L, `-${reply.value}`)
  pushReply(L, reply, state.resp)
  return 1
}

const LOG_LEVELS = 4

export function openRedisLibrary(L: LuaState, state: ScriptState): void {
  lua.lua_newtable(L)
  const fn = (name: string, f: (L: LuaState) => number) => {
    lua.lua_pushjsfunction(L, f)
    lua.lua_setfield(L, -2, name)
  }
  const num = (name: string, value: number) => {
    lua.lua_pushnumber(L, value)
    lua.lua_setfield(L, -2, name)
  }
  fn('call', (S) => callCommand(S, state, true))
  fn('pcall', (S) => callCommand(S, state, false))
  fn('error_reply', (S) => {
    if (lua.lua_gettop(S) !== 1 || lua.lua_type(S, 1) !== lua.LUA_TSTRING) return raise(S, 'wrong number or type of arguments')
    const text = toStringAt(S, 1)
    pushErrorTable(S, text.startsWith('-') ? text : `-${text}`)
    return 1
  })
  fn('status_reply', (S) => {
    if (lua.lua_gettop(S) !== 1 || lua.lua_type(S, 1) !== lua.LUA_TSTRING) return raise(S, 'wrong number or type of arguments')
    lua.lua_newtable(S)
    lua.lua_pushvalue(S, 1)
    lua.lua_setfield(S, -2, 'ok')
    return 1
  })
  fn('sha1hex', (S) => {
    if (lua.lua_gettop(S) !== 1) return raise(S, 'wrong number of arguments')
    pushString(S, sha1hex(toStringAt(S, 1)))
    return 1
  })
  fn('log', (S) => {
    if (lua.lua_gettop(S) < 2) return raise(S, 'redis.log() requires two arguments or more.')
    const level = lua.lua_tonumber(S, 1)
    if (lua.lua_type(S, 1) !== lua.LUA_TNUMBER || level < 0 || level >= LOG_LEVELS) return raise(S, 'Invalid debug level.')
    return 0
  })
  fn('setresp', (S) => {
    if (lua.lua_gettop(S) !== 1) return raise(S, 'redis.setresp() requires one argument.')
    const resp = lua.lua_tonumber(S, 1)
    if (resp !== 2 && resp !== 3) return raise(S, 'RESP version must be 2 or 3.')
    state.resp = resp
    return 0
  })
  fn('set_repl', (S) => {
    if (lua.lua_gettop(S) !== 1) return raise(S, 'redis.set_repl() requires one argument.')
    const flags = lua.lua_tonumber(S, 1)
    if (!(flags >= 0 && flags <= 3)) return raise(S, 'Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.')
    return 0
  })
  fn('replicate_commands', (S) => {
    lua.lua_pushboolean(S, true)
    return 1
  })
  fn('breakpoint', (S) => {
    lua.lua_pushboolean(S, false)
    return 1
  })
  fn('debug', () => 0)
  num('LOG_DEBUG', 0); num('LOG_VERBOSE', 1); num('LOG_NOTICE', 2); num('LOG_WARNING', 3)
  num('REPL_NONE', 0); num('REPL_AOF', 1); num('REPL_SLAVE', 2); num('REPL_REPLICA', 2); num('REPL_ALL', 3)
  const [major, minor, patch] = REDIS_VERSION.split('.').map(Number)
  pushString(L, REDIS_VERSION)
  lua.lua_setfield(L, -2, 'REDIS_VERSION')
  num('REDIS_VERSION_NUM', (major << 16) | (minor << 8) | patch)
  lua.lua_setglobal(L, 'redis')
}
