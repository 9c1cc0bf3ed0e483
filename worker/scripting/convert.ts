// Conversions between Redis replies and Lua values, as Redis 7.0 documents and does them.
import fengari, { type LuaState } from 'fengari'
import { array, boolean, bulk, double, error, int, map, NIL, set, simple, type Reply } from '../reply.ts'
import { formatDouble } from '../double.ts'
import { luaNumberToInteger } from './numbers.ts'
import { pushString, toStringAt } from './bytes.ts'

const { lua } = fengari

const bigNumberReply = (value: string): Reply => ({ type: 'bigNumber', value })

/** Runs a command for the script; script-level refusals come back as error replies. */
export type CommandRunner = (argv: string[]) => Reply

/** The running script's protocol (redis.setresp) and its way to run commands. */
export interface ScriptState { resp: 2 | 3; runner: CommandRunner | undefined }

/** Redis's error table for an error reply text: {err = "CODE message"} (luaPushErrorBuff). */
export function pushErrorTable(L: LuaState, text: string): void {
  let code = 'ERR'
  let message = text
  if (text.startsWith('-')) {
    const space = text.indexOf(' ')
    if (space === -1) message = text.slice(1)
    else {
      code = text.slice(1, space)
      message = text.slice(space + 1)
    }
  }
  lua.lua_newtable(L)
  pushString(L, `${code} ${message.replace(/^[\r\n]+|[\r\n]+$/g, '')}`)
  lua.lua_setfield(L, -2, 'err')
}

function pushSingleField(L: LuaState, name: string, push: () => void): void {
  lua.lua_newtable(L)
  push()
  lua.lua_setfield(L, -2, name)
}

/** Pushes a command's reply as the script sees it (RESP2 or, after redis.setresp(3), RESP3). */
export function pushReply(L: LuaState, reply: Reply, resp: 2 | 3): void {
  switch (reply.type) {
    case 'simple': return pushSingleField(L, 'ok', () => pushString(L, reply.value))
    case 'error': return pushErrorTable(L, `-${reply.value}`)
    case 'integer': return lua.lua_pushnumber(L, Number(reply.value))
    case 'bulk': return pushString(L, reply.value)
    case 'null': case 'nullArray':
      return resp === 2 ? lua.lua_pushboolean(L, false) : lua.lua_pushnil(L)
    case 'boolean':
      return resp === 2 ? lua.lua_pushnumber(L, reply.value ? 1 : 0) : lua.lua_pushboolean(L, reply.value)
    case 'double':
      return resp === 2 ? pushString(L, formatDouble(reply.value))
        : pushSingleField(L, 'double', () => lua.lua_pushnumber(L, reply.value))
    case 'bigNumber':
      return resp === 2 ? pushString(L, reply.value) : pushSingleField(L, 'big_number', () => pushString(L, reply.value))
    case 'verbatim':
      return resp === 2 ? pushString(L, reply.value) : pushSingleField(L, 'verbatim_string', () => {
        lua.lua_newtable(L)
        pushString(L, reply.format)
        lua.lua_setfield(L, -2, 'format')
        pushString(L, reply.value)
        lua.lua_setfield(L, -2, 'string')
      })
    case 'array': case 'push':
      return pushArray(L, reply.value, resp)
    case 'set':
      if (resp === 2) return pushArray(L, reply.value, resp)
      return pushSingleField(L, 'set', () => {
        lua.lua_newtable(L)
        for (const item of reply.value) {
          pushReply(L, item, resp)
          lua.lua_pushboolean(L, true)
          lua.lua_rawset(L, -3)
        }
      })
    case 'map':
      if (resp === 2) return pushArray(L, reply.value.flat(), resp)
      return pushSingleField(L, 'map', () => {
        lua.lua_newtable(L)
        for (const [k, v] of reply.value) {
          pushReply(L, k, resp)
          pushReply(L, v, resp)
          lua.lua_rawset(L, -3)
        }
      })
  }
}

function pushArray(L: LuaState, items: Reply[], resp: 2 | 3): void {
  lua.lua_createtable(L, items.length, 0)
  items.forEach((item, i) => {
    pushReply(L, item, resp)
    lua.lua_rawseti(L, -2, i + 1)
  })
}

/** A field of the table at `index` if it has the wanted type (raw access, as Redis does). */
function rawField(L: LuaState, index: number, name: string, type: number): boolean {
  pushString(L, name)
  if (lua.lua_rawget(L, index) === type) return true
  lua.lua_pop(L, 1)
  return false
}

/** The Lua value at `index` as the reply Redis sends for it (luaReplyToRedisReply). */
export function luaToReply(L: LuaState, index: number, resp: 2 | 3): Reply {
  const at = lua.lua_absindex(L, index)
  switch (lua.lua_type(L, at)) {
    case lua.LUA_TSTRING: return bulk(toStringAt(L, at))
    case lua.LUA_TBOOLEAN: {
      const value = lua.lua_toboolean(L, at)
      return resp === 2 ? (value ? int(1) : NIL) : boolean(value)
    }
    case lua.LUA_TNUMBER: return int(luaNumberToInteger(lua.lua_tonumber(L, at)))
    case lua.LUA_TTABLE: return tableToReply(L, at, resp)
    default: return NIL
  }
}

function tableToReply(L: LuaState, at: number, resp: 2 | 3): Reply {
  const take = (name: string, type: number, make: () => Reply): Reply | undefined => {
    if (!rawField(L, at, name, type)) return undefined
    const reply = make()
    lua.lua_pop(L, 1)
    return reply
  }
  const special =
    take('err', lua.LUA_TSTRING, () => error(toStringAt(L, -1).replace(/[\r\n]/g, ' '))) ??
    take('ok', lua.LUA_TSTRING, () => simple(toStringAt(L, -1).replace(/[\r\n]/g, ' '))) ??
    take('double', lua.LUA_TNUMBER, () => double(lua.lua_tonumber(L, -1))) ??
    take('big_number', lua.LUA_TSTRING, () => bigNumberReply(toStringAt(L, -1))) ??
    take('map', lua.LUA_TTABLE, () => {
      const entries: Array<[Reply, Reply]> = []
      lua.lua_pushnil(L)
      while (lua.lua_next(L, -2)) {
        entries.push([luaToReply(L, -2, resp), luaToReply(L, -1, resp)])
        lua.lua_pop(L, 1)
      }
      return map(entries)
    }) ??
    take('set', lua.LUA_TTABLE, () => {
      const members: Reply[] = []
      lua.lua_pushnil(L)
      while (lua.lua_next(L, -2)) {
        members.push(luaToReply(L, -2, resp))
        lua.lua_pop(L, 1)
      }
      return set(members)
    })
  if (special !== undefined) return special
  const items: Reply[] = []
  for (let i = 1; ; i++) {
    if (lua.lua_rawgeti(L, at, i) === lua.LUA_TNIL) {
      lua.lua_pop(L, 1)
      return array(items)
    }
    items.push(luaToReply(L, -1, resp))
    lua.lua_pop(L, 1)
  }
}
