/**
 * The wave button: sends `POST /wave`, plays a short animation and stays aria-disabled for the
 * cooldown. The cooldown is a CSS animation (`porthole-cooldown`), so it needs no timer and
 * cannot outlive the page.
 */
export const wireWaveButton = (button: HTMLElement, waveUrl: string, signal: AbortSignal): void => {
  button.addEventListener(
    'click',
    () => {
      if (button.getAttribute('aria-disabled')) return;
      button.setAttribute('aria-disabled', 'true');
      button.classList.add('porthole-waving');
      fetch(waveUrl, { method: 'POST', signal }).catch(() => {});
    },
    { signal },
  );
  button.addEventListener(
    'animationend',
    (event) => {
      if (event.animationName !== 'porthole-cooldown') return;
      button.removeAttribute('aria-disabled');
      button.classList.remove('porthole-waving');
    },
    { signal },
  );
};
