/** What a capture asks for: pixel size and image type. */
export interface Capture {
  width: number;
  height: number;
  type: 'image/png' | 'image/webp';
  quality?: number;
}

export function canvasToBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The view could not be captured.'))), type, quality);
  });
}
