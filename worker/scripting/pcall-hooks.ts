// A fix for fengari 0.1.5: when an error is caught by a pcall that is resumed inside a coroutine,
// fengari restores "hooks allowed" from a flag its lua_pcallk never sets (it clears the bit but
// does not set it), so the script's hooks stop for good. A script killed inside a pcall would then
// never stop or yield again. pcall and xpcall are wrapped to set that flag on their own frame first.
import fengari, { type LuaState } from 'fengari'

const { lua } = fengari

/** fengari/src/lstate.js's CIST_OAH: the call's original 'allowhook'. */
const CIST_OAH = 1 << 0

interface ThreadInternals { ci: { callstatus: number } }

export function fixProtectedCalls(L: LuaState): void {
  for (const name of ['pcall', 'xpcall']) {
    lua.lua_getglobal(L, name)
    const original = lua.lua_tocfunction(L, -1)
    lua.lua_pop(L, 1)
    if (original === null) throw new Error(`Lua has no ${name}`)
    lua.lua_pushjsfunction(L, (S) => {
      (S as unknown as ThreadInternals).ci.callstatus |= CIST_OAH
      return original(S)
    })
    lua.lua_setglobal(L, name)
  }
}
