// The small part of fengari's API the scripting engine uses (fengari ships no types).
declare module 'fengari' {
  /** An opaque Lua thread. */
  export interface LuaState { readonly __luaState: unique symbol }
  export type LuaFunction = (L: LuaState) => number
  /** A debug hook; fengari passes the running thread (a coroutine's own state inside one). */
  export type LuaHook = (L: LuaState, ar: unknown) => void
  /** Debug information about a stack level (lua_getstack, lua_getinfo). */
  export interface LuaDebug { source: Uint8Array | null }
  interface Lua {
    lua_Debug: new () => LuaDebug
    lua_getstack(L: LuaState, level: number, ar: LuaDebug): number
    lua_getinfo(L: LuaState, what: string | Uint8Array, ar: LuaDebug): number
    LUA_OK: number; LUA_YIELD: number; LUA_REGISTRYINDEX: number; LUA_MULTRET: number
    LUA_TNIL: number; LUA_TBOOLEAN: number; LUA_TLIGHTUSERDATA: number; LUA_TNUMBER: number
    LUA_TSTRING: number; LUA_TTABLE: number; LUA_TFUNCTION: number
    LUA_MASKCOUNT: number; LUA_MASKLINE: number
    lua_absindex(L: LuaState, i: number): number
    lua_gettop(L: LuaState): number
    lua_settop(L: LuaState, i: number): void
    lua_pop(L: LuaState, n: number): void
    lua_pushvalue(L: LuaState, i: number): void
    lua_insert(L: LuaState, i: number): void
    lua_concat(L: LuaState, n: number): void
    lua_type(L: LuaState, i: number): number
    lua_isinteger(L: LuaState, i: number): boolean
    lua_tonumber(L: LuaState, i: number): number
    lua_toboolean(L: LuaState, i: number): boolean
    lua_tolstring(L: LuaState, i: number): Uint8Array | null
    lua_touserdata(L: LuaState, i: number): unknown
    lua_pushnil(L: LuaState): void
    lua_pushnumber(L: LuaState, n: number): void
    lua_pushinteger(L: LuaState, n: number): void
    lua_pushboolean(L: LuaState, b: boolean): void
    lua_pushstring(L: LuaState, s: Uint8Array | string): void
    lua_pushliteral(L: LuaState, s: string): void
    lua_pushjsfunction(L: LuaState, f: LuaFunction): void
    lua_pushjsclosure(L: LuaState, f: LuaFunction, n: number): void
    lua_upvalueindex(i: number): number
    /** Calls from a JS function so that the callee may yield; `k` then finishes the JS function. */
    lua_callk(L: LuaState, nargs: number, nresults: number, ctx: number, k: (L: LuaState, status: number, ctx: number) => number): void
    lua_pushlightuserdata(L: LuaState, p: object): void
    lua_createtable(L: LuaState, narr: number, nrec: number): void
    lua_newtable(L: LuaState): void
    lua_rawgeti(L: LuaState, i: number, n: number): number
    lua_rawseti(L: LuaState, i: number, n: number): void
    lua_rawget(L: LuaState, i: number): number
    lua_rawset(L: LuaState, i: number): void
    lua_getfield(L: LuaState, i: number, k: string | Uint8Array): number
    lua_setfield(L: LuaState, i: number, k: string | Uint8Array): void
    lua_next(L: LuaState, i: number): boolean
    lua_setglobal(L: LuaState, name: string | Uint8Array): void
    lua_getglobal(L: LuaState, name: string | Uint8Array): number
    lua_pcall(L: LuaState, nargs: number, nresults: number, errfunc: number): number
    lua_call(L: LuaState, nargs: number, nresults: number): void
    lua_error(L: LuaState): number
    lua_setupvalue(L: LuaState, f: number, n: number): Uint8Array | null
    lua_newthread(L: LuaState): LuaState
    lua_resume(L: LuaState, from: LuaState | null, nargs: number): number
    lua_yield(L: LuaState, nresults: number): number
    /** Yields from a JS function; `k` runs when the thread is resumed and returns the function's result count. */
    lua_yieldk(L: LuaState, nresults: number, ctx: number, k: (L: LuaState, status: number, ctx: number) => number): number
    lua_xmove(from: LuaState, to: LuaState, n: number): void
    lua_checkstack(L: LuaState, n: number): boolean
    lua_status(L: LuaState): number
    lua_tothread(L: LuaState, i: number): LuaState | null
    /** The value's object itself (a table, a function): an identity to key a WeakSet by. */
    lua_topointer(L: LuaState, i: number): object
    lua_pushthread(L: LuaState): boolean
    lua_isfunction(L: LuaState, i: number): boolean
    lua_iscfunction(L: LuaState, i: number): boolean
    /** LUA_OPEQ, LUA_OPLT or LUA_OPLE, with metamethods. */
    lua_compare(L: LuaState, a: number, b: number, op: number): boolean
    LUA_OPLT: number
    lua_remove(L: LuaState, i: number): void
    lua_replace(L: LuaState, i: number): void
    lua_isnoneornil(L: LuaState, i: number): boolean
    lua_rawgetp(L: LuaState, i: number, p: object): number
    lua_rawsetp(L: LuaState, i: number, p: object): void
    lua_gc(L: LuaState, what: number, data: number): number
    LUA_GCCOUNT: number
    lua_isyieldable(L: LuaState): boolean
    lua_sethook(L: LuaState, hook: LuaHook | null, mask: number, count: number): void
    lua_isstring(L: LuaState, i: number): boolean
    lua_rawlen(L: LuaState, i: number): number
    lua_isnumber(L: LuaState, i: number): boolean
    lua_typename(L: LuaState, type: number): Uint8Array
    lua_tocfunction(L: LuaState, i: number): LuaFunction | null
  }
  interface LuaAuxLib {
    luaL_newstate(): LuaState
    luaL_loadbuffer(L: LuaState, buff: Uint8Array, size: number | null, name: Uint8Array | string): number
    luaL_requiref(L: LuaState, name: Uint8Array | string, open: LuaFunction, global: number): void
    luaL_where(L: LuaState, level: number): void
    luaL_ref(L: LuaState, t: number): number
    luaL_unref(L: LuaState, t: number, ref: number): void
    luaL_error(L: LuaState, fmt: string | Uint8Array, ...args: unknown[]): number
    luaL_checkstack(L: LuaState, space: number, message: string | null): void
    luaL_checknumber(L: LuaState, arg: number): number
    luaL_checklstring(L: LuaState, arg: number): Uint8Array
    luaL_optnumber(L: LuaState, arg: number, def: number): number
    luaL_argerror(L: LuaState, arg: number, extramsg: string | Uint8Array): number
    luaL_argcheck(L: LuaState, cond: unknown, arg: number, extramsg: string): void
    luaL_checkany(L: LuaState, arg: number): void
    luaL_checktype(L: LuaState, arg: number, type: number): void
    luaL_checkinteger(L: LuaState, arg: number): number
    luaL_optinteger(L: LuaState, arg: number, def: number): number
  }
  interface LuaLib {
    luaopen_base: LuaFunction; luaopen_string: LuaFunction; luaopen_table: LuaFunction
    luaopen_math: LuaFunction; luaopen_coroutine: LuaFunction; luaopen_debug: LuaFunction
  }
  const fengari: {
    lua: Lua
    lauxlib: LuaAuxLib
    lualib: LuaLib
    to_luastring(s: string): Uint8Array
  }
  export default fengari
}

