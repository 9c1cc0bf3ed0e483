import type { Handler } from '../engine.ts'

export const setHandlers: Record<string, Handler> = {}
