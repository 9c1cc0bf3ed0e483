// The `cjson` library Redis loads: encode Lua values as JSON and decode JSON into Lua values.
import fengari, { type LuaState } from 'fengari'
import { pushString, toStringAt } from './bytes.ts'
import { formatLuaNumber } from './numbers.ts'

const { lua, lauxlib } = fengari

/** cjson.null: a light userdata that encodes as JSON null. */
const NULL = Object.freeze({})
const MAX_DEPTH = 1000

function escape(text: string): string {
  return text.replace(/[\x00-\x1f"\\/]/g, (c) => {
    switch (c) {
      case '"': return '\\"'
      case '\\': return '\\\\'
      case '/': return '\\/'
      case '\n': return '\\n'
      case '\r': return '\\r'
      case '\t': return '\\t'
      case '\b': return '\\b'
      case '\f': return '\\f'
      default: return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
    }
  })
}

function encode(L: LuaState, at: number, depth: number): string {
  const fail = (why: string): never => {
    lauxlib.luaL_error(L, '%s', fengari.to_luastring(`Cannot serialise ${why}`))
    throw new Error('unreachable')
  }
  switch (lua.lua_type(L, at)) {
    case lua.LUA_TSTRING: return `"${escape(toStringAt(L, at))}"`
    case lua.LUA_TNUMBER: return formatLuaNumber(lua.lua_tonumber(L, at))
    case lua.LUA_TBOOLEAN: return lua.lua_toboolean(L, at) ? 'true' : 'false'
    case lua.LUA_TNIL: return 'null'
    case lua.LUA_TLIGHTUSERDATA: return lua.lua_touserdata(L, at) === NULL ? 'null' : fail('userdata: type not supported')
    case lua.LUA_TTABLE: {
      if (depth > MAX_DEPTH) fail('table: excessive nesting')
      // An array when every key is a positive integer (cjson's rule, sparse ones included up to a limit).
      let max = 0, count = 0, isArray = true
      lua.lua_pushnil(L)
      while (lua.lua_next(L, at)) {
        lua.lua_pop(L, 1)
        count++
        const k = lua.lua_type(L, -1) === lua.LUA_TNUMBER ? lua.lua_tonumber(L, -1) : NaN
        if (Number.isInteger(k) && k >= 1) max = Math.max(max, k)
        else isArray = false
      }
      if (isArray && count > 0) {
        if (max > count * 2 && max > 10) fail('table: excessively sparse array')
        const items: string[] = []
        for (let i = 1; i <= max; i++) {
          lua.lua_rawgeti(L, at, i)
          items.push(encode(L, lua.lua_gettop(L), depth + 1))
          lua.lua_pop(L, 1)
        }
        return `[${items.join(',')}]`
      }
      const fields: string[] = []
      lua.lua_pushnil(L)
      while (lua.lua_next(L, at)) {
        const keyType = lua.lua_type(L, -2)
        if (keyType !== lua.LUA_TSTRING && keyType !== lua.LUA_TNUMBER) fail('table key: must be a number or string')
        fields.push(`"${escape(toStringAt(L, -2))}":${encode(L, lua.lua_gettop(L), depth + 1)}`)
        lua.lua_pop(L, 1)
      }
      return `{${fields.join(',')}}`
    }
    default: return fail(`${lua.lua_type(L, at) === lua.LUA_TFUNCTION ? 'function' : 'userdata'}: type not supported`)
  }
}

/** A JSON decoder that pushes Lua values directly, with cjson's error texts. */
class Decoder {
  private i = 0
  constructor(private readonly L: LuaState, private readonly text: string) {}

  private fail(what: string): never {
    const found = this.i >= this.text.length ? "'end'" : 'invalid token'
    lauxlib.luaL_error(this.L, '%s', fengari.to_luastring(`Expected ${what} but found ${found} at character ${this.i + 1}`))
    throw new Error('unreachable')
  }

  private skip(): void {
    while (/[ \t\r\n]/.test(this.text[this.i] ?? '')) this.i++
  }

  run(): void {
    this.value(0)
    this.skip()
    if (this.i < this.text.length) this.fail('the end')
  }

  private value(depth: number): void {
    const L = this.L
    this.skip()
    const c = this.text[this.i]
    if (c === '{' || c === '[') {
      if (depth >= MAX_DEPTH) this.fail('value')
      this.i++
      lua.lua_newtable(L)
      this.skip()
      const close = c === '{' ? '}' : ']'
      if (this.text[this.i] === close) { this.i++; return }
      for (let n = 1; ; n++) {
        if (c === '{') {
          this.skip()
          if (this.text[this.i] !== '"') this.fail('object key string')
          this.value(depth + 1)
          this.skip()
          if (this.text[this.i++] !== ':') { this.i--; this.fail('colon') }
          this.value(depth + 1)
          lua.lua_rawset(L, -3)
        } else {
          this.value(depth + 1)
          lua.lua_rawseti(L, -2, n)
        }
        this.skip()
        const next = this.text[this.i++]
        if (next === close) return
        if (next !== ',') { this.i--; this.fail(`comma or ${c === '{' ? 'object' : 'array'} end`) }
      }
    }
    if (c === '"') return this.string()
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.i, this.i + 400))
    if (literal === null) this.fail('value')
    this.i += literal[0].length
    if (literal[0] === 'true' || literal[0] === 'false') lua.lua_pushboolean(L, literal[0] === 'true')
    else if (literal[0] === 'null') lua.lua_pushlightuserdata(L, NULL)
    else lua.lua_pushnumber(L, Number(literal[0]))
  }

  private string(): void {
    let out = ''
    for (this.i++; ; ) {
      const c = this.text[this.i++]
      if (c === undefined) { this.i--; this.fail('string end') }
      if (c === '"') break
      if (c !== '\\') { out += c; continue }
      const e = this.text[this.i++]
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }
      if (e in simple) out += simple[e]
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i, this.i + 4))) {
        // UTF-8 bytes of the code point, as cjson writes them.
        out += unescape(encodeURIComponent(String.fromCharCode(parseInt(this.text.slice(this.i, this.i + 4), 16))))
        this.i += 4
      } else { this.i -= 2; this.fail('valid escape') }
    }
    pushString(this.L, out)
  }
}

export function openCjson(L: LuaState): void {
  lua.lua_newtable(L)
  lua.lua_pushjsfunction(L, (S) => {
    if (lua.lua_gettop(S) !== 1) return lauxlib.luaL_error(S, '%s', fengari.to_luastring('bad argument #1 to \'encode\' (expected 1 argument)'))
    pushString(S, encode(S, 1, 0))
    return 1
  })
  lua.lua_setfield(L, -2, 'encode')
  lua.lua_pushjsfunction(L, (S) => {
    if (lua.lua_gettop(S) !== 1) return lauxlib.luaL_error(S, '%s', fengari.to_luastring('bad argument #1 to \'decode\' (expected 1 argument)'))
    new Decoder(S, toStringAt(S, 1)).run()
    return 1
  })
  lua.lua_setfield(L, -2, 'decode')
  lua.lua_pushlightuserdata(L, NULL)
  lua.lua_setfield(L, -2, 'null')
  lua.lua_setglobal(L, 'cjson')
}
