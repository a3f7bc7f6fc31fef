import { encode } from "uqr";

export type QrDrawing = { size: number; path: string };

/**
 * A QR code as one SVG path of unit squares, with the standard quiet zone of four modules.
 * Drawn on the server, so the page ships no QR library.
 */
export function qrDrawing(text: string): QrDrawing {
  const { data } = encode(text, { ecc: "M", border: 4 });
  let path = "";
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return { size: data.length, path };
}
