import { startFeed } from './feed.ts';

// Guarded so a second copy of the script (or a view-transition re-run) cannot throw.
if (!customElements.get('porthole-feed')) {
  customElements.define(
    'porthole-feed',
    class extends HTMLElement {
      #stop?: () => void;
      connectedCallback() {
        this.#stop?.();
        this.#stop = startFeed(this);
      }
      disconnectedCallback() {
        this.#stop?.();
        this.#stop = undefined;
      }
    },
  );
}
