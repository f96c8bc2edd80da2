/**
 * Puts a decoded frame (an image, or a canvas from the video path) on top of the layer. With a fade it animates in (CSS `porthole-in`) and the
 * frame below is removed when the animation ends; at most one frame stays below the new one.
 */
export const crossfade = (
  layer: Element,
  image: HTMLImageElement | HTMLCanvasElement,
  fade: boolean,
): void => {
  const below = [...layer.children];
  for (const old of fade ? below.slice(0, -1) : below) old.remove();
  if (fade) {
    image.classList.add('porthole-in');
    image.onanimationend = () => image.previousElementSibling?.remove();
  }
  layer.append(image);
};
