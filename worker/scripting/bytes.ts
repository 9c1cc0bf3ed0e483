// Byte strings (one JS char per byte) to and from fengari's Uint8Array strings.
import fengari, { type LuaState } from 'fengari'

const { lua } = fengari

export function toLua(bytes: string): Uint8Array {
  const out = new Uint8Array(bytes.length)
  for (let i = 0; i < bytes.length; i++) out[i] = bytes.charCodeAt(i)
  return out
}

export function fromLua(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192))
  return out
}

export function pushString(L: LuaState, bytes: string): void {
  lua.lua_pushstring(L, toLua(bytes))
}

/** The value at `index` as Lua's tostring would give it for strings and numbers ('' otherwise). */
export function toStringAt(L: LuaState, index: number): string {
  const type = lua.lua_type(L, index)
  if (type !== lua.LUA_TSTRING && type !== lua.LUA_TNUMBER) return type === lua.LUA_TNIL ? 'nil' : ''
  lua.lua_pushvalue(L, index)
  const bytes = lua.lua_tolstring(L, -1)
  lua.lua_pop(L, 1)
  return bytes === null ? '' : fromLua(bytes)
}
