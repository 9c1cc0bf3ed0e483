import type { Handler } from '../engine.ts'

export const keyHandlers: Record<string, Handler> = {}
