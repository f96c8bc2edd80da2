/**
 * Fades the layer as the hero scrolls away, for browsers without CSS scroll-driven animations
 * (where they exist the stylesheet does it and this does nothing). Passive listener, at most one
 * pending animation frame.
 */
export const fadeOnScroll = (hero: Element, layer: HTMLElement, signal: AbortSignal): void => {
  if (CSS.supports('animation-timeline:view()')) return;
  let animationFrame = 0;
  const fade = () => {
    animationFrame = 0;
    const box = hero.getBoundingClientRect();
    layer.style.opacity = `${Math.min(1, Math.max(0, box.bottom / box.height))}`;
  };
  addEventListener('scroll', () => (animationFrame ||= requestAnimationFrame(fade)), {
    passive: true,
    signal,
  });
  fade();
};
