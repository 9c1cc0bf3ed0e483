import { Engine } from '../../worker/engine.ts'
import { fillData, fillCommands, MIX, type FillGroup } from './workload.ts'
import { execAll, timeEngine } from './engine-runner.ts'
const engine = new Engine(); const c = engine.createClient()
const data = fillData()
const which = process.argv[2] ?? 'GET'
const op = MIX.find((o) => o.label === which)!
execAll(engine, c, fillCommands(data, op.fill as FillGroup))
for (let k = 0; k < 3; k++) console.log(which, JSON.stringify(timeEngine(engine, c, op, { warmupOps: 5000, rounds: 5, roundOps: 50000, roundMs: 1000, batch: 1000 }).outcome))
