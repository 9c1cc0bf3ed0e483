// Lua 5.1's lexer has none of 5.3's new tokens: a script that writes `//`, `<<`, `>>`, `::`,
// `&`, `|` or `~` fails to compile in Redis, and `goto` is an ordinary name there. fengari's
// parser reads tokens through llex's module object, so luaX_next is wrapped: `//`, `<<`, `>>`
// and `::` become two 1-character tokens (the parser then fails where 5.1's does), `&`, `|` and
// `~` become tokens no rule accepts (their text is put back in the message: vm.ts's
// asLua51SyntaxError), and `goto` becomes a name.
import fengari from 'fengari'
import llex from 'fengari/src/llex.js'

const { RESERVED } = llex
const SPLIT = new Map([[RESERVED.TK_IDIV, 47 /* '/' */], [RESERVED.TK_SHL, 60 /* '<' */], [RESERVED.TK_SHR, 62 /* '>' */], [RESERVED.TK_DBCOLON, 58 /* ':' */]])

/** Stand-ins for `&`, `|` and `~` (control characters never come out of the lexer as tokens). */
export const UNKNOWN_SYMBOLS = new Map([[1, '&'], [2, '|'], [3, '~']])
const STAND_IN = new Map([[38, 1], [124, 2], [126, 3]])

const next = llex.luaX_next
llex.luaX_next = (ls) => {
  next(ls)
  const token = ls.t.token
  const half = SPLIT.get(token)
  if (half !== undefined) {
    ls.t.token = half
    ls.lookahead.token = half
    return
  }
  const standIn = STAND_IN.get(token)
  if (standIn !== undefined) {
    ls.t.token = standIn
  } else if (token === RESERVED.TK_GOTO) {
    ls.t.token = RESERVED.TK_NAME
    ls.t.seminfo.ts = llex.luaX_newstring(ls, fengari.to_luastring('goto'))
  }
}
