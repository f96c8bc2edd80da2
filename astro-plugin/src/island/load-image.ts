/** Loads an image off-screen and resolves once it is fully decoded, so it never shows half-loaded. */
export const loadImage = async (src: string): Promise<HTMLImageElement> => {
  const image = new Image();
  image.alt = '';
  image.className = 'porthole-frame';
  image.src = src;
  await image.decode();
  return image;
};
