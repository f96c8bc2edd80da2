// Injected before any page script: counts the timers, intersection observers, event listeners and
// fetches in flight that the Porthole island holds, so a test can see none outlive a view-transition
// navigation, a pause or a hidden tab. A fetch ends for the page when it settles or is aborted, whatever
// the engine does with its connection.
// Only calls made from the island's own script (its stack names "Porthole") are counted.
(() => {
  const fromIsland = () => /Porthole/.test(new Error().stack ?? '');
  const timers = new Set();
  const realSet = window.setTimeout;
  const realClear = window.clearTimeout;
  window.setTimeout = (fn, ms, ...rest) => {
    if (!fromIsland()) return realSet(fn, ms, ...rest);
    const id = realSet(
      (...args) => {
        timers.delete(id);
        fn(...args);
      },
      ms,
      ...rest,
    );
    timers.add(id);
    return id;
  };
  window.clearTimeout = (id) => {
    timers.delete(id);
    realClear(id);
  };

  let observing = 0;
  const RealObserver = window.IntersectionObserver;
  window.IntersectionObserver = class extends RealObserver {
    #targets = 0;
    observe(target) {
      if (fromIsland()) {
        this.#targets++;
        observing++;
      }
      super.observe(target);
    }
    disconnect() {
      observing -= this.#targets;
      this.#targets = 0;
      super.disconnect();
    }
  };

  let listeners = 0;
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, options) {
    if (fromIsland() && !(this instanceof AbortSignal)) {
      listeners++;
      const signal = typeof options === 'object' ? options?.signal : undefined;
      if (signal) add.call(signal, 'abort', () => listeners--, { once: true });
    }
    return add.call(this, type, fn, options);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, options) {
    if (fromIsland()) listeners--;
    return remove.call(this, type, fn, options);
  };

  let fetching = 0;
  const realFetch = window.fetch;
  window.fetch = function (...args) {
    const request = realFetch.apply(this, args);
    if (!fromIsland()) return request;
    fetching++;
    const done = () => fetching--;
    request.then(done, done);
    return request;
  };

  window.__portholeHeld = () => ({ timers: timers.size, observing, listeners, fetching });
})();
