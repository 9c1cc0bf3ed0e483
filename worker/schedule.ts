// Runs a task soon, after the host has had a chance to read pending messages: the engine uses it
// for the next slice of a long script. Node has setImmediate (after pending I/O); a browser or
// Worker gets a MessageChannel, which setTimeout's 4 ms clamp for nested timers does not slow.
export type Scheduler = (task: () => void) => void

let channel: { port: MessagePort; tasks: Array<() => void> } | undefined

export const defaultScheduler: Scheduler = (task) => {
  if (typeof setImmediate === 'function') {
    setImmediate(task)
    return
  }
  if (typeof MessageChannel !== 'function') {
    setTimeout(task, 0)
    return
  }
  if (channel === undefined) {
    const { port1, port2 } = new MessageChannel()
    const tasks: Array<() => void> = []
    port1.onmessage = () => tasks.shift()?.()
    channel = { port: port2, tasks }
  }
  channel.tasks.push(task)
  channel.port.postMessage(null)
}
