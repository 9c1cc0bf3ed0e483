// The `cjson` library Redis loads: encode Lua values as JSON and decode JSON into Lua values.
import fengari, { type LuaState } from 'fengari'
import { fromLua, pushString, toStringAt } from './bytes.ts'
import { formatLuaNumber } from './numbers.ts'

const { lua, lauxlib } = fengari

/** cjson.null: a light userdata that encodes as JSON null. */
const NULL = Object.freeze({})
const MAX_DEPTH = 1000

function escape(text: string): string {
  return text.replace(/[\x00-\x1f\x7f"\\/]/g, (c) => {
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

const typeName = (L: LuaState, at: number): string => fromLua(lua.lua_typename(L, lua.lua_type(L, at)))

/** A number as cjson writes it: "%.14g", and never NaN or Inf. */
function number(L: LuaState, at: number): string {
  const value = lua.lua_tonumber(L, at)
  if (!Number.isFinite(value)) {
    lauxlib.luaL_error(L, '%s', fengari.to_luastring('Cannot serialise number: must not be NaN or Inf'))
  }
  return formatLuaNumber(value)
}

function encode(L: LuaState, at: number, depth: number): string {
  const fail = (why: string): never => {
    lauxlib.luaL_error(L, '%s', fengari.to_luastring(`Cannot serialise ${why}`))
    throw new Error('unreachable')
  }
  switch (lua.lua_type(L, at)) {
    case lua.LUA_TSTRING: return `"${escape(toStringAt(L, at))}"`
    case lua.LUA_TNUMBER: return number(L, at)
    case lua.LUA_TBOOLEAN: return lua.lua_toboolean(L, at) ? 'true' : 'false'
    case lua.LUA_TNIL: return 'null'
    case lua.LUA_TLIGHTUSERDATA: return lua.lua_touserdata(L, at) === NULL ? 'null' : fail('userdata: type not supported')
    case lua.LUA_TTABLE: {
      if (depth >= MAX_DEPTH) {
        lauxlib.luaL_error(L, '%s', fengari.to_luastring(`Cannot serialise, excessive nesting (${depth + 1})`))
      }
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
        if (keyType !== lua.LUA_TSTRING && keyType !== lua.LUA_TNUMBER) {
          fail(`${typeName(L, -2)}: table key must be a number or string`)
        }
        const name = keyType === lua.LUA_TNUMBER ? number(L, lua.lua_gettop(L) - 1) : escape(toStringAt(L, -2))
        fields.push(`"${name}":${encode(L, lua.lua_gettop(L), depth + 1)}`)
        lua.lua_pop(L, 1)
      }
      return `{${fields.join(',')}}`
    }
    default: return fail(`${typeName(L, at)}: type not supported`)
  }
}

type TokenType =
  | 'T_OBJ_BEGIN' | 'T_OBJ_END' | 'T_ARR_BEGIN' | 'T_ARR_END' | 'T_STRING' | 'T_NUMBER' | 'T_BOOLEAN' | 'T_NULL'
  | 'T_COLON' | 'T_COMMA' | 'T_END' | 'T_ERROR'

interface Token { type: TokenType; index: number; value?: string | number | boolean }

const SINGLE: Record<string, TokenType> = { '{': 'T_OBJ_BEGIN', '}': 'T_OBJ_END', '[': 'T_ARR_BEGIN', ']': 'T_ARR_END', ':': 'T_COLON', ',': 'T_COMMA' }
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }
/** What C's strtod reads at the start of a number (cjson decodes invalid numbers such as 0x10 and inf too). */
const STRTOD = /^[+-]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)/i

/** lua-cjson's decoder (as Redis builds it: invalid numbers accepted), with its tokens and error texts. */
class Decoder {
  private at = 0
  private depth = 0
  constructor(private readonly L: LuaState, private readonly text: string) {}

  private fail(expected: string, token: Token): never {
    const found = token.type === 'T_ERROR' ? String(token.value) : token.type
    lauxlib.luaL_error(this.L, '%s', fengari.to_luastring(`Expected ${expected} but found ${found} at character ${token.index + 1}`))
    throw new Error('unreachable')
  }

  private next(): Token {
    const text = this.text
    while (/[ \t\r\n]/.test(text[this.at] ?? '')) this.at++
    const index = this.at
    const c = text[this.at]
    if (c === undefined || c === '\0') return { type: 'T_END', index }
    const single = SINGLE[c]
    if (single !== undefined) {
      this.at++
      return { type: single, index }
    }
    if (c === '"') return this.string(index)
    for (const [word, type, value] of [['true', 'T_BOOLEAN', true], ['false', 'T_BOOLEAN', false], ['null', 'T_NULL', null]] as const) {
      if (text.startsWith(word, this.at)) {
        this.at += word.length
        return { type, index, value: value ?? undefined }
      }
    }
    if (/[-+0-9iInN]/.test(c)) {
      const number = STRTOD.exec(text.slice(this.at, this.at + 400))
      if (number === null) return { type: 'T_ERROR', index, value: 'invalid number' }
      this.at += number[0].length
      const literal = number[0].replace(/^([+-]?)0[xX]/, '$10x')
      const sign = literal.startsWith('-') ? -1 : 1
      const body = literal.replace(/^[+-]/, '')
      const value = /^0x/i.test(body) ? sign * parseInt(body, 16) : /^inf/i.test(body) ? sign * Infinity : /^nan/i.test(body) ? NaN : Number(literal)
      return { type: 'T_NUMBER', index, value }
    }
    return { type: 'T_ERROR', index, value: 'invalid token' }
  }

