// LuaBitOp's `bit` library (Redis loads it): 32-bit operations on numbers.
import fengari, { type LuaState } from 'fengari'
import { pushString } from './bytes.ts'

const { lua } = fengari

/** LuaBitOp's tobit: the number modulo 2^32 as a signed 32-bit integer. */
const tobit = (L: LuaState, i: number): number => {
  const n = lua.lua_tonumber(L, i)
  return Number.isFinite(n) ? Number(BigInt.asIntN(32, BigInt(Math.round(n) % 4294967296))) : 0
}

export function openBit(L: LuaState): void {
  lua.lua_newtable(L)
  const fn = (name: string, f: (S: LuaState) => number) => {
    lua.lua_pushjsfunction(L, (S) => {
      lua.lua_pushnumber(S, f(S))
      return 1
    })
    lua.lua_setfield(L, -2, name)
  }
  const fold = (name: string, op: (a: number, b: number) => number) => fn(name, (S) => {
    let result = tobit(S, 1)
    for (let i = 2; i <= lua.lua_gettop(S); i++) result = op(result, tobit(S, i))
    return result
  })
  fn('tobit', (S) => tobit(S, 1))
  fn('bnot', (S) => ~tobit(S, 1))
  fold('band', (a, b) => a & b)
  fold('bor', (a, b) => a | b)
  fold('bxor', (a, b) => a ^ b)
  fn('lshift', (S) => tobit(S, 1) << (tobit(S, 2) & 31))
  fn('rshift', (S) => (tobit(S, 1) >>> (tobit(S, 2) & 31)) | 0)
  fn('arshift', (S) => tobit(S, 1) >> (tobit(S, 2) & 31))
  fn('rol', (S) => { const x = tobit(S, 1), n = tobit(S, 2) & 31; return (x << n) | (x >>> (32 - n)) })
  fn('ror', (S) => { const x = tobit(S, 1), n = tobit(S, 2) & 31; return (x >>> n) | (x << (32 - n)) })
  fn('bswap', (S) => {
    const x = tobit(S, 1)
    return ((x >>> 24) | ((x >> 8) & 0xff00) | ((x & 0xff00) << 8) | (x << 24)) | 0
  })
  lua.lua_pushjsfunction(L, (S) => {
    let digits = lua.lua_type(S, 2) === lua.LUA_TNUMBER ? tobit(S, 2) : 8
    const upper = digits < 0
    if (upper) digits = -digits
    const hex = (tobit(S, 1) >>> 0).toString(16).padStart(8, '0').slice(8 - Math.min(digits, 8))
    pushString(S, upper ? hex.toUpperCase() : hex)
    return 1
  })
  lua.lua_setfield(L, -2, 'tohex')
  lua.lua_setglobal(L, 'bit')
}
