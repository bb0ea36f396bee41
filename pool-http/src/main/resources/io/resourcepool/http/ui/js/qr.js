// Draws a QR code on a canvas from its modules as the hub sends them (rows of 1 for dark, 0 for light), with the
// quiet zone scanners need around it. The hub encodes; the page only paints, so it needs no QR library.
const QUIET_ZONE = 4;

export function drawQr(canvas, qr) {
  const side = qr.size + 2 * QUIET_ZONE;
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, side, side);
  context.fillStyle = '#000';
  qr.rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) {
      if (row[x] === '1') {
        context.fillRect(x + QUIET_ZONE, y + QUIET_ZONE, 1, 1);
      }
    }
  });
}

export function clearQr(canvas) {
  canvas.width = 0;
  canvas.height = 0;
}
