// A ticking clock for TTL countdowns: one timer for the whole page, in performance.now() time
// (immune to the wall clock being changed).
class Clock {
  now = $state(performance.now())

  constructor() {
    setInterval(() => (this.now = performance.now()), 250)
  }
}

export const clock = new Clock()
