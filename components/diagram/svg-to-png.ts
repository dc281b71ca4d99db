/*
 * Turns an exported SVG document into a PNG in the browser: the SVG is loaded as an image from
 * a Blob URL, drawn on a canvas at a higher pixel density, and encoded by canvas.toBlob.
 */

/** Pixels per SVG unit in a PNG export: sharp on high-density screens and in slides. */
export const PNG_SCALE = 2;
/** The largest canvas side browsers reliably draw. */
const MAX_CANVAS_SIDE = 16_384;
/** The largest canvas area browsers reliably draw, in pixels. */
const MAX_CANVAS_AREA = 16_384 * 16_384;

/**
 * The canvas size for an image of `width` x `height` at `scale`, scaled down (never below
 * 1 pixel) so that it stays within what browsers can draw.
 */
export function getCanvasSize(
  width: number,
  height: number,
  scale: number,
): { width: number; height: number } {
  const wanted = { width: Math.max(1, width * scale), height: Math.max(1, height * scale) };
  const shrink = Math.min(
    1,
    MAX_CANVAS_SIDE / wanted.width,
    MAX_CANVAS_SIDE / wanted.height,
    Math.sqrt(MAX_CANVAS_AREA / (wanted.width * wanted.height)),
  );
  return {
    width: Math.max(1, Math.floor(wanted.width * shrink)),
    height: Math.max(1, Math.floor(wanted.height * shrink)),
  };
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error("The diagram could not be drawn as an image."));
    image.src = url;
  });
}

/** Draws an SVG document into a PNG image; rejects with a readable message when it fails. */
export async function convertSvgToPng(svg: string, scale: number = PNG_SCALE): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const image = await loadImage(url);
    const size = getCanvasSize(image.naturalWidth, image.naturalHeight, scale);
    const canvas = document.createElement("canvas");
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext("2d");
    if (context === null) throw new Error("This browser cannot draw the image.");
    context.drawImage(image, 0, 0, size.width, size.height);
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob((blob) => {
        if (blob === null) reject(new Error("The image could not be encoded as PNG."));
        else resolve(blob);
      }, "image/png");
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a blob as a download named `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers start the download after click() returns: let go of the URL a bit later.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