declare module 'fengari/src/lobject.js' {
  /** A Lua value in fengari's VM: its type tag and payload. */
  export interface TValue { type: number; value: unknown; ttisinteger(): boolean; setsvalue(s: unknown): void; setfltvalue(n: number): void }
  const lobject: { luaO_tostring: (L: unknown, obj: TValue) => void; luaO_str2num: (s: Uint8Array, obj: TValue) => number }
  export default lobject
}

declare module 'fengari/src/lstring.js' {
  const lstring: { luaS_bless: (L: unknown, s: Uint8Array) => unknown }
  export default lstring
}

declare module 'fengari/src/lvm.js' {
  import type { TValue } from 'fengari/src/lobject.js'
  /** The VM's number conversions; lua51-patches.ts replaces tointeger. */
  const lvm: { tointeger: (o: TValue) => number | false; tonumber: (o: TValue) => number | false }
  export default lvm
}

declare module 'fengari/src/llex.js' {
  /** The lexer's state, as far as lua51-lexer.ts reads and sets it. */
  interface LexState { t: { token: number; seminfo: { ts: unknown } }; lookahead: { token: number } }
  const llex: {
    RESERVED: Record<string, number>
    luaX_next: (ls: LexState) => void
    luaX_newstring: (ls: LexState, s: Uint8Array) => unknown
  }
  export default llex
}