  private string(index: number): Token {
    const text = this.text
    let out = ''
    for (this.at++; text[this.at] !== '"'; ) {
      const c = text[this.at]
      if (c === undefined || c === '\0') return { type: 'T_ERROR', index: this.at, value: 'unexpected end of string' }
      if (c !== '\\') {
        out += c
        this.at++
        continue
      }
      const e = text[this.at + 1] ?? ''
      if (e === 'u') {
        const decoded = this.unicode()
        if (decoded === undefined) return { type: 'T_ERROR', index: this.at, value: 'invalid unicode escape code' }
        out += decoded
        continue
      }
      if (!Object.hasOwn(ESCAPES, e)) return { type: 'T_ERROR', index: this.at, value: 'invalid escape code' }
      out += ESCAPES[e]
      this.at += 2
    }
    this.at++
    return { type: 'T_STRING', index, value: out }
  }

  /** A \\uXXXX escape (a surrogate pair takes two) as UTF-8 bytes; undefined when invalid. */
  private unicode(): string | undefined {
    const hex = (at: number) => (/^[0-9a-fA-F]{4}$/.test(this.text.slice(at, at + 4)) ? parseInt(this.text.slice(at, at + 4), 16) : undefined)
    let code = hex(this.at + 2)
    if (code === undefined || (code >= 0xdc00 && code <= 0xdfff)) return undefined
    let length = 6
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = this.text.slice(this.at + 6, this.at + 8) === '\\u' ? hex(this.at + 8) : undefined
      if (low === undefined || low < 0xdc00 || low > 0xdfff) return undefined
      code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)
      length = 12
    }
    this.at += length
    return unescape(encodeURIComponent(String.fromCodePoint(code)))
  }

  run(): void {
    this.value(this.next())
    const end = this.next()
    if (end.type !== 'T_END') this.fail('the end', end)
  }

  private descend(): void {
    if (++this.depth > MAX_DEPTH) {
      lauxlib.luaL_error(this.L, '%s', fengari.to_luastring(`Found too many nested data structures (${this.depth}) at character ${this.at}`))
    }
  }

  private value(token: Token): void {
    const L = this.L
    switch (token.type) {
      case 'T_STRING': return pushString(L, token.value as string)
      case 'T_NUMBER': return lua.lua_pushnumber(L, token.value as number)
      case 'T_BOOLEAN': return lua.lua_pushboolean(L, token.value as boolean)
      case 'T_NULL': return lua.lua_pushlightuserdata(L, NULL)
      case 'T_OBJ_BEGIN': return this.object()
      case 'T_ARR_BEGIN': return this.array()
      default: return this.fail('value', token)
    }
  }

  private object(): void {
    const L = this.L
    this.descend()
    lua.lua_newtable(L)
    let token = this.next()
    if (token.type === 'T_OBJ_END') return void this.depth--
    for (;;) {
      if (token.type !== 'T_STRING') this.fail('object key string', token)
      pushString(L, token.value as string)
      token = this.next()
      if (token.type !== 'T_COLON') this.fail('colon', token)
      this.value(this.next())
      lua.lua_rawset(L, -3)
      token = this.next()
      if (token.type === 'T_OBJ_END') return void this.depth--
      if (token.type !== 'T_COMMA') this.fail('comma or object end', token)
      token = this.next()
    }
  }

  private array(): void {
    const L = this.L
    this.descend()
    lua.lua_newtable(L)
    let token = this.next()
    if (token.type === 'T_ARR_END') return void this.depth--
    for (let i = 1; ; i++) {
      this.value(token)
      lua.lua_rawseti(L, -2, i)
      token = this.next()
      if (token.type === 'T_ARR_END') return void this.depth--
      if (token.type !== 'T_COMMA') this.fail('comma or array end', token)
      token = this.next()
    }
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
    new Decoder(S, fromLua(lauxlib.luaL_checklstring(S, 1))).run()
    return 1
  })
  lua.lua_setfield(L, -2, 'decode')
  lua.lua_pushlightuserdata(L, NULL)
  lua.lua_setfield(L, -2, 'null')
  lua.lua_setglobal(L, 'cjson')
}
