import type { QrDrawing } from "~/lib/qr.server";

export function QrCode({ drawing, label, width = 200 }: { drawing: QrDrawing; label: string; width?: number }) {
  const n = drawing.size;
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${n} ${n}`}
      width={width}
      height={width}
      shapeRendering="crispEdges"
    >
      <rect width={n} height={n} fill="#fff" />
      <path d={drawing.path} fill="#000" />
    </svg>
  );
}
